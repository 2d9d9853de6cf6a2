package io.mysimbdp.streammanager;

import io.mysimbdp.common.kafka.KafkaCredentials;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.mysimbdp.streammanager.StreamTestEnvironment.profile;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hostile tenant app on the real broker with SASL and ACLs on, with the principals and ACLs the
 * manager creates on onboarding: tenant1 tries to read, commit, alert and connect where it must not;
 * each attempt fails with the broker's authorisation or authentication error, while tenant2 publishes
 * and consumes its own messages in its own group with exact counts.
 */
@QuarkusTest
@QuarkusTestResource(StreamTestEnvironment.class)
class HostileTenantTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final int MESSAGES = 500;

    @AfterEach
    void offboard() throws Exception {
        Files.deleteIfExists(StreamTestEnvironment.tenants.resolve("tenant1.yaml"));
        Files.deleteIfExists(StreamTestEnvironment.tenants.resolve("tenant2.yaml"));
    }

    static Map<String, Object> producerProps(Map<String, Object> base) {
        Map<String, Object> props = new HashMap<>(base);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 8_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 8_000);
        return props;
    }

    static Map<String, Object> consumerProps(Map<String, Object> base, String group) {
        Map<String, Object> props = new HashMap<>(base);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return props;
    }

    /** The exception a send ended with (the cause of the future's failure, or what send() itself threw). */
    static Throwable sendFailure(Map<String, Object> client, String topic) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(client))) {
            Future<?> sent = producer.send(new ProducerRecord<>(topic, "k", "{\"type\":\"SCALE_OUT\"}"));
            ExecutionException e = assertThrows(ExecutionException.class, () -> sent.get(30, TimeUnit.SECONDS),
                    "the broker accepted a write to " + topic);
            return e.getCause();
        } catch (org.apache.kafka.common.KafkaException e) {
            return e;
        }
    }

    @Test
    void tenant1CannotTouchTenant2OrTheAlertsWhileTenant2IngestsExactly() throws Exception {
        profile("tenant1", "[{name: prices}]", 1, 1, "");
        profile("tenant2", "[{name: prices}]", 1, 1, "");
        try (Admin admin = Admin.create(StreamTestEnvironment.superUser)) {
            await().atMost(WAIT).until(() -> admin.describeUserScramCredentials().users().get(10, TimeUnit.SECONDS)
                    .containsAll(List.of("tenant-tenant1", "tenant-tenant2")));
        }
        KafkaCredentials t1 = StreamTestEnvironment.tenantCredentials("tenant1");
        KafkaCredentials t2 = StreamTestEnvironment.tenantCredentials("tenant2");
        Map<String, Object> asT1 = StreamTestEnvironment.as(t1, Map.of());
        Map<String, Object> asT2 = StreamTestEnvironment.as(t2, Map.of());
        String t2Group = io.mysimbdp.common.naming.TenantNames.streamConsumerGroup("tenant2", "prices");

        // tenant2 publishes with its own credentials, once the broker applies its ACLs (they reach the
        // authorizer through the cluster metadata, a moment after the manager wrote them); every send acknowledged
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(asT2))) {
            await().atMost(WAIT).ignoreExceptions().until(() -> !producer.partitionsFor("tenant2.prices").isEmpty());
            List<Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                sent.add(producer.send(new ProducerRecord<>("tenant2.prices", "k" + i, "{\"id\":" + i + "}")));
            }
            producer.flush();
            for (Future<org.apache.kafka.clients.producer.RecordMetadata> f : sent) {
                assertTrue(f.get(30, TimeUnit.SECONDS).hasOffset(), "tenant2's own write acknowledged");
            }
        }

        // tenant1 reads tenant2's topic: refused
        try (KafkaConsumer<String, String> spy = new KafkaConsumer<>(consumerProps(asT1, "tenant1.spy"))) {
            spy.subscribe(List.of("tenant2.prices"));
            assertThrows(TopicAuthorizationException.class, () -> {
                for (int i = 0; i < 20; i++) {
                    spy.poll(Duration.ofMillis(500));
                }
            });
        }
        // tenant1 commits in tenant2's consumer group (to skip its data): refused
        try (KafkaConsumer<String, String> skipper = new KafkaConsumer<>(consumerProps(asT1, t2Group))) {
            assertThrows(GroupAuthorizationException.class, () -> skipper.commitSync(
                    Map.of(new TopicPartition("tenant2.prices", 0), new OffsetAndMetadata(MESSAGES))));
        }
        // tenant1 posts SCALE_OUT to tenant2's alert topic, and to its own: refused (only the monitor writes alerts)
        assertInstanceOf(TopicAuthorizationException.class, sendFailure(asT1, "tenant2.prices.alert"));
        assertInstanceOf(TopicAuthorizationException.class, sendFailure(asT1, "tenant1.prices.alert"));
        // without credentials: the SASL listener never lets the client in
        Map<String, Object> anonymous = Map.of("bootstrap.servers", StreamTestEnvironment.bootstrap);
        assertInstanceOf(TimeoutException.class, sendFailure(anonymous, "tenant1.prices"));
        // tenant2's user name with a wrong password
        Map<String, Object> forged = StreamTestEnvironment.as(new KafkaCredentials(t2.username(), t2.password() + "x"), Map.of());
        assertInstanceOf(SaslAuthenticationException.class, sendFailure(forged, "tenant2.prices"));

        // meanwhile tenant2 consumes its messages in its own group: every one, exactly once, offsets its own
        Set<String> seen = new HashSet<>();
        int records = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps(asT2, t2Group))) {
            consumer.subscribe(List.of("tenant2.prices"));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (seen.size() < MESSAGES && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    seen.add(r.key());
                    records++;
                }
            }
            consumer.commitSync();
            assertEquals(MESSAGES, seen.size());
            assertEquals(MESSAGES, records, "nothing skipped, nothing twice");
            assertEquals(MESSAGES, consumer.committed(Set.of(new TopicPartition("tenant2.prices", 0)))
                    .get(new TopicPartition("tenant2.prices", 0)).offset());
        }
        // tenant1 may still use its own topic
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(asT1))) {
            assertTrue(producer.send(new ProducerRecord<>("tenant1.prices", "k", "{}")).get(30, TimeUnit.SECONDS).hasOffset());
        }
    }
}
