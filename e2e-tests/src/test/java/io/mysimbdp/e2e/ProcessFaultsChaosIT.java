package io.mysimbdp.e2e;

import com.mongodb.client.model.Filters;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Processes killed the hard way (SIGKILL) on a running platform, each followed by the exact count:
 * a tenant's batch app mid-file, the Kafka broker while messages flow, the stream-ingest-manager
 * (its instances keep running and are adopted, none started twice) and the stream-ingest-monitor.
 * Part of {@code make chaos}.
 */
class ProcessFaultsChaosIT {
    static final Duration WAIT = Duration.ofMinutes(4);
    static final String STREAM_APP_MAIN = "clientstreamingestapp";

    @TempDir
    Path tmp;
    Platform platform;

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    long stored(String tenant, String collection) {
        return platform.documents("tenant_" + tenant, collection);
    }

    /** Instance id → pids of every stream app JVM of this platform, found by their contract environment. */
    Map<String, List<Long>> streamAppProcesses() {
        String bootstrap = "KAFKA_BOOTSTRAP_SERVERS=" + platform.kafka();
        Map<String, List<Long>> out = new TreeMap<>();
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            for (ProcessHandle p : (Iterable<ProcessHandle>) all::iterator) {
                if (!p.info().commandLine().orElse("").contains(STREAM_APP_MAIN)) {
                    continue;
                }
                List<String> env = environment(p.pid());
                String id = env.stream().filter(v -> v.startsWith("MYSIMBDP_INSTANCE_ID=")).findFirst().orElse(null);
                if (id != null && env.contains(bootstrap)) {
                    out.computeIfAbsent(id.substring(id.indexOf('=') + 1), k -> new ArrayList<>()).add(p.pid());
                }
            }
        }
        return out;
    }

    private static List<String> environment(long pid) {
        try {
            return List.of(new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")), StandardCharsets.UTF_8).split("\0"));
        } catch (IOException e) {
            return List.of(); // gone meanwhile, or not readable
        }
    }

    Set<Long> instancePids(String tenant, String topic) throws Exception {
        return platform.topicStatus(tenant, topic).getList("instances", Document.class).stream()
                .map(d -> d.get("pid", Number.class).longValue()).collect(Collectors.toSet());
    }

    static String listing(long id) {
        return "{\"id\": " + id + ", \"name\": \"chaos\", \"latitude\": 40.7, \"longitude\": -73.9, \"price\": 99}";
    }

    @Test
    void killedAppsBrokerManagerAndMonitorLoseAndDuplicateNothing() throws Exception {
        // one instance per topic: no scaling decision moves instances while the manager is away
        platform = new Platform(tmp, Map.of("tenant1.yaml", yaml -> yaml.replace("maxInstances: 4", "maxInstances: 1")));
        await().atMost(WAIT).until(() -> platform.running("tenant1", "listings") >= 1 && platform.running("tenant2", "prices") >= 1);

        // 1. the tenant's batch app, SIGKILLed while it writes: retried, every row once
        Path gen = platform.sampleData("appkill", "--format", "csv", "--rows", "30000", "--files", "3", "--prefix", "appkill", "--start-id", "1");
        Path staging = Files.createDirectories(platform.var.resolve("staging/tenant1"));
        for (Path f : Platform.files(gen)) {
            Files.move(f, staging.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
        long managerPid = platform.stack.pids().get("batch-ingest-manager");
        await().atMost(WAIT).until(() -> stored("tenant1", "listings") > 0);
        List<ProcessHandle> apps = ProcessHandle.of(managerPid).orElseThrow().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("clientbatchingestapp")).toList();
        assertFalse(apps.isEmpty(), "a batch app is running");
        apps.forEach(ProcessHandle::destroyForcibly);
        await().atMost(WAIT).until(() -> platform.ledger().distinct("file", Filters.and(Filters.eq("tenant", "tenant1"),
                Filters.eq("status", "DONE")), String.class).into(new ArrayList<>()).size() == 3);
        assertEquals(3 * 30000, stored("tenant1", "listings"));
        Document retry = platform.ledger().find(Filters.and(Filters.eq("tenant", "tenant1"), Filters.eq("status", "RETRY"))).first();
        assertTrue(retry != null && retry.getString("reason").contains("137"), "the killed attempt is recorded: " + retry);
        assertEquals(0, platform.ledgerCount("tenant1", "FAILED"));

        // 2. the broker, SIGKILLed while messages flow, then started again on its data
        int messages = 60_000;
        AtomicLong failedSends = new AtomicLong();
        Map<String, Object> config = new HashMap<>(platform.tenant("tenant1"));
        config.putAll(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "tenant1",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TimeUnit.MINUTES.toMillis(3),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TimeUnit.MINUTES.toMillis(3)));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            AtomicLong sent = new AtomicLong();
            Thread flow = new Thread(() -> {
                for (long i = 0; i < messages; i++) {
                    producer.send(new ProducerRecord<>("tenant1.listings", Long.toString(1_000_000 + i), listing(1_000_000 + i)), (md, e) -> {
                        if (e != null) {
                            failedSends.incrementAndGet();
                        }
                    });
                    sent.incrementAndGet();
                    if (i % 500 == 0) {
                        producer.flush(); // a steady flow rather than one burst, so the kill lands mid-stream
                    }
                }
                producer.flush();
            }, "flow");
            flow.start();
            await().atMost(WAIT).until(() -> stored("tenant1", "listings_stream") > 0 && sent.get() > messages / 4);
            platform.stopComponent("kafka", true);
            platform.stack.run();
            flow.join(TimeUnit.MINUTES.toMillis(4));
            assertFalse(flow.isAlive(), "the producer delivered everything after the broker came back");
        }
        assertEquals(0, failedSends.get(), "no send failed for good");
        await().atMost(WAIT).until(() -> stored("tenant1", "listings_stream") >= messages);
        for (String component : List.of("stream-ingest-manager", "stream-ingest-monitor", "batch-ingest-manager", "daas")) {
            assertTrue(StackProcess.isAlive(platform.stack.pids().get(component)), component + " outlives the broker restart");
        }

        // 3. the stream manager, SIGKILLed: its instances keep running and the restarted manager adopts them
        await().atMost(WAIT).until(() -> platform.running("tenant1", "listings") == 1 && platform.running("tenant2", "prices") == 1);
        Set<Long> before1 = instancePids("tenant1", "listings");
        Set<Long> before2 = instancePids("tenant2", "prices");
        Map<String, List<Long>> processesBefore = streamAppProcesses();
        platform.stopComponent("stream-ingest-manager", true);
        assertTrue(before1.stream().allMatch(StackProcess::isAlive) && before2.stream().allMatch(StackProcess::isAlive),
                "instances outlive their manager");
        platform.stack.run();
        await().atMost(WAIT).until(() -> platform.running("tenant1", "listings") == 1 && platform.running("tenant2", "prices") == 1);
        assertEquals(before1, instancePids("tenant1", "listings"), "adopted, not replaced");
        assertEquals(before2, instancePids("tenant2", "prices"), "adopted, not replaced");
        await().pollDelay(Duration.ofSeconds(5)).atMost(WAIT).until(() -> true); // several reconcile rounds
        assertEquals(processesBefore, streamAppProcesses(), "no instance started twice");
        for (List<Long> pids : processesBefore.values()) {
            assertEquals(1, pids.size(), "one process per instance id: " + processesBefore);
        }

        // 4. the monitor, SIGKILLed and started again: it reads the reports again; the instances are untouched
        platform.stopComponent("stream-ingest-monitor", true);
        platform.stack.run();
        platform.cli("produce", "--tenant", "tenant1", "--topic", "listings", "--count", "5000", "--start-id", "5000000");
        await().atMost(WAIT).untilAsserted(() -> assertTrue(platform.get("stream-ingest-monitor", "/q/metrics")
                .contains("mysimbdp_stream_messages_total{tenant=\"tenant1\",topic=\"listings\"}")));
        assertEquals(before1, instancePids("tenant1", "listings"));

        // everything exactly once: nothing more arrives
        await().atMost(WAIT).until(() -> stored("tenant1", "listings_stream") >= messages + 5000);
        await().pollDelay(Duration.ofSeconds(3)).atMost(WAIT).until(() -> true);
        assertEquals(messages + 5000, stored("tenant1", "listings_stream"));
        assertEquals(3 * 30000, stored("tenant1", "listings"));
        assertEquals(0, stored("tenant2", "listings_stream"), "the other tenant saw none of it");
    }
}
