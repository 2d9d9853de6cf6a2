package io.mysimbdp.daas.api;

import org.bson.Document;

import java.time.Instant;
import java.util.Date;

/** One ledger row as the API shows it: the ledger's fields, {@code _id} as {@code id}, times as ISO-8601. */
public record IngestionRow(String id, String tenant, String ingestionId, String file, Long bytes, String sha256,
                           String status, String app, Integer attempt, String runtime, Instant detectedAt,
                           Instant startedAt, Instant finishedAt, Double durationS, Long rows, Long rowsOk,
                           Long rowsFailed, Long rowsDuplicate, String rule, String reason,
                           /* with quality rules: the file's share of good rows, and whether it is under the minimum */
                           Double goodShare, Boolean qualityFlagged) {

    static IngestionRow of(Document d) {
        return new IngestionRow(str(d.get("_id")), str(d.get("tenant")), str(d.get("ingestion_id")), str(d.get("file")),
                lng(d.get("bytes")), str(d.get("sha256")), str(d.get("status")), str(d.get("app")),
                d.get("attempt") instanceof Number n ? n.intValue() : null, str(d.get("runtime")),
                time(d.get("detected_at")), time(d.get("started_at")), time(d.get("finished_at")),
                d.get("duration_s") instanceof Number n ? n.doubleValue() : null,
                lng(d.get("rows")), lng(d.get("rows_ok")), lng(d.get("rows_failed")), lng(d.get("rows_duplicate")),
                str(d.get("rule")), str(d.get("reason")),
                d.get("good_share") instanceof Number n ? n.doubleValue() : null,
                d.get("quality_flagged") instanceof Boolean b ? b : null);
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
