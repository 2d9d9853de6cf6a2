package io.mysimbdp.common.contract;

import java.util.List;

/**
 * A row of the ingestion ledger ({@code mysimbdp_platform.ingestions}), one file attempt or one refused
 * file: its field names, spelled once. The batch manager writes it ({@code IngestionLedger}), daas reads it
 * ({@code LedgerFields}, {@code IngestionRow}).
 *
 * <p>Compatibility: the writer is strict, it writes only {@link #FIELDS} and leaves out a field that has no
 * value (a refused file has no attempt's figures, a file without quality rules no {@link #GOOD_SHARE}). A
 * reader is lenient: it ignores fields it does not know and takes a missing one as absent (null), never 0.
 */
public final class LedgerRow {
    public static final String ID = "_id";
    public static final String TENANT = "tenant";
    public static final String INGESTION_ID = "ingestion_id";
    public static final String FILE = "file";
    public static final String BYTES = "bytes";
    public static final String SHA256 = "sha256";
    public static final String STATUS = "status";
    public static final String APP = "app";
    public static final String ATTEMPT = "attempt";
    public static final String RUNTIME = "runtime";
    public static final String DETECTED_AT = "detected_at";
    public static final String STARTED_AT = "started_at";
    public static final String FINISHED_AT = "finished_at";
    public static final String DURATION_S = "duration_s";
    public static final String ROWS = "rows";
    public static final String ROWS_OK = "rows_ok";
    public static final String ROWS_FAILED = "rows_failed";
    public static final String ROWS_DUPLICATE = "rows_duplicate";
    public static final String RULE = "rule";
    public static final String REASON = "reason";
    /** With quality rules: the file's share of good records. */
    public static final String GOOD_SHARE = "good_share";
    /** With quality rules: whether the share is under the tenant's minimum. */
    public static final String QUALITY_FLAGGED = "quality_flagged";

    /** Every field a row may have. */
    public static final List<String> FIELDS = List.of(ID, TENANT, INGESTION_ID, FILE, BYTES, SHA256, STATUS, APP, ATTEMPT,
            RUNTIME, DETECTED_AT, STARTED_AT, FINISHED_AT, DURATION_S, ROWS, ROWS_OK, ROWS_FAILED, ROWS_DUPLICATE, RULE, REASON,
            GOOD_SHARE, QUALITY_FLAGGED);

    private LedgerRow() {
    }
}
