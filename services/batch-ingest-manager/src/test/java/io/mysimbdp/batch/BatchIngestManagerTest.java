package io.mysimbdp.batch;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.mysimbdp.batch.staging.FileMover;
import io.mysimbdp.common.json.Json;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.mysimbdp.batch.BatchTestEnvironment.profile;
import static io.mysimbdp.batch.BatchTestEnvironment.var;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(BatchTestEnvironment.class)
class BatchIngestManagerTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    MongoClient mongo;

    MongoCollection<Document> ledger() {
        return mongo.getDatabase("mysimbdp_platform").getCollection("ingestions");
    }

    static Path stage(String tenant, String name, String content) throws IOException {
        Path dir = Files.createDirectories(var.resolve("staging").resolve(tenant));
        Path tmp = dir.resolve(name + ".part");
        Files.writeString(tmp, content);
        return Files.move(tmp, dir.resolve(name));
    }

    static String csv(int rows) {
        StringBuilder sb = new StringBuilder("id,price\n");
        for (int i = 1; i <= rows; i++) {
            sb.append(i).append(',').append(i * 10).append('\n');
        }
        return sb.toString();
    }

    static Document reason(Path invalidFile) throws IOException {
        return Document.parse(Files.readString(invalidFile.resolveSibling(invalidFile.getFileName() + FileMover.REASON_SUFFIX)));
    }

    @Test
    void theStatusWithEveryTenantsFilesNeedsTheOperatorKey() {
        given().get("/api/status").then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"))
                .body("error", containsString("operator key"));
        given().header("Authorization", "Bearer tenant-key").get("/api/status").then().statusCode(401)
                .body("error", org.hamcrest.Matchers.not(containsString("tenant-key")));
        given().header("Authorization", "Bearer test-operator-key").get("/api/status").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);   // probes need no key
    }

    @Test
    void validFilesRunThroughTheAppAndViolationsLandInInvalidWithReasons() throws Exception {
        profile("alpha", "{fileTypes: [csv], maxStagedFiles: 10, maxFileSize: 1KiB}", "");
        await().atMost(WAIT).untilAsserted(() -> given().header("X-API-Key", "test-operator-key").get("/api/status").then()
                .body("tenants.tenant", hasItem("alpha")));
        assertTrue(Files.isDirectory(var.resolve("staging/alpha")), "onboarding creates the tenant's staging folder");
        stage("alpha", "a.csv", csv(3));
        stage("alpha", "b.json", "[{\"id\": 1}]");
        stage("alpha", "big.csv", csv(200));
        await().atMost(WAIT).until(() -> ledger().countDocuments(Filters.and(Filters.eq("tenant", "alpha"),
                Filters.eq("status", "DONE"))) == 1);
        Document done = ledger().find(Filters.and(Filters.eq("tenant", "alpha"), Filters.eq("status", "DONE"))).first();
        assertEquals("a.csv", done.getString("file"));
        assertEquals(3L, done.getLong("rows_ok"));
        assertEquals(1, done.getInteger("attempt"));
        assertEquals(64, done.getString("sha256").length());
        assertFalse(Files.exists(var.resolve("staging/alpha/a.csv")));
        // the tenant's own log: its lines only, one JSON object each
        Path tenantLog = var.resolve("logs/alpha/batch-ingest-manager.log");
        await().atMost(WAIT).until(() -> Files.exists(tenantLog) && Files.readString(tenantLog).contains("ingested a.csv for tenant alpha"));
        for (String line : Files.readAllLines(tenantLog)) {
            assertEquals("alpha", Json.json().readTree(line).path("tenant").asText(), line);
        }

        await().atMost(WAIT).until(() -> Files.exists(var.resolve("invalid/alpha/big.csv.reason.json")));
        Document type = reason(var.resolve("invalid/alpha/b.json"));
        assertEquals("file-type", type.getString("rule"));
        assertEquals("json", type.getString("actual"));
        Document size = reason(var.resolve("invalid/alpha/big.csv"));
        assertEquals("max-file-size", size.getString("rule"));
        assertEquals(1024, size.getInteger("limit"));
        await().atMost(WAIT).until(() -> ledger().countDocuments(Filters.and(Filters.eq("tenant", "alpha"),
                Filters.eq("status", "INVALID"))) == 2);

        // the contract's environment reached the app
        Path env = Files.walk(var.resolve("results/alpha")).filter(p -> p.endsWith("env.txt")).findFirst().orElseThrow();
        String text = Files.readString(env);
        assertTrue(text.contains("MYSIMBDP_DATABASE=tenant_alpha"), text);
        assertTrue(text.contains("MYSIMBDP_TENANT=alpha"), text);
        assertTrue(text.contains("MYSIMBDP_MONGODB_URI=" + BatchTestEnvironment.mongoUri), text);
        assertTrue(text.matches("(?s).*TRACEPARENT=00-[0-9a-f]{32}-[0-9a-f]{16}-01.*"), text);

        given().get("/q/metrics").then()
                .body(containsString("mysimbdp_batch_files_total{status=\"done\",tenant=\"alpha\"} 1.0"))
                .body(containsString("mysimbdp_batch_invalid_files_total{rule=\"file-type\",tenant=\"alpha\"} 1.0"))
                .body(containsString("mysimbdp_batch_rows_total{status=\"ok\",tenant=\"alpha\"} 3.0"));
    }

    @Test
    void filesBeyondTheStagedFileLimitAreRefused() throws Exception {
        profile("beta", "{fileTypes: [csv], maxStagedFiles: 3}", "");
        await().atMost(WAIT).untilAsserted(() -> given().header("X-API-Key", "test-operator-key").get("/api/status").then().body("tenants.tenant", hasItem("beta")));
        Path dir = Files.createDirectories(var.resolve("staging/beta"));
        // written aside and moved in together, as one copy of five files
        Path aside = Files.createDirectories(var.resolve("aside-beta"));
        for (int i = 1; i <= 5; i++) {
            Files.writeString(aside.resolve("f" + i + ".csv"), csv(i));
        }
        for (int i = 1; i <= 5; i++) {
            Files.move(aside.resolve("f" + i + ".csv"), dir.resolve("f" + i + ".csv"));
        }
        await().atMost(WAIT).until(() -> ledger().countDocuments(Filters.and(Filters.eq("tenant", "beta"), Filters.eq("status", "DONE"))) == 3
                && ledger().countDocuments(Filters.and(Filters.eq("tenant", "beta"), Filters.eq("status", "INVALID"))) == 2);
        List<Path> refused = new ArrayList<>();
        try (var s = Files.list(var.resolve("invalid/beta"))) {
            s.filter(p -> p.toString().endsWith(".csv")).forEach(refused::add);
        }
        assertEquals(2, refused.size());
        for (Path p : refused) {
            assertEquals("max-staged-files", reason(p).getString("rule"));
        }
    }

    @Test
    void aFailingFileIsRetriedWithBackoffThenMovedToFailed() throws Exception {
        profile("gamma", "{fileTypes: [csv]}", "maxAttempts: 2");
        profile("gamma2", "{fileTypes: [csv]}", "maxAttempts: 1");
        await().atMost(WAIT).untilAsserted(() -> given().header("X-API-Key", "test-operator-key").get("/api/status").then().body("tenants.tenant", hasItem("gamma2")));
        stage("gamma", "x-fail.csv", csv(2));
        stage("gamma2", "noresult.csv", csv(2));
        await().atMost(WAIT).until(() -> Files.exists(var.resolve("failed/gamma/x-fail.csv.reason.json"))
                && Files.exists(var.resolve("failed/gamma2/noresult.csv.reason.json")));
        Document r = reason(var.resolve("failed/gamma/x-fail.csv"));
        assertEquals(2, r.getInteger("attempts"));
        assertTrue(r.getString("reason").contains("told to fail"), r.toJson());
        assertTrue(reason(var.resolve("failed/gamma2/noresult.csv")).getString("reason").contains("wrote no result.json"));
        await().atMost(WAIT).until(() -> ledger().countDocuments(Filters.and(Filters.eq("tenant", "gamma"), Filters.eq("file", "x-fail.csv"))) == 2);
        assertEquals(List.of("RETRY", "FAILED"), ledger().find(Filters.and(Filters.eq("tenant", "gamma"), Filters.eq("file", "x-fail.csv")))
                .sort(new Document("attempt", 1)).map(d -> d.getString("status")).into(new ArrayList<>()));
        try (var jobs = Files.list(var.resolve("jobs/gamma"))) {
            assertEquals(0, jobs.count(), "nothing left in job directories");
        }
    }

    @Test
    void anAppThatHangsIsKilledAtItsTimeout() throws Exception {
        profile("delta", "{fileTypes: [csv]}", "timeout: 1s\n      maxAttempts: 1");
        await().atMost(WAIT).untilAsserted(() -> given().header("X-API-Key", "test-operator-key").get("/api/status").then().body("tenants.tenant", hasItem("delta")));
        stage("delta", "hang.csv", csv(1));
        await().atMost(WAIT).until(() -> Files.exists(var.resolve("failed/delta/hang.csv.reason.json")));
        assertTrue(reason(var.resolve("failed/delta/hang.csv")).getString("reason").contains("timeout of 1 s"));
    }

    @Test
    void aJobTooBigForTheAppsTimeoutIsSplitUntilItsFilesFitAndNoneIsFailed() throws Exception {
        // the app hangs whenever it is given more than one file; two attempts (one spare for a slow machine)
        // would both time out on the whole job without the split
        profile("splitjob", "{fileTypes: [csv], maxStagedFiles: 10}", "timeout: 3s\n      maxAttempts: 2");
        await().atMost(WAIT).untilAsserted(() -> given().header("X-API-Key", "test-operator-key").get("/api/status").then()
                .body("tenants.tenant", hasItem("splitjob")));
        Path dir = Files.createDirectories(var.resolve("staging/splitjob"));
        List<Path> parts = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            parts.add(Files.writeString(dir.resolve("crowded-" + i + ".csv.part"), csv(i)));
        }
        for (Path p : parts) {   // all four inside one batching window: one job
            Files.move(p, dir.resolve(p.getFileName().toString().replace(".part", "")));
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> ledger().countDocuments(Filters.and(Filters.eq("tenant", "splitjob"),
                Filters.eq("status", "DONE"))) == 4);
        List<Document> done = ledger().find(Filters.and(Filters.eq("tenant", "splitjob"), Filters.eq("status", "DONE"))).into(new ArrayList<>());
        assertEquals(List.of(1L, 2L, 3L, 4L), done.stream().map(d -> d.getLong("rows_ok")).sorted().toList());
        assertEquals(4, done.stream().map(d -> d.getString("ingestion_id")).distinct().count(), "split down to one file per job");
        assertEquals(0, ledger().countDocuments(Filters.and(Filters.eq("tenant", "splitjob"), Filters.eq("status", "FAILED"))));
        Document retried = ledger().find(Filters.and(Filters.eq("tenant", "splitjob"), Filters.eq("status", "RETRY"),
                Filters.eq("file", "crowded-1.csv"))).first();
        assertTrue(retried.getString("reason").contains("its job of 4 files is split into jobs of 2 and 2 files (this attempt does not count)"),
                retried.toJson());
        assertFalse(Files.exists(var.resolve("failed/splitjob")) && Files.list(var.resolve("failed/splitjob")).findAny().isPresent());
        await().atMost(WAIT).until(() -> {
            try (var jobs = Files.list(var.resolve("jobs/splitjob"))) {
                return jobs.findAny().isEmpty();
            }
        });
    }

    @Test
    void rootFilesAreRoutedByNameAndUnknownTenantsRefused() throws Exception {
        profile("epsilon", "{fileTypes: [csv]}", "");
        await().atMost(WAIT).untilAsserted(() -> given().header("X-API-Key", "test-operator-key").get("/api/status").then().body("tenants.tenant", hasItem("epsilon")));
        Files.writeString(var.resolve("staging/.epsilon-data.csv.tmp"), csv(4));
        Files.move(var.resolve("staging/.epsilon-data.csv.tmp"), var.resolve("staging/epsilon-data.csv"));
        stage("nobody", "n.csv", csv(1));
        await().atMost(WAIT).until(() -> ledger().countDocuments(Filters.and(Filters.eq("tenant", "epsilon"),
                Filters.eq("file", "epsilon-data.csv"), Filters.eq("status", "DONE"))) == 1);
        await().atMost(WAIT).until(() -> Files.exists(var.resolve("invalid/nobody/n.csv.reason.json")));
        assertEquals("known-tenant", reason(var.resolve("invalid/nobody/n.csv")).getString("rule"));
    }

    @Test
    void profilesAreFollowedLiveAndABrokenOneDisablesOnlyItsTenant() throws Exception {
        profile("zeta", "{fileTypes: [csv]}", "");
        await().atMost(WAIT).untilAsserted(() -> given().header("X-API-Key", "test-operator-key").get("/api/status").then().body("tenants.find { it.tenant == 'zeta' }.state", org.hamcrest.Matchers.is("active")));
        Files.writeString(BatchTestEnvironment.tenants.resolve("zeta.yaml"), "constraints: {maxStagedFiles: -1}\n");
        await().atMost(WAIT).untilAsserted(() -> given().header("X-API-Key", "test-operator-key").get("/api/status").then()
                .body("tenants.find { it.tenant == 'zeta' }.state", org.hamcrest.Matchers.is("disabled"))
                .body("tenants.find { it.tenant == 'zeta' }.errors[0]", containsString("field 'constraints.maxStagedFiles'")));
        // its files wait, untouched, until the profile is fixed
        stage("zeta", "w.csv", csv(2));
        Thread.sleep(1000); // the absence of an action needs time to show: a bounded pause, then check
        assertTrue(Files.exists(var.resolve("staging/zeta/w.csv")));
        profile("zeta", "{fileTypes: [csv]}", "");
        await().atMost(WAIT).until(() -> ledger().countDocuments(Filters.and(Filters.eq("tenant", "zeta"), Filters.eq("status", "DONE"))) == 1);
        Files.delete(BatchTestEnvironment.tenants.resolve("zeta.yaml"));
        await().atMost(WAIT).untilAsserted(() -> given().header("X-API-Key", "test-operator-key").get("/api/status").then()
                .body("tenants.tenant", org.hamcrest.Matchers.not(hasItem("zeta"))));
        given().get("/q/health/ready").then().statusCode(200).body(containsString("batch-ingest-manager"));
        assertTrue(Json.json().readTree(given().header("X-API-Key", "test-operator-key").get("/api/status").asString()).has("jobs"));
    }
}
