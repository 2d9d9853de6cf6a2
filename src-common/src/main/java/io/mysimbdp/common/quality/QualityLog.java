package io.mysimbdp.common.quality;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import io.mysimbdp.common.naming.TenantNames;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The quality metadata in the platform database, {@code mysimbdp_platform.quality}: one document
 * per file or stream batch (fields in docs/tenant-app-contract.md, "Data quality"). Each write
 * replaces the document by id, so writing a retried batch again is harmless.
 */
public final class QualityLog {
    public static final String COLLECTION = "quality";
    public static final String KIND_FILE = "file";
    public static final String KIND_STREAM = "stream";
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final MongoCollection<Document> collection;

    public QualityLog(MongoClient client) {
        this.collection = client.getDatabase(TenantNames.PLATFORM_DATABASE).getCollection(COLLECTION);
    }

    /** What one document says besides the figures: which batch of which tenant, and when. */
    public record Batch(String id, String tenant, String kind, String source, String collection, Instant startedAt,
                        Instant finishedAt, Document details) {
    }

    /** @throws com.mongodb.MongoException when the store cannot take it */
    public void write(Batch batch, BatchQuality quality) {
        collection.replaceOne(new Document("_id", batch.id()), document(batch, quality), UPSERT);
    }

    /** The stored document. Pure. */
    public static Document document(Batch batch, BatchQuality q) {
        List<Document> failures = new ArrayList<>();
        for (Map.Entry<String, Long> e : q.failuresByRule().entrySet()) {
            failures.add(new Document("rule", e.getKey()).append("records", e.getValue()));   // rule names hold dots: not keys
        }
        Document d = new Document("_id", batch.id())
                .append("tenant", batch.tenant())
                .append("kind", batch.kind())
                .append("source", batch.source())
                .append("collection", batch.collection())
                .append("records", q.records())
                .append("good", q.good())
                .append("bad", q.bad())
                .append("good_share", q.goodShare())
                .append("min_good_share", q.minGoodShare())
                .append("flagged", q.flagged())
                .append("failures", failures)
                .append("started_at", Date.from(batch.startedAt()))
                .append("finished_at", Date.from(batch.finishedAt()));
        if (batch.details() != null) {
            d.putAll(batch.details());
        }
        return d;
    }
}
