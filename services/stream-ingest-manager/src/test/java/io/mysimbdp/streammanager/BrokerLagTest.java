package io.mysimbdp.streammanager;

import io.mysimbdp.common.kafka.KafkaCredentials;
import io.mysimbdp.streammanager.kafka.KafkaTopicOperator;
import io.mysimbdp.streammanager.model.GroupOffsets;
import io.mysimbdp.streammanager.model.TopicKey;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.mysimbdp.streammanager.StreamTestEnvironment.tenants;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker's view of lag on the real SASL broker, read with the manager's own principal: it equals the
 * backlog while no instance runs (the apps' reports cannot say so), an idle topic with
 * {@code scaleToZeroAfter} goes to zero instances and wakes when messages arrive, and a group's offsets
 * the broker dropped are written back.
 */
@QuarkusTest
@QuarkusTestResource(StreamTestEnvironment.class)
class BrokerLagTest {
    static final Duration WAIT = Duration.ofSeconds(60);

    @AfterEach
    void offboard() throws Exception {
        for (String t : List.of("backlog", "sleepy", "restore")) {
            Files.deleteIfExists(tenants.resolve(t + ".yaml"));
        }
    }

    static void profile(String tenant, String appExtra) throws Exception {
        Files.writeString(tenants.resolve("." + tenant + ".tmp"), """
                stream:
                  topics: [{name: events, partitions: 2}]
                  app: {command: [%s], minInstances: %s, maxInstances: 2, reportInterval: 3s, config: {collection: events}%s}
                """.formatted(StreamTestEnvironment.app, appExtra.isEmpty() ? "1" : "0", appExtra));
        Files.move(tenants.resolve("." + tenant + ".tmp"), tenants.resolve(tenant + ".yaml"),
                java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    static void produce(String topic, int count) throws Exception {
        try (var producer = new KafkaProducer<>(StreamTestEnvironment.superUser, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, Integer.toString(i), "{\"id\": " + i + "}"));
            }
            producer.flush();
        }
    }

    static io.restassured.path.json.JsonPath topic(String tenant) {
        return given().get("/api/streams/" + tenant).then().statusCode(200).extract().jsonPath();
    }

    static Long lag(String tenant) {
        var r = given().get("/api/streams/" + tenant);
        return r.statusCode() == 200 && r.jsonPath().get("topics[0].lag") != null ? r.jsonPath().getLong("topics[0].lag") : null;
    }

    static String metric(String tenant) {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(l -> l.startsWith("mysimbdp_stream_consumer_lag{") && l.contains("tenant=\"" + tenant + "\""))
                .findFirst().orElse(null);
    }

    @Test
    void brokerLagEqualsTheBacklogWhileNoInstanceRuns() throws Exception {
        profile("backlog", "");
        await().atMost(WAIT).until(() -> lag("backlog") != null && topic("backlog").getInt("topics[0].running") == 1);
        given().header("X-API-Key", "test-operator-key").post("/api/streams/backlog/events/stop").then().statusCode(200);
        await().atMost(WAIT).until(() -> topic("backlog").getInt("topics[0].running") == 0);

        produce("backlog.events", 5000);
        await().atMost(WAIT).until(() -> Long.valueOf(5000).equals(lag("backlog")));
        await().atMost(WAIT).until(() -> metric("backlog") != null && metric("backlog").endsWith(" 5000.0"));
        assertEquals(0, topic("backlog").getInt("topics[0].running"), "nobody reports: only the broker knows");

        // the group commits partition 0 up to its end: what is left is partition 1's share
        long[] ends = new long[2];
        try (var consumer = new KafkaConsumer<>(StreamTestEnvironment.superUser(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "backlog.events.stream")), new StringDeserializer(), new StringDeserializer())) {
            var tps = List.of(new TopicPartition("backlog.events", 0), new TopicPartition("backlog.events", 1));
            var end = consumer.endOffsets(tps);
            ends[0] = end.get(tps.get(0));
            ends[1] = end.get(tps.get(1));
            consumer.commitSync(Map.of(tps.get(0), new OffsetAndMetadata(ends[0])));
        }
        assertEquals(5000, ends[0] + ends[1]);
        await().atMost(WAIT).until(() -> Long.valueOf(ends[1]).equals(lag("backlog")));
    }

    @Test
    void anIdleTopicGoesToZeroAndWakesWhenMessagesArrive() throws Exception {
        profile("sleepy", ", scaleToZeroAfter: 2s");
        await().atMost(WAIT).until(() -> given().get("/api/streams/sleepy").statusCode() == 200
                && topic("sleepy").get("topics[0].asleepSince") != null);
        await().atMost(WAIT).until(() -> topic("sleepy").getInt("topics[0].running") == 0);
        assertEquals(0, StreamTestEnvironment.alivePids().stream().filter(p -> {
            try {
                return Files.readString(StreamTestEnvironment.instances.resolve("stream-sleepy-events-1.pid")).trim().equals(p.toString());
            } catch (java.io.IOException e) {
                return false;
            }
        }).count(), "the instance's process ended");

        produce("sleepy.events", 10);
        await().atMost(WAIT).until(() -> topic("sleepy").get("topics[0].asleepSince") == null
                && topic("sleepy").getInt("topics[0].running") == 1);
        assertEquals("wake", topic("sleepy").getString("topics[0].decisions[0].action"));
        await().atMost(WAIT).until(() -> Long.valueOf(10).equals(lag("sleepy")));
    }

    @Test
    void theManagersPrincipalReadsAndRestoresAGroupsOffsets() throws Exception {
        profile("restore", "");
        await().atMost(WAIT).until(() -> lag("restore") != null);
        given().header("X-API-Key", "test-operator-key").post("/api/streams/restore/events/stop").then().statusCode(200);
        await().atMost(WAIT).until(() -> topic("restore").getInt("topics[0].running") == 0);
        produce("restore.events", 100);
        KafkaCredentials manager = KafkaCredentials.read(StreamTestEnvironment.root.resolve("kafka-credentials")
                .resolve("stream-ingest-manager.properties"));
        Map<String, Object> security = new HashMap<>(manager.clientProperties());
        TopicKey key = new TopicKey("restore", "events");
        try (var operator = new KafkaTopicOperator(StreamTestEnvironment.bootstrap, security, (short) 1, Duration.ofSeconds(10),
                false, null); Admin admin = Admin.create(StreamTestEnvironment.superUser)) {
            GroupOffsets before = operator.groupOffsets(List.of(key)).get(key);
            assertEquals(100, before.lag());
            assertTrue(before.committed().isEmpty());
            operator.restoreOffsets(key, Map.of(0, before.partitions().get(0).end(), 1, 0L));
            GroupOffsets after = operator.groupOffsets(List.of(key)).get(key);
            assertEquals(before.partitions().get(1).end(), after.lag());
            assertEquals(Map.of(0, before.partitions().get(0).end(), 1, 0L), after.committed());
            // the broker drops an empty group's offsets after offsets.retention.minutes: deleting the group plays it
            admin.deleteConsumerGroups(List.of("restore.events.stream")).all().get(10, TimeUnit.SECONDS);
            assertTrue(operator.groupOffsets(List.of(key)).get(key).committed().isEmpty());
            assertNull(operator.groupOffsets(List.of(new TopicKey("restore", "missing"))).get(new TopicKey("restore", "missing")));
        }
    }
}
