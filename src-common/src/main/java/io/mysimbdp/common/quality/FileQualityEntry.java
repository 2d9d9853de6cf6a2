package io.mysimbdp.common.quality;

import com.fasterxml.jackson.databind.JsonNode;
import org.bson.Document;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * A file's {@code quality} object in a batch app's result.json (docs/tenant-app-contract.md, "Data
 * quality"), as the batch manager reads it to write the file's row of {@code mysimbdp_platform.quality}
 * (batch apps no longer write that collection). Read leniently: absent figures are 0, a good count
 * above the records is cut to them, unknown fields are ignored.
 *
 * @param figures     records, good, failures by rule, share and threshold (the share and the flag are
 *                    recomputed from the counts, never taken on the app's word)
 * @param quarantined records written to the quarantine collection
 * @param quarantine  the quarantine collection's name, null when not said
 */
public record FileQualityEntry(BatchQuality figures, long quarantined, String quarantine) {

    public double goodShare() {
        return figures.goodShare();
    }

    public boolean flagged() {
        return figures.flagged();
    }

    /** Null when {@code quality} is absent or not an object (the app has no quality rules). Pure. */
    public static FileQualityEntry read(JsonNode quality) {
        if (quality == null || !quality.isObject()) {
            return null;
        }
        long records = Math.max(0, quality.path("records").asLong());
        long good = Math.min(records, Math.max(0, quality.path("good").asLong()));
        Map<String, Long> failures = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = quality.path("failures").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().canConvertToLong() && e.getValue().asLong() > 0) {
                failures.put(e.getKey(), e.getValue().asLong());
            }
        }
        JsonNode quarantine = quality.get("quarantine");
        return new FileQualityEntry(BatchQuality.of(records, good, failures, quality.path("min_good_share").asDouble(0)),
                Math.max(0, quality.path("quarantined").asLong()), quarantine != null && quarantine.isTextual() ? quarantine.asText() : null);
    }

    /** Which file of which attempt, for the row's id and description. */
    public record FileAttempt(String tenant, String ingestionId, int attempt, String file, String sha256, String collection,
                              Instant startedAt, Instant finishedAt) {
    }

    /** {@code file:<tenant>/<ingestion id>/<file>}: the same for every attempt, so the last attempt's row stands. */
    public static String id(FileAttempt a) {
        return QualityLog.KIND_FILE + ":" + a.tenant() + "/" + a.ingestionId() + "/" + a.file();
    }

    /** The file's row of {@code mysimbdp_platform.quality}, the shape apps used to write. Pure. */
    public QualityLog.Batch batch(FileAttempt a) {
        Document details = new Document("ingestion_id", a.ingestionId()).append("attempt", a.attempt())
                .append("sha256", a.sha256()).append("quarantined", quarantined)
                .append("quarantine", quarantine != null ? quarantine
                        : a.collection() == null ? null : Quarantine.collection(a.collection()));
        return new QualityLog.Batch(id(a), a.tenant(), QualityLog.KIND_FILE, a.file(), a.collection(), a.startedAt(),
                a.finishedAt(), details);
    }

    public Document document(FileAttempt a) {
        return QualityLog.document(batch(a), figures);
    }
}
