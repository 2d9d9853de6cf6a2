package io.mysimbdp.streammanager.usage;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.common.store.StoreProbe;
import io.mysimbdp.streammanager.model.TopicKey;
import org.bson.Document;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Instance runs in {@code mysimbdp_platform.stream_instance_runs}, one document per run (see
 * docs/daas.md, "Usage"). Writes go through one background thread in order, so a slow or absent
 * store never stalls the manager's loop; a run whose end was never written (the manager died)
 * counts up to its {@code last_seen_at}, refreshed every heartbeat.
 */
public final class MongoInstanceRuns implements InstanceRuns, AutoCloseable {
    public static final String COLLECTION = "stream_instance_runs";
    private static final Logger LOG = Logger.getLogger(MongoInstanceRuns.class);
    /** Writes waiting beyond this are dropped (and said so): the store is gone, the manager goes on. */
    static final int MAX_PENDING = 10_000;

    private final MongoClient client;
    private final MongoCollection<Document> runs;
    private final Duration heartbeat;
    private final ExecutorService writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(MAX_PENDING), r -> {
        Thread t = new Thread(r, "instance-runs-writer");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Instant> lastBeat = new ConcurrentHashMap<>();

    public MongoInstanceRuns(String mongodbUri, Duration heartbeat) {
        this.client = MongoClients.create(MongoClientSettings.builder().applyConnectionString(new ConnectionString(mongodbUri))
                .applicationName("stream-ingest-manager")
                .applyToClusterSettings(c -> c.serverSelectionTimeout(5, TimeUnit.SECONDS)).build());
        this.runs = client.getDatabase(TenantNames.PLATFORM_DATABASE).getCollection(COLLECTION);
        this.heartbeat = heartbeat;
    }

    static String runId(TopicKey key, String instanceId, Instant startedAt) {
        return key.tenant() + "/" + key.topic() + "/" + instanceId + "@" + startedAt.toEpochMilli();
    }

    @Override
    public void started(TopicKey key, String instanceId, Instant startedAt) {
        String id = runId(key, instanceId, startedAt);
        lastBeat.put(id, startedAt);
        submit("start of " + id, () -> runs.updateOne(Filters.eq("_id", id), Updates.combine(
                Updates.setOnInsert("tenant", key.tenant()), Updates.setOnInsert("topic", key.topic()),
                Updates.setOnInsert("instance", instanceId), Updates.setOnInsert("started_at", Date.from(startedAt)),
                Updates.max("last_seen_at", Date.from(startedAt))), new UpdateOptions().upsert(true)));
    }

    @Override
    public void alive(TopicKey key, String instanceId, Instant startedAt, Instant at) {
        String id = runId(key, instanceId, startedAt);
        Instant last = lastBeat.get(id);
        if (last != null && Duration.between(last, at).compareTo(heartbeat) < 0) {
            return;
        }
        lastBeat.put(id, at);
        submit("heartbeat of " + id, () -> runs.updateOne(Filters.eq("_id", id), Updates.max("last_seen_at", Date.from(at))));
    }

    @Override
    public void ended(TopicKey key, String instanceId, Instant startedAt, Instant at, String exit) {
        String id = runId(key, instanceId, startedAt);
        lastBeat.remove(id);
        submit("end of " + id, () -> runs.updateOne(Filters.eq("_id", id), Updates.combine(
                Updates.set("ended_at", Date.from(at)), Updates.set("exit", exit), Updates.max("last_seen_at", Date.from(at)))));
    }

    private void submit(String what, Runnable write) {
        try {
            writer.execute(() -> {
                try {
                    write.run();
                } catch (MongoException e) {
                    LOG.warnf("instance run not recorded (%s): %s; its instance-hours will be short", what, e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warnf("instance run not recorded (%s): %d writes already waiting for the store", what, MAX_PENDING);
        }
    }

    /**
     * Pings the store (bounded by the client's 5 s server selection). Null when it answered, else
     * the error in one line.
     */
    public String ping() {
        return StoreProbe.ping(client);
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }
}
