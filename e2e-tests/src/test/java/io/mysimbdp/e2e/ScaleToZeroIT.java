package io.mysimbdp.e2e;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
 * Scale to zero and back on the local runtime, as `make run` starts it, with the real stream app:
 * tenant2's topic (minInstances 0, scaleToZeroAfter 5s) goes to zero instances when idle; a message
 * wakes it (the time from its acknowledged send to its document in the store is the wake latency,
 * recorded, not asserted); 10,000 more land exactly once; it goes back to zero. Three cycles in a row in
 * `make test` (about a minute each); ten with -Dscale-to-zero.cycles=10 (docs/performance.md has such a run).
 */
class ScaleToZeroIT {
    static final Duration WAIT = Duration.ofMinutes(3);
    static final int CYCLES = Integer.getInteger("scale-to-zero.cycles", 3);
    static final int MESSAGES = 10_000;
    static final UnaryOperator<String> SLEEPY = yaml -> {
        String edited = yaml.replace("    minInstances: 1\n    maxInstances: 2\n",
                "    minInstances: 0\n    maxInstances: 2\n    scaleToZeroAfter: 5s\n");
        if (edited.equals(yaml)) {
            throw new IllegalStateException("tenant2.yaml changed: cannot give its stream app scaleToZeroAfter");
        }
        return edited;
    };

    @TempDir
    Path tmp;
    Platform platform;

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    boolean asleep() throws Exception {
        Document t = platform.topicStatus("tenant2", "prices");
        // no instance at all: one still stopping (SIGTERM sent, finishing its batch) would take the next message itself
        return t != null && t.get("asleepSince") != null && t.getInteger("running") == 0
                && t.getList("instances", Document.class, List.of()).isEmpty();
    }

    long stored() {
        return platform.documents("tenant_tenant2", "prices_stream");
    }

    @Test
    void anIdleTopicSleepsWakesOnItsFirstMessageStoresEveryMessageOnceAndSleepsAgain() throws Exception {
        platform = new Platform(tmp, Map.of("tenant2.yaml", SLEEPY));
        Properties p = new Properties();
        await().atMost(WAIT).until(() -> Files.exists(platform.var.resolve("credentials/tenant2/kafka.properties")));
        p.putAll(platform.tenant("tenant2"));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        List<Long> wakeMillis = new ArrayList<>();
        List<Map<String, Long>> phases = new ArrayList<>();
        List<String> loads = new ArrayList<>();
        long expected = 0;
        long nextId = 5_000_000;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                await().atMost(WAIT).until(this::asleep);
                assertEquals(expected, stored(), "cycle " + cycle + ": asleep with everything stored");

                // the first message after the idle period: from its acknowledgement to its document
                long id = nextId++;
                producer.send(new ProducerRecord<>("tenant2.prices", Long.toString(id),
                        "{\"id\": " + id + ", \"price\": 42.5, \"minimum_nights\": 1, \"availability_365\": 1}")).get(30, TimeUnit.SECONDS);
                long sent = System.nanoTime();
                java.time.Instant sentAt = java.time.Instant.now();
                long target = ++expected;
                await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> stored() >= target);
                wakeMillis.add((System.nanoTime() - sent) / 1_000_000);
                loads.add(WakePhases.loadAverages());
                phases.add(WakePhases.of(platform.var.resolve("logs"), "tenant2", "prices", sentAt, java.time.Instant.now()));

                platform.cli("produce", "--tenant", "tenant2", "--topic", "prices", "--count", Integer.toString(MESSAGES),
                        "--start-id", Long.toString(nextId));
                nextId += MESSAGES;
                expected += MESSAGES;
                long all = expected;
                await().atMost(WAIT).until(() -> stored() >= all);
                assertEquals(expected, stored(), "cycle " + cycle + ": every message exactly once");
            }
            await().atMost(WAIT).until(this::asleep);
        }
        assertEquals(expected, stored());
        assertEquals((long) CYCLES * (MESSAGES + 1), expected);
        Document t = platform.topicStatus("tenant2", "prices");
        assertEquals(0, t.getInteger("running"));

        List<Long> sorted = new ArrayList<>(wakeMillis);
        sorted.sort(null);
        StringBuilder perPhase = new StringBuilder();
        for (int i = 0; i < phases.size(); i++) {
            perPhase.append("  wake ").append(i + 1).append(" (").append(wakeMillis.get(i)).append(" ms, load ").append(loads.get(i)).append("): ")
                    .append(phases.get(i)).append('\n');
        }
        String report = ("scale to zero, %d wake-ups (first message after idle -> stored): p50 %d ms, p99 %d ms, max %d ms; all %s%n"
                + "stream app launcher: %s%n"
                + "phases in ms, from the logs' timestamps:%n%s")
                .formatted(sorted.size(), percentile(sorted, 50), percentile(sorted, 99), sorted.get(sorted.size() - 1), wakeMillis,
                        WakePhases.classArchiveUse(platform.var.resolve("logs"), "tenant2", "prices"), perPhase);
        System.out.print(report);
        Path out = StackProcess.home().resolve("e2e-tests/target/scale-to-zero-report.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        assertTrue(sorted.size() == CYCLES);
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(List<Long> sorted, int pct) {
        int rank = (int) Math.ceil(pct / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
