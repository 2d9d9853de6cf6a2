package io.mysimbdp.batch;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;

import static io.mysimbdp.batch.BatchIngestManagerTest.csv;
import static io.mysimbdp.batch.BatchIngestManagerTest.stage;
import static io.mysimbdp.batch.BatchTestEnvironment.var;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several batch apps of one tenant on the local runtime: each file goes to the app whose match
 * rule takes it, and a slow heavy app at its maxConcurrent does not delay the light app's files.
 */
@QuarkusTest
@QuarkusTestResource(BatchTestEnvironment.class)
class SeveralAppsTest {
    static final Duration WAIT = Duration.ofSeconds(40);
    /** How long the heavy app works on a job: long enough to see the light files pass it. */
    static final int HEAVY_SECONDS = 6;

    @Inject
    MongoClient mongo;

    MongoCollection<Document> ledger() {
        return mongo.getDatabase("mysimbdp_platform").getCollection("ingestions");
    }

    Document row(String file, String status) {
        return ledger().find(Filters.and(Filters.eq("tenant", "multi"), Filters.eq("file", file), Filters.eq("status", status))).first();
    }

    @Test
    void eachKindOfFileRunsThroughItsOwnAppWithItsOwnConcurrency() throws Exception {
        // the heavy app is listed first: a file goes to the first app whose match takes it
        Files.writeString(BatchTestEnvironment.tenants.resolve("multi.yaml"), """
                constraints: {fileTypes: [csv], maxConcurrentJobs: 3}
                batch:
                  schedule: {batchingWindow: 300ms}
                  apps:
                    - name: heavy
                      match: {pattern: "big-*.csv"}
                      command: [/bin/sh, -c, 'sleep %d; exec "$0"', %s]
                      maxConcurrent: 1
                      config: {kind: heavy}
                    - name: light
                      match: {fileTypes: [csv]}
                      command: [%s]
                      maxConcurrent: 2
                      config: {kind: light}
                """.formatted(HEAVY_SECONDS, BatchTestEnvironment.app, BatchTestEnvironment.app));
        await().atMost(WAIT).untilAsserted(() -> given().header("X-API-Key", "test-operator-key").get("/api/status").then().body("tenants.tenant", hasItem("multi")));

        stage("multi", "big-1.csv", csv(5));
        await().atMost(WAIT).until(() -> row("big-1.csv", "RUNNING") != null);
        stage("multi", "big-2.csv", csv(6));
        // the heavy app is at its maxConcurrent: its second job waits although the tenant has slots
        await().atMost(WAIT).untilAsserted(() -> given().header("X-API-Key", "test-operator-key").get("/api/status").then()
                .body("jobs.findAll { it.tenant == 'multi' && it.app == 'heavy' }.state", hasItem("QUEUED")));
        stage("multi", "small-1.csv", csv(2));
        stage("multi", "small-2.csv", csv(3));

        await().atMost(WAIT).until(() -> row("small-1.csv", "DONE") != null && row("small-2.csv", "DONE") != null);
        assertEquals(null, row("big-1.csv", "DONE"), "the light files passed the heavy job still running");
        assertEquals(null, row("big-2.csv", "RUNNING"), "the second heavy job still waits for the first");
        assertEquals("light", row("small-1.csv", "DONE").getString("app"));
        assertEquals(2L, row("small-1.csv", "DONE").getLong("rows_ok"));

        await().atMost(WAIT).until(() -> row("big-1.csv", "DONE") != null && row("big-2.csv", "DONE") != null);
        Document big1 = row("big-1.csv", "DONE");
        Document big2 = row("big-2.csv", "DONE");
        assertEquals("heavy", big1.getString("app"));
        assertEquals("heavy", big2.getString("app"));
        assertEquals(6L, big2.getLong("rows_ok"));
        assertFalse(big2.get("started_at", Date.class).before(big1.get("finished_at", Date.class)),
                "the heavy app never ran two jobs at once");
        Date smallDone = row("small-2.csv", "DONE").get("finished_at", Date.class);
        assertTrue(smallDone.before(big1.get("finished_at", Date.class)));

        // each app got its own config
        List<String> envs;
        try (var walk = Files.walk(var.resolve("results/multi"))) {
            envs = walk.filter(p -> p.endsWith("env.txt")).map(SeveralAppsTest::read).toList();
        }
        assertEquals(2, envs.stream().filter(e -> e.contains("MYSIMBDP_APP_CONFIG={\"kind\":\"heavy\"}")).count(), envs.toString());
        assertTrue(envs.stream().anyMatch(e -> e.contains("MYSIMBDP_APP_CONFIG={\"kind\":\"light\"}")), envs.toString());
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
