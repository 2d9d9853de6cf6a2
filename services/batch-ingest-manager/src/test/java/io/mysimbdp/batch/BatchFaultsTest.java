package io.mysimbdp.batch;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.mysimbdp.batch.staging.FileMover;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.mysimbdp.batch.BatchTestEnvironment.profile;
import static io.mysimbdp.batch.BatchTestEnvironment.var;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Faults of a tenant's batch app (killed mid-file, malformed result.json), one tenant flooding
 * beyond its hourly quota while another ingests, and a staging folder that cannot be written:
 * each with the exact outcome in the ledger and the folders. The app is {@code fake-app.sh}.
 */
@QuarkusTest
@QuarkusTestResource(BatchTestEnvironment.class)
class BatchFaultsTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    MongoClient mongo;

    MongoCollection<Document> ledger() {
        return mongo.getDatabase("mysimbdp_platform").getCollection("ingestions");
    }

    long count(String tenant, String status) {
        return ledger().countDocuments(Filters.and(Filters.eq("tenant", tenant), Filters.eq("status", status)));
    }

    List<String> statuses(String tenant, String file) {
        Bson f = Filters.and(Filters.eq("tenant", tenant), Filters.eq("file", file));
        return ledger().find(f).sort(new Document("attempt", 1)).map(d -> d.getString("status")).into(new ArrayList<>());
    }

    static void onboard(String tenant, String constraints, String appExtras) throws IOException {
        profile(tenant, constraints, appExtras);
        await().atMost(WAIT).untilAsserted(() -> given().header("X-API-Key", "test-operator-key").get("/api/status").then().body("tenants.tenant", hasItem(tenant)));
    }

    static Document failedReason(String tenant, String file) throws IOException {
        return Document.parse(Files.readString(var.resolve("failed").resolve(tenant).resolve(file + FileMover.REASON_SUFFIX)));
    }

    static long entries(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void anAppKilledMidFileIsRetriedAndTheFileLandsOnce() throws Exception {
        onboard("kappa", "{fileTypes: [csv]}", "maxAttempts: 3");
        BatchIngestManagerTest.stage("kappa", "sigkill.csv", BatchIngestManagerTest.csv(7));
        await().atMost(WAIT).until(() -> count("kappa", "DONE") == 1);
        assertEquals(List.of("RETRY", "DONE"), statuses("kappa", "sigkill.csv"));
        Document retry = ledger().find(Filters.and(Filters.eq("file", "sigkill.csv"), Filters.eq("status", "RETRY"))).first();
        // the partial result.json the killed attempt left is not trusted
        assertTrue(retry.getString("reason").contains("result.json is not valid JSON"), retry.toJson());
        Document done = ledger().find(Filters.and(Filters.eq("file", "sigkill.csv"), Filters.eq("status", "DONE"))).first();
        assertEquals(2, done.getInteger("attempt"));
        assertEquals(7L, done.getLong("rows_ok"));
        assertEquals(0, entries(var.resolve("failed/kappa")));
        await().atMost(WAIT).until(() -> entries(var.resolve("jobs/kappa")) == 0);
    }

    @Test
    void attemptsThatFailedOnlyForTheStoreDoNotCountAgainstMaxAttempts() throws Exception {
        onboard("storewait", "{fileTypes: [csv]}", "maxAttempts: 2");
        BatchIngestManagerTest.stage("storewait", "storedown.csv", BatchIngestManagerTest.csv(5));
        await().atMost(WAIT).until(() -> count("storewait", "DONE") == 1);
        // three attempts exited 75 (store unavailable), yet maxAttempts 2 did not fail the file
        assertEquals(List.of("RETRY", "RETRY", "RETRY", "DONE"), statuses("storewait", "storedown.csv"));
        Document retry = ledger().find(Filters.and(Filters.eq("file", "storedown.csv"), Filters.eq("status", "RETRY"))).first();
        assertTrue(retry.getString("reason").contains("this attempt does not count"), retry.toJson());
        assertEquals(0, entries(var.resolve("failed/storewait")));
    }

    @Test
    void aMalformedOrMisshapenResultFailsTheFileWithTheReasonAfterItsAttempts() throws Exception {
        onboard("lambda", "{fileTypes: [csv]}", "maxAttempts: 2");
        BatchIngestManagerTest.stage("lambda", "malformed.csv", BatchIngestManagerTest.csv(3));
        await().atMost(WAIT).until(() -> Files.exists(var.resolve("failed/lambda/malformed.csv" + FileMover.REASON_SUFFIX)));
        Document r = failedReason("lambda", "malformed.csv");
        assertEquals(2, r.getInteger("attempts"));
        assertTrue(r.getString("reason").contains("result.json is not valid JSON"), r.toJson());
        assertTrue(Files.exists(var.resolve("failed/lambda/malformed.csv")), "the file itself is kept beside its reason");

        BatchIngestManagerTest.stage("lambda", "badshape.csv", BatchIngestManagerTest.csv(3));
        await().atMost(WAIT).until(() -> Files.exists(var.resolve("failed/lambda/badshape.csv" + FileMover.REASON_SUFFIX)));
        assertTrue(failedReason("lambda", "badshape.csv").getString("reason").contains("no 'files' array"));
        await().atMost(WAIT).until(() -> statuses("lambda", "badshape.csv").equals(List.of("RETRY", "FAILED")));
        assertEquals(List.of("RETRY", "FAILED"), statuses("lambda", "malformed.csv"));
        assertEquals(0, count("lambda", "DONE"));
    }

    @Test
    void aTenantFloodingPastItsHourlyQuotaIsRefusedWhileAnotherIngestsEverything() throws Exception {
        String content = BatchIngestManagerTest.csv(40);
        long size = content.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        int admittable = 3;
        onboard("flood", "{fileTypes: [csv], maxStagedFiles: 100, maxBytesPerHour: " + (admittable * size + size / 2) + "}", "");
        onboard("calm", "{fileTypes: [csv], maxStagedFiles: 100}", "");
        Path floodAside = Files.createDirectories(var.resolve("aside-flood"));
        Path calmAside = Files.createDirectories(var.resolve("aside-calm"));
        int floodFiles = 12;
        int calmFiles = 6;
        for (int i = 1; i <= floodFiles; i++) {
            Files.writeString(floodAside.resolve("f" + i + ".csv"), content);
        }
        for (int i = 1; i <= calmFiles; i++) {
            Files.writeString(calmAside.resolve("c" + i + ".csv"), BatchIngestManagerTest.csv(10 + i));
        }
        // both tenants drop their files at the same time
        for (int i = 1; i <= Math.max(floodFiles, calmFiles); i++) {
            if (i <= floodFiles) {
                Files.move(floodAside.resolve("f" + i + ".csv"), Files.createDirectories(var.resolve("staging/flood")).resolve("f" + i + ".csv"));
            }
            if (i <= calmFiles) {
                Files.move(calmAside.resolve("c" + i + ".csv"), Files.createDirectories(var.resolve("staging/calm")).resolve("c" + i + ".csv"));
            }
        }
        await().atMost(WAIT).until(() -> count("flood", "DONE") == admittable && count("flood", "INVALID") == floodFiles - admittable
                && count("calm", "DONE") == calmFiles);
        List<Path> refused;
        try (Stream<Path> s = Files.list(var.resolve("invalid/flood"))) {
            refused = s.filter(p -> p.toString().endsWith(".csv")).toList();
        }
        assertEquals(floodFiles - admittable, refused.size());
        for (Path p : refused) {
            Document reason = Document.parse(Files.readString(p.resolveSibling(p.getFileName() + FileMover.REASON_SUFFIX)));
            assertEquals("max-bytes-per-hour", reason.getString("rule"));
        }
        assertEquals(0, count("calm", "INVALID"), "the other tenant is not touched by the flood");
        long calmRows = ledger().find(Filters.and(Filters.eq("tenant", "calm"), Filters.eq("status", "DONE")))
                .map(d -> d.getLong("rows_ok")).into(new ArrayList<>()).stream().mapToLong(Long::longValue).sum();
        assertEquals(11 + 12 + 13 + 14 + 15 + 16, calmRows);
    }

    @Test
    void aStagingFolderThatCannotBeWrittenKeepsItsFilesAndTakesThemOnceItCanAgain() throws Exception {
        onboard("mu", "{fileTypes: [csv]}", "");
        onboard("nu", "{fileTypes: [csv]}", "");
        Path staging = var.resolve("staging/mu");
        Path file = BatchIngestManagerTest.stage("mu", "stuck.csv", BatchIngestManagerTest.csv(5));
        // read-only folder: the file can be read but not moved out (root ignores permission bits, not the immutable flag)
        assumeTrue(chattr("+i", staging), "needs chattr +i (root on ext4/xfs/tmpfs) to make the folder read-only");
        try {
            BatchIngestManagerTest.stage("nu", "other.csv", BatchIngestManagerTest.csv(4));
            await().atMost(WAIT).until(() -> count("nu", "DONE") == 1);
            // several scans have tried the stuck file meanwhile
            await().pollDelay(Duration.ofSeconds(2)).atMost(WAIT).until(() -> true);
            assertTrue(Files.exists(file), "the file stays where the tenant put it");
            assertEquals(0, count("mu", "DONE") + count("mu", "FAILED") + count("mu", "RETRY"));
            assertEquals(0, entries(var.resolve("jobs/mu")), "no job is left naming a file it does not hold");
        } finally {
            chattr("-i", staging);
        }
        await().atMost(WAIT).until(() -> count("mu", "DONE") == 1);
        assertEquals(List.of("DONE"), statuses("mu", "stuck.csv"));
        assertFalse(Files.exists(file));
        await().atMost(WAIT).until(() -> entries(var.resolve("jobs/mu")) == 0);
        assertEquals(0, entries(var.resolve("failed/mu")));
    }

    @Test
    void aSymlinkOutOfTheTenantsFolderIsRefusedAndItsTargetUntouched() throws Exception {
        onboard("xi", "{fileTypes: [csv]}", "");
        Path secret = Files.writeString(BatchTestEnvironment.root.resolve("outside-secret.csv"), BatchIngestManagerTest.csv(3));
        Path staging = Files.createDirectories(var.resolve("staging/xi"));
        Files.createSymbolicLink(staging.resolve("link.csv"), secret);
        await().atMost(WAIT).until(() -> Files.exists(var.resolve("invalid/xi/link.csv" + FileMover.REASON_SUFFIX)));
        Document reason = Document.parse(Files.readString(var.resolve("invalid/xi/link.csv" + FileMover.REASON_SUFFIX)));
        assertEquals("no-symlink", reason.getString("rule"));
        assertEquals(BatchIngestManagerTest.csv(3), Files.readString(secret), "the target is neither moved nor changed");
        assertEquals(0, count("xi", "DONE"));
        await().atMost(WAIT).until(() -> count("xi", "INVALID") == 1);
    }

    private static boolean chattr(String flag, Path dir) throws Exception {
        Process p = new ProcessBuilder("chattr", flag, dir.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
