package io.mysimbdp.common.stream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import io.mysimbdp.common.naming.TenantNames;
import org.bson.Document;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/**
 * The stream apps' interval reports in the platform database, {@code mysimbdp_platform.stream_reports}:
 * one document per instance and reporting interval, the figures daas sums into the stream statistics.
 * The id is the instance and the interval's end, and each write replaces by id, so storing a report
 * again never counts it twice.
 */
public final class StreamReportLog {
    public static final String COLLECTION = "stream_reports";
    public static final String TENANT = "tenant";
    public static final String TOPIC = "topic";
    public static final String INSTANCE = "instance";
    public static final String INTERVAL_START = "interval_start";
    public static final String INTERVAL_END = "interval_end";
    public static final String MESSAGES = "messages";
    /** Of the messages, those sent to the DLQ. */
    public static final String FAILED_MESSAGES = "failed_messages";
    public static final String BYTES = "bytes";
    /** Seconds the instance spent processing in the interval (the report's {@code ingestion_time}). */
    public static final String INGESTION_TIME_S = "ingestion_time_s";
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    /** The index daas's stats aggregations match on (a tenant's reports since a time). */
    public static final String INDEX = "tenant_interval_end";
    private final MongoCollection<Document> collection;
    /** Set once the index exists; written from one thread (the app's background writer). */
    private volatile boolean indexed;

    public StreamReportLog(MongoClient client) {
        this.collection = client.getDatabase(TenantNames.PLATFORM_DATABASE).getCollection(COLLECTION);
    }

    /**
     * One reporting interval of one instance.
     *
     * @param topic          the tenant's topic without the tenant prefix
     * @param failedMessages of {@code messages}, those sent to the DLQ
     * @param bytes          the messages' key and value bytes
     * @param ingestionTimeS seconds spent processing in the interval
     */
    public record Interval(String tenant, String topic, String instance, Instant start, Instant end,
                           long messages, long failedMessages, long bytes, double ingestionTimeS) {
        /** {@code <tenant>.<topic>/<instance>@<interval end>}: the same for the same report. */
        public String id() {
            return tenant + "." + topic + "/" + instance + "@" + end.truncatedTo(ChronoUnit.MILLIS);
        }
    }

    /** @throws com.mongodb.MongoException when the store cannot take it */
    public void write(Interval interval) {
        if (!indexed) {
            collection.createIndex(Indexes.ascending(TENANT, INTERVAL_END), new IndexOptions().name(INDEX));
            indexed = true;
        }
        collection.replaceOne(new Document("_id", interval.id()), document(interval), UPSERT);
    }

    /** The stored document. Pure. */
    public static Document document(Interval i) {
        return new Document("_id", i.id())
                .append(TENANT, i.tenant())
                .append(TOPIC, i.topic())
                .append(INSTANCE, i.instance())
                .append(INTERVAL_START, Date.from(i.start()))
                .append(INTERVAL_END, Date.from(i.end()))
                .append(MESSAGES, i.messages())
                .append(FAILED_MESSAGES, i.failedMessages())
                .append(BYTES, i.bytes())
                .append(INGESTION_TIME_S, i.ingestionTimeS());
    }
}
