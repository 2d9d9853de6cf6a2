package io.mysimbdp.daas.api;

import io.mysimbdp.common.contract.LedgerRow;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;

/** One ledger row ({@link LedgerRow}, read leniently) as the API shows it: the ledger's fields, {@code _id} as {@code id}, times as ISO-8601. */
public record IngestionRow(String id, String tenant, String ingestionId, String file, Long bytes, String sha256,
                           String status, String app, Integer attempt, String runtime, Instant detectedAt,
                           Instant startedAt, Instant finishedAt, Double durationS, Long rows, Long rowsOk,
                           Long rowsFailed, Long rowsDuplicate, String rule, String reason,
                           /* with quality rules: the file's share of good rows, and whether it is under the minimum */
                           Double goodShare, Boolean qualityFlagged) {

    static IngestionRow of(Document d) {
        return new IngestionRow(str(d.get(LedgerRow.ID)), str(d.get(LedgerRow.TENANT)), str(d.get(LedgerRow.INGESTION_ID)), str(d.get(LedgerRow.FILE)),
                lng(d.get(LedgerRow.BYTES)), str(d.get(LedgerRow.SHA256)), str(d.get(LedgerRow.STATUS)), str(d.get(LedgerRow.APP)),
                d.get(LedgerRow.ATTEMPT) instanceof Number n ? n.intValue() : null, str(d.get(LedgerRow.RUNTIME)),
                time(d.get(LedgerRow.DETECTED_AT)), time(d.get(LedgerRow.STARTED_AT)), time(d.get(LedgerRow.FINISHED_AT)),
                d.get(LedgerRow.DURATION_S) instanceof Number n ? n.doubleValue() : null,
                lng(d.get(LedgerRow.ROWS)), lng(d.get(LedgerRow.ROWS_OK)), lng(d.get(LedgerRow.ROWS_FAILED)), lng(d.get(LedgerRow.ROWS_DUPLICATE)),
                str(d.get(LedgerRow.RULE)), str(d.get(LedgerRow.REASON)),
                d.get(LedgerRow.GOOD_SHARE) instanceof Number n ? n.doubleValue() : null,
                d.get(LedgerRow.QUALITY_FLAGGED) instanceof Boolean b ? b : null);
    }

    private static String str(Object v) {
        return v == null ? null : v.toString();
    }

    private static Long lng(Object v) {
        return v instanceof Number n ? n.longValue() : null;
    }

    private static Instant time(Object v) {
        return v instanceof Date date ? date.toInstant() : null;
    }
}
