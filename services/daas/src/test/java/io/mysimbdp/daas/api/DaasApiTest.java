package io.mysimbdp.daas.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mysimbdp.daas.DaasTestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import static io.mysimbdp.daas.DaasTestEnvironment.ALPHA_KEY;
import static io.mysimbdp.daas.DaasTestEnvironment.BETA_KEY;
import static io.mysimbdp.daas.DaasTestEnvironment.OPERATOR_KEY;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(value = DaasTestEnvironment.class, restrictToAnnotatedClass = true)
class DaasApiTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key);
    }

    static JsonNode body(ValidatableResponse r) throws Exception {
        ObjectNode node = (ObjectNode) JSON.readTree(r.extract().asString());
        node.remove("generated_at");
        return node;
    }

    @Test
    void aTenantReadsItsExactStatisticsOverAWindow() throws Exception {
        JsonNode actual = body(as(ALPHA_KEY).queryParam("since", "2025-01-01T09:00:00Z")
                .get("/api/tenants/alpha/stats").then().statusCode(200));

        assertEquals(JSON.readTree("""
                {"tenant": "alpha", "since": "2025-01-01T09:00:00Z",
                 "files": {"done": 3, "invalid": 2, "failed": 1, "running": 1, "retrying": 1, "total": 8},
                 "attempts": 12, "retries": 5,
                 "rows": {"ok": 168, "failed": 2, "duplicate": 5},
                 "bytes": 1800,
                 "ingestion_time_s": {"mean": 3.333, "p95": 4.0, "max": 4.0},
                 "rows_per_s": 16.8,
                 "first_ingestion_at": "2025-01-01T10:01:04Z", "last_ingestion_at": "2025-01-01T11:00:02Z",
                 "invalid_by_rule": {"fileType": 1, "maxFileSize": 1},
                 "stream": {"reports": 3, "messages": 1200, "dlq_messages": 10, "bytes": 120000,
                            "mean_ingestion_time_ms": 5.0, "messages_per_s": 10.0,
                            "first_interval_start": "2025-01-01T10:00:00Z", "last_interval_end": "2025-01-01T10:02:00Z",
                            "topics": [{"topic": "listings", "reports": 3, "messages": 1200, "dlq_messages": 10,
                                        "bytes": 120000, "mean_ingestion_time_ms": 5.0, "messages_per_s": 10.0,
                                        "first_interval_start": "2025-01-01T10:00:00Z",
                                        "last_interval_end": "2025-01-01T10:02:00Z"}]}}
                """), actual);
    }

    @Test
    void streamFiguresOfATenantAllTimeAndOnlyItsOwn() throws Exception {
        JsonNode s = body(as(ALPHA_KEY).get("/api/tenants/alpha/stats").then().statusCode(200)).get("stream");

        // 1300 messages from 08:00:00 to 10:02:00 (7320 s); 6.5 s of processing over 1300 messages
        assertEquals(1300, s.get("messages").asLong());
        assertEquals(20, s.get("dlq_messages").asLong());
        assertEquals(125000, s.get("bytes").asLong());
        assertEquals(5.0, s.get("mean_ingestion_time_ms").asDouble());
        assertEquals(0.178, s.get("messages_per_s").asDouble());
        assertEquals(JSON.readTree("""
                ["listings", "prices"]"""), JSON.valueToTree(s.findValuesAsText("topic")));
        assertEquals(100, s.at("/topics/1/messages").asLong());
        assertEquals(1.667, s.at("/topics/1/messages_per_s").asDouble());   // 100 over 60 s
        // beta's key reads beta's figures only, and never alpha's
        as(BETA_KEY).get("/api/tenants/beta/stats").then().statusCode(200)
                .body("stream.messages", equalTo(50)).body("stream.dlq_messages", equalTo(1))
                .body("stream.topics.topic", equalTo(java.util.List.of("listings"))).body("stream.messages_per_s", equalTo(5.0f));
        as(BETA_KEY).get("/api/tenants/alpha/stats").then().statusCode(403).body("stream", equalTo(null));
        // nothing reported in the last hour
        as(ALPHA_KEY).queryParam("since", "1h").get("/api/tenants/alpha/stats").then().statusCode(200)
                .body("stream.messages", equalTo(0)).body("stream.mean_ingestion_time_ms", equalTo(null))
                .body("stream.messages_per_s", equalTo(null)).body("stream.topics", hasSize(0));
    }

    @Test
    void platformStreamFiguresSumEveryTenantsTopics() throws Exception {
        JsonNode s = body(as(OPERATOR_KEY).get("/api/stats").then().statusCode(200));

        // 1350 messages, 21 to the DLQ, 6.75 s over 1350 messages, 08:00:00 to 10:02:00
        assertEquals(JSON.readTree("""
                {"reports": 5, "messages": 1350, "dlq_messages": 21, "bytes": 125500,
                 "mean_ingestion_time_ms": 5.0, "messages_per_s": 0.184,
                 "first_interval_start": "2025-01-01T08:00:00Z", "last_interval_end": "2025-01-01T10:02:00Z"}"""),
                ((ObjectNode) s.at("/platform/stream").deepCopy()).without("topics"));
        assertEquals(JSON.readTree("""
                ["alpha.listings", "alpha.prices", "beta.listings"]"""), JSON.valueToTree(s.at("/platform/stream").findValuesAsText("topic")));
        assertEquals(1300, s.at("/tenants/0/stream/messages").asLong());
        assertEquals(50, s.at("/tenants/1/stream/messages").asLong());
        // the same window as the batch figures: since 09:00 leaves out alpha's prices report
        as(OPERATOR_KEY).queryParam("since", "2025-01-01T09:00:00Z").get("/api/stats").then().statusCode(200)
                .body("platform.stream.messages", equalTo(1250)).body("platform.stream.dlq_messages", equalTo(11))
                .body("platform.stream.topics.topic", equalTo(java.util.List.of("alpha.listings", "beta.listings")));
    }

    @Test
    void theOperatorReadsThePlatformAndEveryTenant() throws Exception {
        JsonNode s = body(as(OPERATOR_KEY).get("/api/stats").then().statusCode(200));

        assertEquals(JSON.readTree("""
                {"done": 24, "invalid": 3, "failed": 1, "running": 1, "retrying": 1, "total": 30}"""), s.at("/platform/files"));
        assertEquals(JSON.readTree("""
                {"mean": 13.333, "p95": 20.0, "max": 100.0}"""), s.at("/platform/ingestion_time_s"));
        assertEquals(4.275, s.at("/platform/rows_per_s").asDouble());
        assertEquals(13800, s.at("/platform/bytes").asLong());
        assertEquals("alpha", s.at("/tenants/0/tenant").asText());
        assertEquals(10, s.at("/tenants/0/files/total").asInt());
        assertEquals("beta", s.at("/tenants/1/tenant").asText());
        assertEquals(19.0, s.at("/tenants/1/ingestion_time_s/p95").asDouble());
        assertEquals(2, s.get("tenants").size());
        // the operator also reads any tenant's endpoints
        as(OPERATOR_KEY).get("/api/tenants/beta/stats").then().statusCode(200).body("files.done", equalTo(20));
    }

    @Test
    void statsWindowsAcceptDurationsAndRefuseNonsense() {
        // every row is from 2025: nothing in the last hour
        as(ALPHA_KEY).queryParam("since", "1h").get("/api/tenants/alpha/stats").then().statusCode(200)
                .body("files.total", equalTo(0)).body("files.running", equalTo(0));
        as(ALPHA_KEY).queryParam("since", "soon").get("/api/tenants/alpha/stats").then().statusCode(400)
                .body("error", containsString("since='soon'"));
    }

    @Test
    void ingestionsArePagedNewestFirstAndFilteredByStatus() {
        as(ALPHA_KEY).queryParam("limit", 3).get("/api/tenants/alpha/ingestions").then().statusCode(200)
                .body("total", equalTo(14)).body("limit", equalTo(3)).body("offset", equalTo(0))
                .body("items.id", equalTo(java.util.List.of("J4/1/e.csv", "J5/1/k.csv", "J2/1/c.csv")))
                .body("items[2].rows_duplicate", equalTo(5)).body("items[2].finished_at", equalTo("2025-01-01T11:00:02Z"))
                .body("items[2].duration_s", equalTo(2.0f));
        as(ALPHA_KEY).queryParam("status", "retry").queryParam("limit", 2).queryParam("offset", 1)
                .get("/api/tenants/alpha/ingestions").then().statusCode(200)
                .body("total", equalTo(5)).body("status", equalTo("RETRY"))
                .body("items.id", equalTo(java.util.List.of("J1/1/b.csv", "J1/1/a.csv")));
        as(ALPHA_KEY).queryParam("limit", 999999).get("/api/tenants/alpha/ingestions").then().statusCode(200)
                .body("limit", equalTo(1000)).body("items", hasSize(14));
        as(ALPHA_KEY).queryParam("limit", 0).get("/api/tenants/alpha/ingestions").then().statusCode(200)
                .body("limit", equalTo(1)).body("items", hasSize(1));
        as(ALPHA_KEY).queryParam("status", "DONEISH").get("/api/tenants/alpha/ingestions").then().statusCode(400)
                .body("error", containsString("INVALID, RUNNING, DONE, RETRY, FAILED"));
        as(ALPHA_KEY).queryParam("limit", "ten").get("/api/tenants/alpha/ingestions").then().statusCode(400);
    }

    @Test
    void documentsAreReadBackWithAFilterAndAClampedLimit() {
        as(ALPHA_KEY).queryParam("filter", "{\"borough\": \"Manhattan\", \"price\": {\"$lt\": 30}}")
                .get("/api/tenants/alpha/collections/listings/documents").then().statusCode(200)
                .body("returned", equalTo(9)).body("documents._id", equalTo(java.util.List.of(3, 6, 9, 12, 15, 18, 21, 24, 27)))
                .body("documents.borough", everyItem(equalTo("Manhattan")))
                .body("filter.price.$lt", equalTo(30));
        as(ALPHA_KEY).queryParam("limit", 100000).get("/api/tenants/alpha/collections/listings/documents").then().statusCode(200)
                .body("limit", equalTo(1000)).body("returned", equalTo(1000)).body("documents", hasSize(1000))
                .body("stopped_by", equalTo("limit")).body("next", org.hamcrest.Matchers.notNullValue());
        given().header("X-API-Key", ALPHA_KEY).get("/api/tenants/alpha/collections").then().statusCode(200)
                .body("collections", equalTo(java.util.List.of("listings"))).body("database", equalTo("tenant_alpha"));
    }

    @Test
    void theCursorReachesEveryMatchingDocumentOnceAndSaysWhereTheEndIs() {
        java.util.List<Integer> seen = new java.util.ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            var r = as(ALPHA_KEY).queryParam("filter", "{\"borough\": \"Brooklyn\"}").queryParam("limit", 300)
                    .queryParam("after", after == null ? "" : after)
                    .get("/api/tenants/alpha/collections/listings/documents").then().statusCode(200).extract();
            seen.addAll(r.path("documents._id"));
            after = r.path("next");
            pages++;
        } while (after != null && pages < 10);
        java.util.List<Integer> brooklyn = java.util.stream.IntStream.rangeClosed(1, DaasTestEnvironment.LISTINGS)
                .filter(i -> i % 3 != 0).boxed().toList();
        assertEquals(brooklyn, seen);   // 1000 documents, in _id order, each once
        assertEquals(4, pages);
        as(ALPHA_KEY).queryParam("after", "not-a-cursor").get("/api/tenants/alpha/collections/listings/documents")
                .then().statusCode(400).body("error", containsString("after is not a cursor"));
    }

    @Test
    void daasCountsRequestsRefusalsAndBytesPerTenantAndEndpoint() {
        as(ALPHA_KEY).queryParam("limit", 5).get("/api/tenants/alpha/collections/listings/documents").then().statusCode(200);
        as(BETA_KEY).get("/api/tenants/alpha/collections/listings/documents").then().statusCode(403);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        org.hamcrest.MatcherAssert.assertThat(metrics, containsString(
                "mysimbdp_daas_requests_total{endpoint=\"documents\",tenant=\"alpha\"}"));
        org.hamcrest.MatcherAssert.assertThat(metrics, containsString(
                "mysimbdp_daas_refusals_total{endpoint=\"documents\",status=\"403\",tenant=\"alpha\"}"));
        double bytes = metrics.lines().filter(l -> l.startsWith("mysimbdp_daas_response_bytes_total{endpoint=\"documents\",tenant=\"alpha\"}"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        org.junit.jupiter.api.Assertions.assertTrue(bytes > 100, "bytes served counted: " + bytes);
    }

    @Test
    void theOpenApiDocumentAndItsBrowsableUiAreServed() {
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/tenants/{tenant}/collections/{name}/documents"))
                .body(containsString("X-API-Key"));
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void filtersThatCouldRunCodeAreRefusedNamingTheOperator() {
        as(ALPHA_KEY).queryParam("filter", "{\"$where\": \"sleep(10000) || true\"}")
                .get("/api/tenants/alpha/collections/listings/documents").then().statusCode(400)
                .body("error", containsString("$where")).body("status", equalTo(400));
        as(ALPHA_KEY).queryParam("filter", "{\"price\": {\"$function\": {}}}")
                .get("/api/tenants/alpha/collections/listings/documents").then().statusCode(400)
                .body("error", containsString("$function"));
        as(ALPHA_KEY).queryParam("filter", "{\"$expr\": {\"$gt\": [\"$price\", 1]}}")
                .get("/api/tenants/alpha/collections/listings/documents").then().statusCode(400)
                .body("error", containsString("$expr"));
        as(ALPHA_KEY).get("/api/tenants/alpha/collections/system.users/documents").then().statusCode(400)
                .body("error", containsString("system collection"));
        as(ALPHA_KEY).get("/api/tenants/alpha/collections/nothing/documents").then().statusCode(404);
    }

    @Test
    void keysAreCheckedBeforeAnythingElse() {
        given().get("/api/tenants/alpha/stats").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer")).body("error", containsString("no API key"));
        as("wrong-key").get("/api/tenants/alpha/stats").then().statusCode(401).body("error", equalTo("the API key is not valid"));
        given().header("Authorization", "Basic " + ALPHA_KEY).get("/api/tenants/alpha/stats").then().statusCode(401);
        // another tenant's key: 403 whether the tenant exists or not, and the message names no key
        for (String path : new String[]{"/api/tenants/alpha/stats", "/api/tenants/alpha/ingestions",
                "/api/tenants/alpha/collections/listings/documents", "/api/tenants/alpha/usage", "/api/tenants/ghost/stats"}) {
            as(BETA_KEY).get(path).then().statusCode(403)
                    .body("error", not(containsString(BETA_KEY))).body("error", not(containsString(ALPHA_KEY)))
                    .body("error", equalTo("this API key may read only its own tenant's endpoints"));
        }
        as(ALPHA_KEY).get("/api/stats").then().statusCode(403);
        given().get("/api/stats").then().statusCode(401);
        as(OPERATOR_KEY).get("/api/tenants/ghost/stats").then().statusCode(404).body("error", containsString("ghost"));
        as(OPERATOR_KEY).get("/api/tenants/No_Such/stats").then().statusCode(404);
    }

    @Test
    void usageMetersIngestedRefusedRunTimeAndWhatIsStored() throws Exception {
        JsonNode u = body(as(ALPHA_KEY).get("/api/tenants/alpha/usage").then().statusCode(200));

        assertEquals(JSON.readTree("""
                {"files": 4, "bytes": 11800, "rows": 1168}"""), u.get("ingested"));
        assertEquals(JSON.readTree("""
                {"files": 3, "bytes": 20000040}"""), u.get("refused"));
        // listings: 5 attempts, 119 s × 0.5 core × 0.5 GiB; other: 3 attempts, 3 s × 2 cores × 1 GiB
        assertEquals(JSON.readTree("""
                {"attempts": 8, "run_seconds": 122.0, "cpu_core_seconds": 65.5, "memory_gib_seconds": 62.5,
                 "apps": [
                   {"app": "listings", "attempts": 5, "run_seconds": 119.0, "cpu": "500m", "memory": "512Mi",
                    "cpu_core_seconds": 59.5, "memory_gib_seconds": 59.5},
                   {"app": "other", "attempts": 3, "run_seconds": 3.0, "cpu": "2", "memory": "1Gi",
                    "cpu_core_seconds": 6.0, "memory_gib_seconds": 3.0}]}"""), u.get("batch"));
        assertEquals("tenant_alpha", u.at("/stored/database").asText());
        assertEquals(DaasTestEnvironment.LISTINGS, u.at("/stored/documents").asLong());
        assertEquals("listings", u.at("/stored/collections/0/name").asText());
        assertEquals(DaasTestEnvironment.LISTINGS, u.at("/stored/collections/0/documents").asLong());
        assertEquals("dbStats", u.at("/stored/method").asText());
        // 1 h + 1 h of listings instances, 0.75 h of a prices instance whose end is not recorded (yet)
        assertEquals(JSON.readTree("""
                {"instance_hours": 2.75, "runs": 3,
                 "topics": [{"topic": "listings", "instance_hours": 2.0, "runs": 2},
                            {"topic": "prices", "instance_hours": 0.75, "runs": 1}],
                 "note": "1 run(s) without a recorded end (still running, or the manager stopped before their end) are counted up to the last time the manager saw them running"}"""),
                u.get("stream"));
        assertEquals(true, u.get("from").isNull());
    }

    @Test
    void usageOverAPeriod() {
        as(OPERATOR_KEY).queryParam("from", "2025-01-01T09:00:00Z").queryParam("to", "2025-01-01T10:30:00Z")
                .get("/api/tenants/alpha/usage").then().statusCode(200)
                .body("from", equalTo("2025-01-01T09:00:00Z")).body("to", equalTo("2025-01-01T10:30:00Z"))
                .body("ingested.files", equalTo(2)).body("ingested.rows", equalTo(148))
                .body("refused.files", equalTo(2))
                .body("batch.attempts", equalTo(5)).body("batch.run_seconds", equalTo(17.0f))
                .body("stream.instance_hours", equalTo(2.5f)).body("stream.runs", equalTo(3));
        as(OPERATOR_KEY).queryParam("from", "2025-02-01").queryParam("to", "2025-01-01")
                .get("/api/tenants/alpha/usage").then().statusCode(400).body("error", containsString("must be before"));
    }

    @Test
    void healthAndMetricsAreServed() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }
}
