package io.mysimbdp.daas.api;

import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One quality document as the API shows it: {@code _id} as {@code id}, times as ISO-8601,
 * {@code failures} as rule → records; the batch's own details (ingestion id, offsets…) under {@code details}.
 */
public record QualityRow(String id, String kind, String source, String collection, Long records, Long good, Long bad,
                         Double goodShare, Double minGoodShare, Boolean flagged, Map<String, Long> failures,
                         Instant startedAt, Instant finishedAt, Map<String, Object> details) {
    private static final List<String> OWN_FIELDS = List.of("_id", "tenant", "kind", "source", "collection", "records", "good",
            "bad", "good_share", "min_good_share", "flagged", "failures", "started_at", "finished_at");

    static QualityRow of(Document d) {
        Map<String, Long> failures = new LinkedHashMap<>();
        for (Object f : d.getList("failures", Object.class, List.of())) {
            if (f instanceof Document rule && rule.get("records") instanceof Number n) {
                failures.put(rule.getString("rule"), n.longValue());
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        d.forEach((key, value) -> {
            if (!OWN_FIELDS.contains(key)) {
                details.put(key, value instanceof Date date ? date.toInstant() : value);
            }
        });
        return new QualityRow(String.valueOf(d.get("_id")), d.getString("kind"), d.getString("source"), d.getString("collection"),
                lng(d.get("records")), lng(d.get("good")), lng(d.get("bad")), dbl(d.get("good_share")), dbl(d.get("min_good_share")),
                d.get("flagged") instanceof Boolean b ? b : null, failures, time(d.get("started_at")), time(d.get("finished_at")),
                details);
    }

    private static Long lng(Object v) {
        return v instanceof Number n ? n.longValue() : null;
    }

    private static Double dbl(Object v) {
        return v instanceof Number n ? n.doubleValue() : null;
    }

    private static Instant time(Object v) {
        return v instanceof Date date ? date.toInstant() : null;
    }
}
