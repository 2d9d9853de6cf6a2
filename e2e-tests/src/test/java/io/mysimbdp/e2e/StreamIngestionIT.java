package io.mysimbdp.e2e;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stream path end to end as `make run` starts it: the stream-ingest-manager creates the
 * tenants' topics and runs their packaged stream apps, messages published with the CLI (and kcat)
 * land in the tenants' databases exactly once, poison goes to the DLQ, and the monitor's alerts
 * make the manager scale out under a burst and back in when it is quiet.
 */
class StreamIngestionIT {
    static final Duration WAIT = Duration.ofMinutes(4);
    /** Short intervals and low thresholds so scaling shows within a test. */
    static final UnaryOperator<String> FAST_SCALING = yaml -> yaml
            .replace("reportInterval: 5s", "reportInterval: 2s")
            .replace("windowReports: 3", "windowReports: 2")
            .replace("scaleOutLag: 5000", "scaleOutLag: 500")
            .replace("cooldown: 30s", "cooldown: 8s");

    @TempDir
    Path tmp;
    Platform platform;

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    void start() throws Exception {
        platform = new Platform(tmp, Map.of("tenant1.yaml", FAST_SCALING, "tenant2.yaml", FAST_SCALING));
        await().atMost(WAIT).until(() -> running("tenant1", "listings") >= 1 && running("tenant2", "prices") >= 1);
    }

    /** Running instances of a tenant's topic, per the stream-ingest-manager's API. */
    int running(String tenant, String topic) {
        return platform.running(tenant, topic);
    }

    Document topicStatus(String tenant, String topic) throws Exception {
        return java.util.Objects.requireNonNull(platform.topicStatus(tenant, topic), tenant + "." + topic);
    }

    long stored(String tenant, String collection) {
        return platform.documents("tenant_" + tenant, collection);
    }

