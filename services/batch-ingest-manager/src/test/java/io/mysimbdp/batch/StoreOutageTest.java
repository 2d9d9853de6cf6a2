package io.mysimbdp.batch;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.mysimbdp.batch.store.StoreWatch;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * While the store does not answer the manager's pings: readiness and /api/status say since when,
 * the gauge is 0, and a staged file's attempt does not start (it would only fail for the store);
 * once the store answers, the file is ingested. The pings are played through {@link StoreWatch#record}.
 */
@QuarkusTest
@QuarkusTestResource(BatchTestEnvironment.class)
class StoreOutageTest {
    @Inject
    StoreWatch store;

    @Inject
    MongoClient mongo;

    @AfterEach
    void storeBack() {
        store.record(null, Instant.now());
    }

    long ledgerRows(String tenant) {
        return mongo.getDatabase("mysimbdp_platform").getCollection("ingestions").countDocuments(Filters.eq("tenant", tenant));
    }

    long done(String tenant) {
        return mongo.getDatabase("mysimbdp_platform").getCollection("ingestions")
                .countDocuments(Filters.and(Filters.eq("tenant", tenant), Filters.eq("status", "DONE")));
    }

    @Test
    void whileTheStoreIsUnreachableNoAttemptStartsAndEverySurfaceSaysSince() throws Exception {
        BatchTestEnvironment.profile("heldback", "{fileTypes: [csv]}", "maxAttempts: 1");
        await().atMost(BatchFaultsTest.WAIT).untilAsserted(() -> given().header("X-API-Key", "test-operator-key").get("/api/status").then().body("tenants.tenant", hasItem("heldback")));
        given().header("X-API-Key", "test-operator-key").get("/api/status").then().body("store.up", equalTo(true));

        Instant since = Instant.parse("2026-12-06T20:00:00Z");
        store.record("MongoTimeoutException: store down (test)", since);
        given().header("X-API-Key", "test-operator-key").get("/api/status").then().body("store.up", equalTo(false))
                .body("store.unreachableSince", equalTo(since.toString()));
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'store' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'store' }.data.unreachableSince", equalTo(since.toString()));
        given().get("/q/metrics").then().body(org.hamcrest.Matchers.containsString(
                "mysimbdp_store_up{component=\"batch-ingest-manager\"} 0.0"));

        BatchIngestManagerTest.stage("heldback", "held.csv", BatchIngestManagerTest.csv(4));
        await().atMost(BatchFaultsTest.WAIT).untilAsserted(() -> given().header("X-API-Key", "test-operator-key").get("/api/status").then()
                .body("jobs.findAll { it.tenant == 'heldback' }.state", hasItem("QUEUED")));
        // admitted, but no attempt starts (no RUNNING row, maxAttempts 1 not spent) while the store is down
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> ledgerRows("heldback") == 0);

        store.record(null, since.plusSeconds(60));
        await().atMost(BatchFaultsTest.WAIT).until(() -> done("heldback") == 1);
        assertEquals(1, ledgerRows("heldback"));
        given().get("/q/health/ready").then().statusCode(200);
    }
}
