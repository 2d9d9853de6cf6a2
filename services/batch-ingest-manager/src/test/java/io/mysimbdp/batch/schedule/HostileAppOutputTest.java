package io.mysimbdp.batch.schedule;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.MeterRegistry;
import io.mysimbdp.batch.BatchTestEnvironment;
import io.mysimbdp.batch.config.BatchConfig;
import io.mysimbdp.batch.ledger.IngestionLedger;
import io.mysimbdp.batch.metrics.BatchMetrics;
import io.mysimbdp.batch.staging.AppOutputReader;
import io.mysimbdp.batch.trace.IngestionTracing;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.common.profile.ProfileSource;
import io.mysimbdp.common.runtime.LocalProcessRuntime;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hostile tenant app ({@code hostile-app.sh}) against the real manager: it links another tenant's
 * archived file and /etc/passwd into its output, fails a file with a 17-million-character reason, and
 * writes a 500 MB result.json that is still there when the manager restarts. The manager never copies
 * a link's target, cuts the reason so its ledger row is written, refuses to read the large result
 * (before and after the restart), and tenant2's files are ingested all along.
 */
@QuarkusTest
@TestProfile(HostileOutputProfile.class)
@QuarkusTestResource(BatchTestEnvironment.class)
class HostileAppOutputTest {
    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    MongoClient mongo;

    @Inject
    BatchConfig config;

    @Inject
    MeterRegistry registry;

    MongoCollection<Document> ledger() {
        return mongo.getDatabase(TenantNames.PLATFORM_DATABASE).getCollection(TenantNames.INGESTIONS_COLLECTION);
    }

    Document row(String tenant, String file, String status) {
        return ledger().find(Filters.and(Filters.eq("tenant", tenant), Filters.eq("file", file), Filters.eq("status", status))).first();
    }

    BatchIngestManager manager(Path var, Path tenants) throws IOException {
        BatchIngestManager m = new BatchIngestManager(config, var, ProfileSource.Factory.directory(tenants, Duration.ofMillis(200)),
                new LocalProcessRuntime(var.getParent()), new IngestionLedger(mongo), new BatchMetrics(registry),
                IngestionTracing.off(), Clock.systemUTC());
        m.start();
        return m;
    }

    static void stage(Path var, String tenant, String name, String content) throws IOException {
        Path dir = Files.createDirectories(var.resolve("staging").resolve(tenant));
        Files.move(Files.writeString(dir.resolve(name + ".part"), content), dir.resolve(name));
    }

    static List<Path> walk(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.toList();
        }
    }

    @Test
    void aHostileAppNeitherStealsNorStallsNorCrashLoops(@TempDir Path root) throws Exception {
        Path var = Files.createDirectories(root.resolve("var"));
        Path tenants = Files.createDirectories(root.resolve("tenants"));
        Path hostileApp = root.resolve("hostile-app.sh");
        try (InputStream in = HostileAppOutputTest.class.getResourceAsStream("/hostile-app.sh")) {
            Files.copy(in, hostileApp);
        }
        assertTrue(hostileApp.toFile().setExecutable(true));
        Files.writeString(tenants.resolve("hostile.yaml"), """
                constraints: {fileTypes: [csv]}
                batch:
                  schedule: {batchingWindow: 100ms}
                  apps: [{name: evil, command: [%s], maxAttempts: 1}]
                """.formatted(hostileApp));
        Files.writeString(tenants.resolve("tenant2.yaml"), """
                constraints: {fileTypes: [csv]}
                batch:
                  archiveInputs: true
                  schedule: {batchingWindow: 100ms}
                  apps: [{name: fake, command: [%s]}]
                """.formatted(BatchTestEnvironment.app));
        String secret = "id,secret\n1,tenant2-only\n";

        BatchIngestManager first = manager(var, tenants);
        try {
            stage(var, "tenant2", "first.csv", secret);
            await().atMost(WAIT).until(() -> row("tenant2", "first.csv", "DONE") != null);

            // links to tenant2's archived file and to /etc/passwd: the app's own file is done, no target is copied
            stage(var, "hostile", "link.csv", "id\n1\n");
            await().atMost(WAIT).until(() -> row("hostile", "link.csv", "DONE") != null);
            List<Path> kept = walk(var.resolve("results/hostile"));
            assertTrue(kept.stream().anyMatch(p -> p.getFileName().toString().equals(AppOutputReader.KEPT_NOTE)), kept.toString());
            for (Path p : kept) {
                assertFalse(Files.isSymbolicLink(p), p + " is a link");
                assertFalse(p.getFileName().toString().startsWith("stolen"), p + " was copied");
                assertFalse(p.getFileName().toString().equals("rejects.jsonl"), p + " (a link to /etc/passwd) was copied");
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    assertFalse(Files.readString(p).contains("tenant2-only"), p + " holds tenant2's data");
                }
            }

            // a 17-million-character reason: cut, so the FAILED row is written and the ledger stays current
            stage(var, "hostile", "longreason.csv", "id\n1\n");
            await().atMost(WAIT).until(() -> row("hostile", "longreason.csv", "FAILED") != null);
            String reason = row("hostile", "longreason.csv", "FAILED").getString("reason");
            assertTrue(reason.length() < 3_000 && reason.contains("truncated, 17000000 characters"), reason.substring(0, 200));

            // a 500 MB result.json, left in the job directory when the manager stops
            stage(var, "hostile", "bigresult.csv", "id\n1\n");
            await().atMost(WAIT).until(() -> walk(var.resolve("jobs/hostile")).stream()
                    .anyMatch(p -> p.getFileName().toString().equals("result.json") && p.toFile().length() == 500L << 20));
        } finally {
            first.close();
        }

        // restarted: recovery settles the attempt from its result.json without reading 500 MB, and keeps working
        BatchIngestManager second = manager(var, tenants);
        try {
            stage(var, "tenant2", "second.csv", "id,v\n1,a\n2,b\n");
            await().atMost(WAIT).until(() -> row("hostile", "bigresult.csv", "FAILED") != null
                    && row("tenant2", "second.csv", "DONE") != null);
            assertTrue(row("hostile", "bigresult.csv", "FAILED").getString("reason").contains("over the limit"));
            assertEquals(2L, row("tenant2", "second.csv", "DONE").getLong("rows_ok"));
            // the kept copy of the big result is cut at the cap
            long largest = walk(var.resolve("results/hostile")).stream().filter(p -> p.getFileName().toString().equals("result.json"))
                    .mapToLong(p -> p.toFile().length()).max().orElse(0);
            assertTrue(largest <= config.batch().output().maxKeptBytes(), "kept " + largest + " bytes");
            await().atMost(WAIT).until(() -> walk(var.resolve("jobs/hostile")).stream().noneMatch(Files::isRegularFile));
        } finally {
            second.close();
        }
    }
}
