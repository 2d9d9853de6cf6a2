package io.mysimbdp.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.mysimbdp.common.json.Json;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.mysimbdp.monitor.MonitorTestEnvironment.ACME_ALERTS;
import static io.mysimbdp.monitor.MonitorTestEnvironment.ACME_REPORTS;
import static io.mysimbdp.monitor.MonitorTestEnvironment.BETA_ALERTS;
import static io.mysimbdp.monitor.MonitorTestEnvironment.BETA_REPORTS;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged behaviour against a real broker: reports in on pattern-subscribed topics, alerts out. */
@QuarkusTest
@QuarkusTestResource(MonitorTestEnvironment.class)
class StreamIngestMonitorTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    /** Reports go out more often than the 1 s interval, so every interval hears from every instance. */
    static final long SEND_EVERY_MS = 200;

    KafkaProducer<String, String> producer;
    ScheduledExecutorService reporter;

    @BeforeEach
    void setUp() {
        producer = new KafkaProducer<>(MonitorTestEnvironment.superUser(Map.of(ProducerConfig.LINGER_MS_CONFIG, 0)),
                new StringSerializer(), new StringSerializer());
        reporter = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        reporter.shutdownNow();
        reporter.awaitTermination(10, TimeUnit.SECONDS);
        producer.close();
    }

    static String report(String tenant, String topic, String instance, long lag) {
        return """
                {"tenant_name": "%s", "topic": "%s", "instance_id": "%s", "timestamp": "%s", "predefined_time": 1,
                 "ingestion_type": "streaming", "messages": 100, "failed_messages": 1, "total_messages": 1000,
                 "total_failed_messages": 10, "ingestion_time": 0.2, "avg_ingestion_time": 0.002, "data_size": 4096,
                 "total_data_size": 40960, "ingestion_rate": 4096.0, "qps": 100.0, "consumer_lag": %d,
                 "assigned_partitions": 2}
                """.formatted(tenant, topic, instance, Instant.now(), lag);
    }

    /** Two instances of a tenant topic keep reporting the current lag, each. */
    void keepReporting(String reportTopic, String tenant, String topic, AtomicLong lag) {
        reporter.scheduleAtFixedRate(() -> {
            for (String instance : List.of("stream-" + tenant + "-" + topic + "-0", "stream-" + tenant + "-" + topic + "-1")) {
                producer.send(new ProducerRecord<>(reportTopic, instance, report(tenant, topic, instance, lag.get())));
            }
        }, 0, SEND_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    static KafkaConsumer<String, String> alertReader(String topic) {
        KafkaConsumer<String, String> c = new KafkaConsumer<>(MonitorTestEnvironment.superUser(Map.of(
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")), new StringDeserializer(), new StringDeserializer());
        TopicPartition p = new TopicPartition(topic, 0);
        c.assign(List.of(p));
        c.seekToBeginning(List.of(p));
        return c;
    }

    static JsonNode awaitAlert(KafkaConsumer<String, String> reader, List<JsonNode> seen, String type) {
        await().atMost(WAIT).until(() -> {
            for (var r : reader.poll(Duration.ofMillis(200))) {
                seen.add(Json.json().readTree(r.value()));
            }
            return seen.stream().anyMatch(a -> type.equals(a.path("type").asText()));
        });
        return seen.stream().filter(a -> type.equals(a.path("type").asText())).findFirst().orElseThrow();
    }

    @Test
    void sustainedLagRaisesScaleOutThenLowLagScaleInAndASpoofedReportIsIgnored() throws IOException {
        AtomicLong lag = new AtomicLong(3000);
        List<JsonNode> alerts = new ArrayList<>();
        try (KafkaConsumer<String, String> reader = alertReader(ACME_ALERTS)) {
            keepReporting(ACME_REPORTS, "acme", "orders", lag);
            JsonNode out = awaitAlert(reader, alerts, "SCALE_OUT");
            assertEquals("acme", out.get("tenant").asText());
            assertEquals("orders", out.get("topic").asText());
            assertFalse(out.get("alert_id").asText().isEmpty());
            assertTrue(out.get("reason").asText().contains("scaleOutLag 1000"), out.toString());
            assertEquals(6000, out.get("window").get("consumer_lag").asLong(), out.toString());
            assertEquals(2, out.get("window").get("instances").asInt(), out.toString());
            Instant.parse(out.get("timestamp").asText());
            for (String field : List.of("reports", "messages", "qps", "avg_ingestion_time", "failed_messages")) {
                assertTrue(out.get("window").has(field), field + " in " + out);
            }

            // a report on acme's topic that claims to be beta's, with a lag that would block any scale-in
            producer.send(new ProducerRecord<>(ACME_REPORTS, "intruder", report("beta", "orders", "intruder", 1_000_000_000)));
            lag.set(5);
            JsonNode in = awaitAlert(reader, alerts, "SCALE_IN");
            assertEquals("acme", in.get("tenant").asText());
            assertEquals(10, in.get("window").get("consumer_lag").asLong(), in.toString());
        }

        given().get("/api/streams").then().statusCode(200)
                .body("streams.find { it.tenant == 'acme' }.instances.instance_id", hasItem("stream-acme-orders-0"))
                .body("streams.find { it.tenant == 'acme' }.instances.instance_id", hasItem("stream-acme-orders-1"))
                .body("streams.find { it.tenant == 'acme' }.instances.size()", org.hamcrest.Matchers.is(2))
                .body("streams.find { it.tenant == 'acme' }.alerts.type", hasItem("SCALE_OUT"))
                .body("streams.find { it.tenant == 'acme' }.last_interval.instances", org.hamcrest.Matchers.is(2));

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        String acme = "tenant=\"acme\",topic=\"orders\"";
        for (String series : List.of("mysimbdp_stream_messages_total{", "mysimbdp_stream_failed_messages_total{",
                "mysimbdp_stream_bytes_total{", "mysimbdp_stream_reported_lag{", "mysimbdp_stream_avg_ingestion_time_seconds{",
                "mysimbdp_stream_qps{", "mysimbdp_stream_instances{", "mysimbdp_stream_reports_total{",
                "mysimbdp_stream_invalid_reports_total{")) {
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith(series) && l.contains(acme)), series + " missing in\n" + metrics);
        }
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("mysimbdp_stream_alerts_total{") && l.contains(acme)
                && l.contains("type=\"SCALE_OUT\"")), metrics);
        assertFalse(metrics.contains("stream-acme-orders-0"), "no instance ids in metric labels");
    }

    @Test
    void perSinkFiguresOfMultiSinkReportsBecomeSinkMetrics() {
        for (int i = 0; i < 2; i++) {
            String instance = "stream-beta-clicks-sinks-" + i;
            String withSinks = report("beta", "clicks", instance, 0).strip();
            withSinks = withSinks.substring(0, withSinks.length() - 1) + ", \"sinks\": {"
                    + "\"mongodb\": {\"delivered\": 100, \"failures\": 0, \"dead_lettered\": 0, \"waiting\": 0},"
                    + "\"kafka\": {\"delivered\": 40, \"failures\": 2, \"dead_lettered\": 1, \"waiting\": " + (5 + i) + "}}}";
            producer.send(new ProducerRecord<>(BETA_REPORTS, instance, withSinks));
        }
        producer.flush();
        String kafka = "sink=\"kafka\",tenant=\"beta\",topic=\"clicks\"";
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/metrics").then()
                .body(containsString("mysimbdp_stream_sink_messages_total{" + kafka + "} 80.0"))
                .body(containsString("mysimbdp_stream_sink_failures_total{" + kafka + "} 4.0"))
                .body(containsString("mysimbdp_stream_sink_dead_letters_total{" + kafka + "} 2.0"))
                .body(containsString("mysimbdp_stream_sink_waiting{" + kafka + "} 11.0"))
                .body(containsString("mysimbdp_stream_sink_messages_total{sink=\"mongodb\",tenant=\"beta\",topic=\"clicks\"} 200.0")));
    }

    @Test
    void anAlertForATopicWithoutItsAlertTopicIsNotSentAndCreatesNothing() throws Exception {
        keepReporting(BETA_REPORTS, "beta", "clicks", new AtomicLong(50_000));
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/metrics").then()
                .body(containsString("mysimbdp_stream_alert_failures_total{tenant=\"beta\",topic=\"clicks\"}")));
        try (Admin admin = MonitorTestEnvironment.admin()) {
            assertFalse(admin.listTopics().names().get().contains(BETA_ALERTS));
        }
        given().get("/api/streams").then().statusCode(200)
                .body("streams.find { it.tenant == 'beta' }.alerts.type", hasItem("SCALE_OUT"));
    }

    @Test
    void eachReportIsStoredOnceInThePlatformsDatabaseWithItsIntervalsQualityRow() {
        String instance = "stream-beta-clicks-store";
        Instant end = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String withQuality = """
                {"tenant_name": "beta", "topic": "clicks", "instance_id": "%s", "timestamp": "%s", "interval_start": "%s",
                 "predefined_time": 1, "ingestion_type": "streaming", "messages": 40, "failed_messages": 2, "total_messages": 40,
                 "total_failed_messages": 2, "ingestion_time": 0.5, "avg_ingestion_time": 0.0125, "data_size": 8000,
                 "total_data_size": 8000, "ingestion_rate": 8000.0, "qps": 40.0, "consumer_lag": 0, "assigned_partitions": 4,
                 "quality_messages": 40, "quality_good_messages": 30, "quality_failures": {"price.min": 7, "wrangling": 3},
                 "quality_min_good_share": 0.9, "quality_collection": "clicks", "quality_failures_to": "quarantine"}
                """.formatted(instance, end, end.minusSeconds(1));
        // a forged report (another tenant's name on beta's topic) stores nothing (sent first: handled before the rows awaited below)
        producer.send(new ProducerRecord<>(BETA_REPORTS, "forger", withQuality.replace("\"beta\"", "\"acme\"")
                .replace(instance, "forger")));
        producer.send(new ProducerRecord<>(BETA_REPORTS, instance, withQuality));
        producer.send(new ProducerRecord<>(BETA_REPORTS, instance, withQuality));   // delivered twice: stored once
        producer.flush();

        try (com.mongodb.client.MongoClient client = com.mongodb.client.MongoClients.create(MonitorTestEnvironment.mongodbUri)) {
            var platform = client.getDatabase("mysimbdp_platform");
            org.bson.Document ofInstance = new org.bson.Document("instance", instance);
            await().atMost(WAIT).until(() -> platform.getCollection("quality").countDocuments(ofInstance) > 0);
            List<org.bson.Document> reports = platform.getCollection("stream_reports").find(ofInstance).into(new ArrayList<>());
            assertEquals(1, reports.size(), reports.toString());
            org.bson.Document row = reports.get(0);
            assertEquals("beta.clicks/" + instance + "@" + end, row.getString("_id"));
            assertEquals("beta", row.getString("tenant"));
            assertEquals("clicks", row.getString("topic"));
            assertEquals(40L, row.getLong("messages"));
            assertEquals(2L, row.getLong("failed_messages"));
            assertEquals(8000L, row.getLong("bytes"));
            assertEquals(java.util.Date.from(end.minusSeconds(1)), row.getDate("interval_start"));
            assertEquals(java.util.Date.from(end), row.getDate("interval_end"));

            List<org.bson.Document> quality = platform.getCollection("quality").find(ofInstance).into(new ArrayList<>());
            assertEquals(1, quality.size(), quality.toString());
            org.bson.Document q = quality.get(0);
            assertEquals("stream:beta.clicks/" + instance + "@" + end, q.getString("_id"));
            assertEquals("stream", q.getString("kind"));
            assertEquals("clicks", q.getString("source"));
            assertEquals(40L, q.getLong("records"));
            assertEquals(30L, q.getLong("good"));
            assertEquals(10L, q.getLong("bad"));
            assertTrue(q.getBoolean("flagged"));
            assertEquals("clicks_quarantine", q.getString("quarantine"));
            assertEquals(List.of("price.min", "wrangling"), q.getList("failures", org.bson.Document.class).stream()
                    .map(f -> f.getString("rule")).toList());
            assertEquals(0, platform.getCollection("stream_reports").countDocuments(new org.bson.Document("instance", "forger")));
        }
    }

    @Test
    void readyWhenTheConsumerIsConnected() {
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'stream-ingest-monitor' }.status", org.hamcrest.Matchers.is("UP"))
                .body("checks.find { it.name == 'stream-ingest-monitor' }.data.kafka", org.hamcrest.Matchers.is("connected")));
    }
}
