package io.mysimbdp.batch.trace;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.mysimbdp.batch.BatchTestEnvironment;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.mysimbdp.batch.BatchTestEnvironment.profile;
import static io.mysimbdp.batch.BatchTestEnvironment.var;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One file ingestion is one trace: detection, admission, scheduling, the app's attempt, the ledger writes. */
@QuarkusTest
@TestProfile(IngestionTraceTest.TracingOn.class)
@QuarkusTestResource(BatchTestEnvironment.class)
class IngestionTraceTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    /** The SDK on, exporting (quickly) to the in-memory exporter only. */
    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "%test.quarkus.otel.sdk.disabled", "false",
                    "quarkus.otel.bsp.schedule.delay", "50ms",
                    "quarkus.otel.traces.exporter", "cdi");
        }
    }

    @Inject
    InMemorySpanExporter spans;
    @Inject
    MongoClient mongo;

    @Test
    void oneFileIngestionIsOneTraceFromDetectionToTheLedger() throws Exception {
        profile("traced", "{fileTypes: [csv]}", "");
        await().atMost(WAIT).untilAsserted(() -> given().header("X-API-Key", "test-operator-key").get("/api/status").then().body("tenants.tenant", hasItem("traced")));
        Path dir = Files.createDirectories(var.resolve("staging/traced"));
        Files.writeString(dir.resolve("one.csv"), "id,price\n1,10\n2,20\n");
        Files.writeString(dir.resolve("bad.json"), "[]");

        SpanData root = await().atMost(WAIT).until(() -> rootOf("one.csv"), r -> r != null);
        List<SpanData> trace = inTrace(root.getTraceId());
        Map<String, List<SpanData>> byName = trace.stream().collect(Collectors.groupingBy(SpanData::getName));
        assertEquals(1, byName.get(IngestionTracing.DETECT).size(), names(trace).toString());
        assertEquals(1, byName.get(IngestionTracing.ADMIT).size(), names(trace).toString());
        assertEquals(1, byName.get(IngestionTracing.SCHEDULE).size(), names(trace).toString());
        assertEquals(1, byName.get(IngestionTracing.ATTEMPT).size(), names(trace).toString());
        assertEquals(List.of("RUNNING", "DONE"), byName.get(IngestionTracing.LEDGER).stream()
                .sorted(java.util.Comparator.comparing(SpanData::getStartEpochNanos))
                .map(s -> s.getAttributes().get(IngestionTracing.STATUS)).toList());
        for (SpanData s : trace) {
            if (s != root) {
                assertEquals(root.getSpanId(), s.getParentSpanId(), s.getName() + " is a child of the ingestion");
                assertTrue(s.getStartEpochNanos() >= root.getStartEpochNanos() && s.getEndEpochNanos() <= root.getEndEpochNanos(),
                        s.getName() + " lies within the ingestion");
            }
        }
        SpanData detect = byName.get(IngestionTracing.DETECT).get(0);
        SpanData attempt = byName.get(IngestionTracing.ATTEMPT).get(0);
        assertTrue(detect.getEndEpochNanos() <= attempt.getStartEpochNanos(), "detected before the app ran");
        assertEquals("traced", root.getAttributes().get(IngestionTracing.TENANT));
        assertEquals("done", root.getAttributes().get(IngestionTracing.STATUS));
        assertEquals(1L, mongo.getDatabase("mysimbdp_platform").getCollection("ingestions")
                .countDocuments(Filters.and(Filters.eq("tenant", "traced"), Filters.eq("status", "DONE"))));

        // the app was handed the attempt span's context: its own spans would continue this trace
        Path env = Files.walk(var.resolve("results/traced")).filter(p -> p.endsWith("env.txt")).findFirst().orElseThrow();
        assertTrue(Files.readString(env).contains("TRACEPARENT=00-" + root.getTraceId() + "-" + attempt.getSpanId() + "-01"),
                Files.readString(env));

        // a refused file is a trace of its own, ending with its INVALID ledger row
        SpanData refused = await().atMost(WAIT).until(() -> rootOf("bad.json"), r -> r != null);
        assertEquals("file-type", refused.getAttributes().get(IngestionTracing.RULE));
        List<String> refusedNames = names(inTrace(refused.getTraceId()));
        assertTrue(refusedNames.containsAll(List.of(IngestionTracing.DETECT, IngestionTracing.ADMIT, IngestionTracing.LEDGER)),
                refusedNames.toString());
    }

    /** The root span of the trace in which {@code file} was detected, once the trace is complete. */
    private SpanData rootOf(String file) {
        return spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals(IngestionTracing.DETECT) && file.equals(s.getAttributes().get(IngestionTracing.FILE)))
                .findFirst()
                .flatMap(d -> spans.getFinishedSpanItems().stream()
                        .filter(s -> s.getName().equals(IngestionTracing.INGESTION) && s.getTraceId().equals(d.getTraceId()))
                        .findFirst())
                .orElse(null);
    }

    private List<SpanData> inTrace(String traceId) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    }

    private static List<String> names(List<SpanData> trace) {
        return trace.stream().map(SpanData::getName).toList();
    }
}
