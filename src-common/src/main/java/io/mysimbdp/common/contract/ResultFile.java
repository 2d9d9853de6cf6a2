package io.mysimbdp.common.contract;

import java.util.List;

/**
 * {@code result.json}, the batch app's account of a job (docs/tenant-app-contract.md, "What the app must
 * produce"): its file name, field names and status values, spelled once. The app writes it
 * ({@code IngestionResult}), the batch manager reads it ({@code AppResult}).
 *
 * <p>Compatibility: the writer is strict, it writes exactly {@link #TOP_LEVEL} and, per file, {@link #FILE_FIELDS}
 * (with {@link #QUALITY} only under quality rules). The reader is lenient: it ignores fields it does not know,
 * takes a missing figure as 0 and a missing reason, hash or collection as absent, and refuses only a document
 * that is not an object, has no {@link #FILES} array, or has an entry without {@link #FILE} or {@link #STATUS}.
 */
public final class ResultFile {
    public static final String FILE_NAME = "result.json";

    // top level
    public static final String TENANT_NAME = "tenant_name";
    public static final String INGESTION_ID = "ingestion_id";
    public static final String INGESTION_TYPE = "ingestion_type";
    public static final String APP = "app";
    public static final String STARTED_AT = "started_at";
    public static final String FINISHED_AT = "finished_at";
    public static final String FILES = "files";

    // per file (and, where it is a figure, summed at the top level)
    public static final String FILE = "file";
    public static final String STATUS = "status";
    public static final String REASON = "reason";
    public static final String SHA256 = "sha256";
    public static final String COLLECTION = "collection";
    public static final String DATA_SIZE = "data_size";
    public static final String ROWS = "rows";
    public static final String SUCCESSFUL_ROWS = "successful_rows";
    public static final String FAILED_ROWS = "failed_rows";
    public static final String DUPLICATE_ROWS = "duplicate_rows";
    public static final String FIRST_ERRORS = "first_errors";
    public static final String INGESTION_TIME = "ingestion_time";
    public static final String INGESTION_RATE = "ingestion_rate";
    public static final String ROWS_PER_SECOND = "rows_per_second";
    public static final String TIMESTAMP = "timestamp";
    /** The file's quality figures; only with quality rules. */
    public static final String QUALITY = "quality";

    // an entry of first_errors
    public static final String ROW = "row";

    /** A file's {@link #STATUS}: every row was taken or refused for a reason of its own. */
    public static final String STATUS_OK = "ok";
    /** A file's {@link #STATUS}: the file as a whole failed ({@link #REASON} says why). */
    public static final String STATUS_FAILED = "failed";

    /** The top level's fields, in the order they are written. */
    public static final List<String> TOP_LEVEL = List.of(TENANT_NAME, INGESTION_ID, INGESTION_TYPE, APP, TIMESTAMP,
            STARTED_AT, FINISHED_AT, FILES, DATA_SIZE, ROWS, SUCCESSFUL_ROWS, FAILED_ROWS, DUPLICATE_ROWS,
            INGESTION_TIME, INGESTION_RATE);
    /** A file entry's fields, in the order they are written ({@link #QUALITY} last, only with quality rules). */
    public static final List<String> FILE_FIELDS = List.of(FILE, STATUS, REASON, SHA256, COLLECTION, DATA_SIZE, ROWS,
            SUCCESSFUL_ROWS, FAILED_ROWS, DUPLICATE_ROWS, FIRST_ERRORS, INGESTION_TIME, INGESTION_RATE, ROWS_PER_SECOND,
            TIMESTAMP);
    /** An entry of {@link #FIRST_ERRORS}. */
    public static final List<String> ROW_ERROR_FIELDS = List.of(ROW, REASON);

    private ResultFile() {
    }
}
