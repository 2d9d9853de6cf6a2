package io.mysimbdp.e2e;

import com.mongodb.client.model.Filters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store (mysimbdp-coredms) goes away for 30 s while a batch job and a stream app are both
 * writing, then comes back on the same port: the batch attempts fail and are retried with backoff,
 * the stream app commits nothing while the store is gone, and afterwards every row and every
 * message is in the store exactly once. The store runs on its H2 file backend, so what it
 * acknowledged before the stop is still there after the restart. Part of {@code make chaos}.
 */
class StoreOutageChaosIT {
    static final Duration WAIT = Duration.ofMinutes(4);
    static final Duration OUTAGE = Duration.ofSeconds(30);
    static final String GROUP = io.mysimbdp.common.naming.TenantNames.streamConsumerGroup("tenant1", "listings");
    /** mysimbdp.batch.retry-backoff's default. */
    static final Duration RETRY_BACKOFF = Duration.ofSeconds(2);
    /** The ledger keeps milliseconds. */
    static final long CLOCK_SLACK_MILLIS = 2;
    /** Enough attempts that a 30 s outage (10 s store timeout per attempt, backoff 2 s, 4 s, 8 s…) cannot use them up. */
    static final UnaryOperator<String> PATIENT_BATCH_APP = yaml -> yaml.replace("maxAttempts: 3", "maxAttempts: 8");

    @TempDir
    Path tmp;
    Platform platform;

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    long committed(Admin admin) throws Exception {
        Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> offsets =
                admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        return offsets.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
    }

    long stored(String collection) {
        return platform.documents("tenant_tenant1", collection);
    }

    @Test
    void batchAndStreamIngestionSurviveTheStoreGoingAwayForThirtySeconds() throws Exception {
        platform = new Platform(tmp, Map.of("tenant1.yaml", PATIENT_BATCH_APP), Map.of("MONGO_BACKEND", "h2"));
        await().atMost(WAIT).until(() -> platform.running("tenant1", "listings") >= 1);
        try (Admin admin = Admin.create(platform.superUser())) {
            platform.cli("produce", "--tenant", "tenant1", "--topic", "listings", "--count", "5000", "--start-id", "1");
            await().atMost(WAIT).until(() -> stored("listings_stream") == 5000 && committed(admin) == 5000);

            Path gen = platform.sampleData("outage", "--format", "csv", "--rows", "5000", "--files", "4", "--prefix", "outage", "--start-id", "1");
            Path staging = Files.createDirectories(platform.var.resolve("staging/tenant1"));
            for (Path f : Platform.files(gen)) {
                Files.move(f, staging.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
            await().atMost(WAIT).until(() -> stored("listings") > 0);

            long storePid = platform.stopComponent("coredms", false);
            long outageStart = System.nanoTime();
            // messages keep arriving while the store is gone
            platform.cli("produce", "--tenant", "tenant1", "--topic", "listings", "--count", "10000", "--start-id", "100001");
            Duration left = OUTAGE.minusNanos(System.nanoTime() - outageStart);
            await().pollDelay(left.isNegative() ? Duration.ZERO : left).atMost(WAIT).until(() -> true);
            assertEquals(5000, committed(admin), "the stream app commits nothing while it cannot write");
            for (var e : platform.stack.pids().entrySet()) {
                if (!e.getKey().equals("coredms")) {
                    assertTrue(StackProcess.isAlive(e.getValue()), e.getKey() + " outlives the store outage\n" + platform.stack.logTail(e.getKey()));
                }
            }
            assertFalse(StackProcess.isAlive(storePid));

            platform.stack.run(); // starts only what is not running: the store, on the same port and file
            await().atMost(WAIT).until(() -> platform.ledger().distinct("file", Filters.and(Filters.eq("tenant", "tenant1"),
                    Filters.eq("status", "DONE")), String.class).into(new ArrayList<>()).size() == 4);
            await().atMost(WAIT).until(() -> stored("listings_stream") >= 15000 && committed(admin) == 15000);
            // exactly once: nothing more arrives
            await().pollDelay(Duration.ofSeconds(3)).atMost(WAIT).until(() -> true);
            assertEquals(4 * 5000, stored("listings"));
            assertEquals(15000, stored("listings_stream"));
        }
        List<Document> retries = platform.ledger().find(Filters.and(Filters.eq("tenant", "tenant1"), Filters.eq("status", "RETRY")))
                .into(new ArrayList<>());
        assertFalse(retries.isEmpty(), "the outage failed at least one attempt, which was retried");
        for (Document r : retries) {
            assertTrue(r.getString("reason") != null && !r.getString("reason").isBlank(), r.toJson());
        }
        // the retries backed off: attempt k started at least 2 s × 2^(k-2) after attempt k-1 ended (the manager's default base)
        for (Object file : platform.ledger().distinct("file", Filters.eq("tenant", "tenant1"), String.class)) {
            List<Document> attempts = platform.ledger().find(Filters.and(Filters.eq("tenant", "tenant1"), Filters.eq("file", file),
                    Filters.in("status", "RETRY", "DONE"))).sort(new Document("attempt", 1)).into(new ArrayList<>());
            for (int i = 1; i < attempts.size(); i++) {
                int attempt = attempts.get(i).getInteger("attempt");
                long waited = attempts.get(i).getDate("started_at").getTime() - attempts.get(i - 1).getDate("finished_at").getTime();
                long backoff = RETRY_BACKOFF.toMillis() << (attempt - 2);
                assertTrue(waited >= backoff - CLOCK_SLACK_MILLIS, file + " attempt " + attempt + " started " + waited + " ms after the last, backoff " + backoff);
            }
        }
        assertEquals(0, platform.ledgerCount("tenant1", "FAILED"));
        Path failed = platform.var.resolve("failed/tenant1");
        assertTrue(!Files.exists(failed) || Platform.files(failed).isEmpty(), "no file given up");
        assertTrue(Platform.files(platform.var.resolve("staging/tenant1")).isEmpty());
    }
}