    List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
        Properties p = new Properties();
        p.putAll(platform.superUser());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(500)).forEach(out::add);
            }
            c.poll(Duration.ofMillis(500)).forEach(out::add); // and nothing more
        }
        return out;
    }

    @Test
    void twoTenantsStreamExactlyWhatTheySentAndPoisonGoesToTheDlq() throws Exception {
        start();
        platform.cli("produce", "--tenant", "tenant1", "--topic", "listings", "--count", "30000", "--start-id", "1");
        platform.cli("produce", "--tenant", "tenant2", "--topic", "prices", "--count", "10000", "--start-id", "1000000");
        List<String> poison = List.of("not json at all", "[1,2,3]", "{\"id\": \"abc\", \"latitude\": 40.7, \"longitude\": -73.9}",
                "{\"name\": \"no id\", \"latitude\": 40.7, \"longitude\": -73.9}", "{\"id\": 77777777}");
        Properties p = new Properties();
        p.putAll(platform.tenant("tenant1")); // a tenant's own client, as the tenant's principal
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int round = 0; round < 3; round++) {
                for (String bad : poison) {
                    producer.send(new ProducerRecord<>("tenant1.listings", bad)).get();
                }
            }
        }
        long kcatMessages = 0;
        if (new ProcessBuilder("sh", "-c", "command -v kcat").start().waitFor() == 0) {
            kcatMessages = 100;
            Path lines = tmp.resolve("kcat.jsonl");
            try (OutputStream out = Files.newOutputStream(lines)) {
                for (int i = 0; i < kcatMessages; i++) {
                    out.write(("{\"id\": " + (2_000_000 + i) + ", \"name\": \"via kcat\", \"latitude\": 40.7, \"longitude\": -73.9, \"price\": 99}\n")
                            .getBytes(StandardCharsets.UTF_8));
                }
            }
            // one message per line from standard input (a file argument would be sent as one message)
            // the README's way: the CLI writes the tenant's librdkafka configuration, kcat reads it
            Path conf = tmp.resolve("t1.conf");
            Files.writeString(conf, platform.cli("credentials", "--tenant", "tenant1", "--format", "librdkafka"));
            Process kcat = new ProcessBuilder("kcat", "-F", conf.toString(), "-P", "-b", platform.kafka(), "-t", "tenant1.listings")
                    .redirectInput(lines.toFile()).redirectErrorStream(true).start();
            String output = new String(kcat.getInputStream().readAllBytes());
            assertTrue(kcat.waitFor(60, TimeUnit.SECONDS) && kcat.exitValue() == 0, "kcat failed: " + output);
        }
        long expected1 = 30000 + kcatMessages;
        await().atMost(WAIT).until(() -> stored("tenant1", "listings_stream") >= expected1 && stored("tenant2", "prices_stream") >= 10000);
        var dlq = readAll("tenant1.listings.dlq", 15);
        assertEquals(15, dlq.size(), "every poison message is in the DLQ, once");
        for (var r : dlq) {
            assertTrue(r.headers().lastHeader("mysimbdp-reason") != null, "a reason header");
        }
        // exactly once in the store: nothing more arrives
        await().pollDelay(Duration.ofSeconds(3)).atMost(WAIT).until(() -> true);
        assertEquals(expected1, stored("tenant1", "listings_stream"));
        assertEquals(10000, stored("tenant2", "prices_stream"));
        assertEquals(0, platform.documents("tenant_tenant2", "listings_stream"), "tenants never see each other's data");

        await().atMost(WAIT).untilAsserted(() -> assertTrue(platform.get("stream-ingest-monitor", "/q/metrics")
                .contains("mysimbdp_stream_messages_total{tenant=\"tenant1\",topic=\"listings\"}")));
        String streams = platform.cli("streams",
                "--manager-url", "http://127.0.0.1:" + platform.servicePorts.get("stream-ingest-manager"),
                "--monitor-url", "http://127.0.0.1:" + platform.servicePorts.get("stream-ingest-monitor"));
        assertTrue(streams.contains("tenant1") && streams.contains("listings") && streams.contains("prices"), streams);
    }

    @Test
    void aBurstScalesOutQuietScalesBackInAndAKilledInstanceLosesNothing() throws Exception {
        start();
        int count = 200_000;
        Thread producer = new Thread(() -> {
            try {
                platform.cli("produce", "--tenant", "tenant1", "--topic", "listings", "--count", Integer.toString(count), "--start-id", "1");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        producer.start();
        await().atMost(WAIT).until(() -> running("tenant1", "listings") >= 2);
        // kill one instance the hard way while messages flow
        Document instance = topicStatus("tenant1", "listings").getList("instances", Document.class).get(0);
        long pid = instance.get("pid", Number.class).longValue();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        producer.join(TimeUnit.MINUTES.toMillis(5));

        await().atMost(WAIT).until(() -> stored("tenant1", "listings_stream") >= count);
        await().atMost(WAIT).until(() -> running("tenant1", "listings") == 1);
        assertEquals(count, stored("tenant1", "listings_stream"), "every message exactly once");

        List<String> actions = new ArrayList<>();
        List<Document> decisions = new ArrayList<>(topicStatus("tenant1", "listings").getList("decisions", Document.class));
        decisions.sort(java.util.Comparator.comparing(d -> java.time.Instant.parse(d.getString("at"))));
        for (Document d : decisions) {
            // the monitor's alerts, and the manager's own scale-out on the broker's lag (issue 18)
            if (d.getInteger("from") != d.getInteger("to") && java.util.Set.of("alert", "broker-lag").contains(d.getString("source"))) {
                actions.add(d.getString("action"));
            }
        }
        // out first, then in: no oscillation
        int firstIn = actions.indexOf("scale_in");
        assertTrue(actions.contains("scale_out") && firstIn > 0 && !actions.subList(firstIn, actions.size()).contains("scale_out"),
                "scaling decisions: " + actions);
    }
}
