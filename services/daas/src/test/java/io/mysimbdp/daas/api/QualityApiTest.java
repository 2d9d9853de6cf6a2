package io.mysimbdp.daas.api;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.mysimbdp.common.quality.BatchQuality;
import io.mysimbdp.common.quality.QualityLog;
import io.mysimbdp.daas.DaasTestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.mysimbdp.daas.DaasTestEnvironment.ALPHA_KEY;
import static io.mysimbdp.daas.DaasTestEnvironment.BETA_KEY;
import static io.mysimbdp.daas.DaasTestEnvironment.OPERATOR_KEY;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** {@code /api/tenants/{tenant}/quality} over documents in the apps' own format ({@link QualityLog#document}). */
@QuarkusTest
@QuarkusTestResource(value = DaasTestEnvironment.class, restrictToAnnotatedClass = true)
class QualityApiTest {
    @Inject
    MongoClient client;

    private static Document doc(String id, String tenant, String kind, String source, long records, long good,
                                Map<String, Long> failures, String finished, Document details) {
        Instant at = Instant.parse(finished);
        return QualityLog.document(new QualityLog.Batch(id, tenant, kind, source, "listings", at.minusSeconds(5), at, details),
                BatchQuality.of(records, good, failures, 0.9));
    }

    @BeforeEach
    void seed() {
        MongoCollection<Document> quality = client.getDatabase("mysimbdp_platform").getCollection("quality");
        quality.drop();
        quality.insertMany(List.of(
                doc("file:alpha/j1/a.csv", "alpha", "file", "a.csv", 10, 5, Map.of("price.min", 4L, "wrangling", 1L),
                        "2026-12-01T10:00:00Z", new Document("ingestion_id", "j1")),
                doc("file:alpha/j2/b.csv", "alpha", "file", "b.csv", 100, 100, Map.of(), "2026-12-01T11:00:00Z",
                        new Document("ingestion_id", "j2")),
                doc("stream:alpha.listings/0@0-9", "alpha", "stream", "listings", 10, 9, Map.of("room_type.allowed", 1L),
                        "2026-12-01T12:00:00Z", new Document("offsets", "0@0-9")),
                doc("file:beta/j9/x.csv", "beta", "file", "x.csv", 10, 0, Map.of("id.required", 10L), "2026-12-01T12:00:00Z", null)));
    }

    @Test
    void aTenantReadsItsQualityNewestFirstWithTheSums() {
        given().header("Authorization", "Bearer " + ALPHA_KEY).get("/api/tenants/alpha/quality").then().statusCode(200)
                .body("tenant", equalTo("alpha"))
                .body("totals.batches", equalTo(3))
                .body("totals.flagged", equalTo(1))
                .body("totals.records", equalTo(120))
                .body("totals.good", equalTo(114))
                .body("totals.good_share", equalTo(0.95f))
                .body("items.id", equalTo(List.of("stream:alpha.listings/0@0-9", "file:alpha/j2/b.csv", "file:alpha/j1/a.csv")))
                .body("items[2].flagged", equalTo(true))
                .body("items[2].good_share", equalTo(0.5f))
                .body("items[2].failures", equalTo(Map.of("price.min", 4, "wrangling", 1)))
                .body("items[2].details.ingestion_id", equalTo("j1"))
                .body("items[2].finished_at", equalTo("2026-12-01T10:00:00Z"))
                .body("items[0].details.offsets", equalTo("0@0-9"));
    }

    @Test
    void filtersBySinceKindAndFlagged() {
        given().header("X-API-Key", ALPHA_KEY).queryParam("since", "2026-12-01T10:30:00Z").get("/api/tenants/alpha/quality")
                .then().statusCode(200).body("totals.batches", equalTo(2));
        given().header("X-API-Key", ALPHA_KEY).queryParam("kind", "stream").get("/api/tenants/alpha/quality")
                .then().statusCode(200).body("items.source", equalTo(List.of("listings")));
        given().header("X-API-Key", ALPHA_KEY).queryParam("flagged", "true").get("/api/tenants/alpha/quality")
                .then().statusCode(200).body("items.source", equalTo(List.of("a.csv")));
        given().header("X-API-Key", ALPHA_KEY).queryParam("limit", "1").queryParam("offset", "1").get("/api/tenants/alpha/quality")
                .then().statusCode(200).body("items.source", equalTo(List.of("b.csv"))).body("totals.batches", equalTo(3));
        given().header("X-API-Key", ALPHA_KEY).queryParam("kind", "email").get("/api/tenants/alpha/quality")
                .then().statusCode(400).body("error", containsString("kind"));
    }

    @Test
    void aFlaggedFileIsFlaggedInItsLedgerRow() {
        MongoCollection<Document> ledger = client.getDatabase("mysimbdp_platform").getCollection("ingestions");
        ledger.deleteMany(new Document("_id", "Q1/1/q.csv"));
        ledger.insertOne(new Document("_id", "Q1/1/q.csv").append("tenant", "beta").append("file", "q.csv")
                .append("status", "DONE").append("detected_at", java.util.Date.from(Instant.parse("2030-01-01T00:00:00Z")))
                .append("good_share", 0.5).append("quality_flagged", true));
        try {
            given().header("Authorization", "Bearer " + BETA_KEY).queryParam("limit", 1).get("/api/tenants/beta/ingestions")
                    .then().statusCode(200).body("items[0].id", equalTo("Q1/1/q.csv"))
                    .body("items[0].good_share", equalTo(0.5f)).body("items[0].quality_flagged", equalTo(true));
        } finally {
            ledger.deleteMany(new Document("_id", "Q1/1/q.csv"));   // the known ledger other tests count stays as it was
        }
    }

    @Test
    void theSameAccessRulesAsTheOtherTenantEndpoints() {
        given().get("/api/tenants/alpha/quality").then().statusCode(401);
        given().header("Authorization", "Bearer " + BETA_KEY).get("/api/tenants/alpha/quality").then().statusCode(403);
        given().header("Authorization", "Bearer " + OPERATOR_KEY).get("/api/tenants/beta/quality").then().statusCode(200)
                .body("totals.flagged", equalTo(1)).body("items[0].failures", equalTo(Map.of("id.required", 10)));
        given().header("Authorization", "Bearer " + OPERATOR_KEY).get("/api/tenants/ghost/quality").then().statusCode(404);
    }
}
