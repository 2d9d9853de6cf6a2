package io.mysimbdp.daas.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.common.stream.StreamReportLog;
import io.mysimbdp.daas.model.StreamTotals;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.mysimbdp.common.stream.StreamReportLog.*;

/**
 * Sums the stream apps' interval reports ({@code mysimbdp_platform.stream_reports}, one document per
 * instance and interval) per tenant and topic, with one aggregation the store runs.
 */
@ApplicationScoped
public class StreamReportQueries {
    private final MongoCollection<Document> reports;

    public StreamReportQueries(MongoClient client) {
        this.reports = client.getDatabase(TenantNames.PLATFORM_DATABASE).getCollection(StreamReportLog.COLLECTION);
    }

    /**
     * Reports of intervals that ended at or after {@code since} (all when null), the same window as the
     * ledger's settled rows. {@code tenant} null: every tenant.
     */
    public static Bson window(String tenant, Instant since) {
        List<Bson> parts = new ArrayList<>();
        if (tenant != null) {
            parts.add(Filters.eq(TENANT, tenant));
        }
        if (since != null) {
            parts.add(Filters.gte(INTERVAL_END, Date.from(since)));
        }
        return parts.isEmpty() ? new Document() : Filters.and(parts);
    }

    /** Summed reports matching {@code window}, by tenant, then by topic. */
    public Map<String, Map<String, StreamTotals>> totalsByTenantAndTopic(Bson window) {
        List<Bson> pipeline = List.of(
                new Document("$match", window),
                new Document("$group", new Document("_id", new Document("tenant", "$" + TENANT).append("topic", "$" + TOPIC))
                        .append("reports", new Document("$sum", 1))
                        .append("messages", new Document("$sum", "$" + MESSAGES))
                        .append("dlq", new Document("$sum", "$" + FAILED_MESSAGES))
                        .append("bytes", new Document("$sum", "$" + BYTES))
                        .append("time", new Document("$sum", "$" + INGESTION_TIME_S))
                        .append("first", new Document("$min", "$" + INTERVAL_START))
                        .append("last", new Document("$max", "$" + INTERVAL_END))));
        Map<String, Map<String, StreamTotals>> out = new TreeMap<>();
        for (Document g : reports.aggregate(pipeline).allowDiskUse(true)) {
            Document id = g.get("_id", Document.class);
            if (id.get("tenant") instanceof String tenant && id.get("topic") instanceof String topic) {
                out.computeIfAbsent(tenant, t -> new TreeMap<>()).put(topic, new StreamTotals(
                        LedgerQueries.longOf(g.get("reports")), LedgerQueries.longOf(g.get("messages")),
                        LedgerQueries.longOf(g.get("dlq")), LedgerQueries.longOf(g.get("bytes")),
                        LedgerQueries.doubleOf(g.get("time")), LedgerQueries.instantOf(g.get("first")),
                        LedgerQueries.instantOf(g.get("last"))));
            }
        }
        return out;
    }
}
