package io.mysimbdp.daas.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.common.quality.QualityLog;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Reads the quality metadata ({@code mysimbdp_platform.quality}, written by the tenant apps: one
 * document per file or stream batch): a tenant's documents newest first, and their sums.
 */
@ApplicationScoped
public class QualityQueries {
    private final MongoCollection<Document> quality;

    public QualityQueries(MongoClient client) {
        this.quality = client.getDatabase(TenantNames.PLATFORM_DATABASE).getCollection(QualityLog.COLLECTION);
    }

    /** Sums of the matching documents. */
    public record Totals(long batches, long flagged, long records, long good) {
        public double goodShare() {
            return records == 0 ? 1.0 : (double) good / records;
        }
    }

    /**
     * One tenant's documents finished at or after {@code since} (all when null), of one kind
     * ({@code file}, {@code stream}; all when null), only the flagged ones when asked.
     */
    public static Bson filter(String tenant, Instant since, String kind, boolean flaggedOnly) {
        List<Bson> parts = new ArrayList<>();
        parts.add(Filters.eq("tenant", tenant));
        if (since != null) {
            parts.add(Filters.gte("finished_at", Date.from(since)));
        }
        if (kind != null) {
            parts.add(Filters.eq("kind", kind));
        }
        if (flaggedOnly) {
            parts.add(Filters.eq("flagged", true));
        }
        return Filters.and(parts);
    }

    public List<Document> page(Bson filter, int limit, int offset) {
        return quality.find(filter).sort(Sorts.descending("finished_at", "_id")).skip(offset).limit(limit).into(new ArrayList<>());
    }

    public Totals totals(Bson filter) {
        Document sums = quality.aggregate(List.of(Aggregates.match(filter), Aggregates.group(null,
                Accumulators.sum("batches", 1), Accumulators.sum("records", "$records"), Accumulators.sum("good", "$good")))).first();
        long flagged = quality.countDocuments(Filters.and(filter, Filters.eq("flagged", true)));
        if (sums == null) {
            return new Totals(0, 0, 0, 0);
        }
        return new Totals(number(sums.get("batches")), flagged, number(sums.get("records")), number(sums.get("good")));
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
