package io.mysimbdp.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.bson.Document;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The stream case: messages published to both tenants' topics while the platform's stream apps
 * (started and scaled by the stream-ingest-manager) consume them; the clock runs from the first
 * publish to the last document in the store. CPU is the apps' user + system time over the run.
 */
final class StreamBench {
    static final Duration POLL = Duration.ofMillis(100);
    static final Duration PROBE_POLL = Duration.ofMillis(10);
    static final Duration TIMEOUT = Duration.ofMinutes(10);
    /** About this many latency probes per second, whatever the rate. */
    static final int PROBES_PER_SECOND = 200;
    static final String APP_MARKER = "clientstreamingestapp";

    /** Throughput run. */
    record StreamRun(long messages, double seconds, double cpuSeconds, int maxInstances, double meanMessageBytes) {
        double messagesPerSecond() {
            return messages / seconds;
        }

        double cpuSecondsPerMillion() {
            return cpuSeconds / (messages / 1e6);
        }
    }

    /** Latency run at a fixed rate. */
    record LatencyRun(double rate, long messages, int probes, double p50Millis, double p99Millis, double maxMillis) {
    }

    private final BenchStack stack;

    StreamBench(BenchStack stack) {
        this.stack = stack;
    }

    StreamRun throughput(long messages, long firstId) {
        stack.dropCaseData();
        long managerPid = stack.pid("stream-ingest-manager").orElseThrow();
        Map<Long, Double> startCpu = new HashMap<>();
        Map<Long, Double> lastCpu = new HashMap<>();
        for (long pid : ProcessStats.descendants(managerPid, APP_MARKER)) {
            ProcessStats.cpuSeconds(pid).ifPresent(c -> startCpu.put(pid, c));
        }
        int[] maxInstances = {startCpu.size()};
        try (StreamLoad load = new StreamLoad(stack.kafka)) {
            long started = System.nanoTime();
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> load.publish(messages, firstId, 0, null));
            awaitCounts(messages, () -> {
                List<Long> pids = ProcessStats.descendants(managerPid, APP_MARKER);
                maxInstances[0] = Math.max(maxInstances[0], pids.size());
                for (long pid : pids) {
                    ProcessStats.cpuSeconds(pid).ifPresent(c -> lastCpu.put(pid, c));
                }
                return publishing.isCompletedExceptionally();
            });
            double seconds = (System.nanoTime() - started) / 1e9;
            publishing.join();
            double cpu = lastCpu.entrySet().stream().mapToDouble(e -> e.getValue() - startCpu.getOrDefault(e.getKey(), 0.0)).sum();
            return new StreamRun(messages, seconds, cpu, maxInstances[0], load.bytes.doubleValue() / messages);
        }
    }

    /** Waits until both tenants' collections hold their share of {@code messages}; {@code tick} may abort. */
    private void awaitCounts(long messages, BooleanSupplier tick) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            boolean all = true;
            for (int t = 0; t < StreamLoad.TARGETS.size(); t++) {
                StreamLoad.Target target = StreamLoad.TARGETS.get(t);
                long stored = stack.mongo.getDatabase(target.database()).getCollection(target.collection()).estimatedDocumentCount();
                all &= stored >= StreamLoad.perTarget(messages, t);
            }
            if (all) {
                return;
            }
            if (tick.getAsBoolean() || System.nanoTime() > deadline) {
                throw new IllegalStateException("stream: the documents did not all arrive within " + TIMEOUT);
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    /**
     * Publishes at {@code rate} for {@code seconds}; every n-th message is a probe whose document is looked up
     * by its {@code _id} until found: latency = found - sent.
     */
    LatencyRun latency(double rate, int seconds, long firstId) {
        stack.dropCaseData();
        long messages = Math.max(1, (long) (rate * seconds));
        long every = Math.max(1, Math.round(rate / PROBES_PER_SECOND));
        Map<StreamLoad.Target, Map<String, Long>> pending = new ConcurrentHashMap<>();
        StreamLoad.TARGETS.forEach(t -> pending.put(t, new ConcurrentHashMap<>()));
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        long[] sent = {0};
        StreamLoad.Observer observer = (target, message, sentNanos) -> {
            if (sent[0]++ % every != 0) {
                return null;
            }
            if (target.keyedById()) {
                pending.get(target).put(Long.toString(message.id()), sentNanos);
                return null;
            }
            // positional id: known once the broker has placed the message
            return (meta, error) -> {
                if (error == null) {
                    pending.get(target).put(target.dataTopic() + "-" + meta.partition() + "-" + meta.offset(), sentNanos);
                }
            };
        };
        int[] probes = {0};
        try (StreamLoad load = new StreamLoad(stack.kafka)) {
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> load.publish(messages, firstId, rate, observer));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!(publishing.isDone() && pending.values().stream().allMatch(Map::isEmpty))) {
                for (StreamLoad.Target target : StreamLoad.TARGETS) {
                    probes[0] += found(target, pending.get(target), latencies);
                }
                if (System.nanoTime() > deadline || publishing.isCompletedExceptionally()) {
                    publishing.join();
                    throw new IllegalStateException("stream latency: probes still missing after " + TIMEOUT);
                }
                LockSupport.parkNanos(PROBE_POLL.toNanos());
            }
        }
        List<Double> sample = new ArrayList<>(latencies);
        return new LatencyRun(rate, messages, probes[0], Percentiles.of(sample, 50), Percentiles.of(sample, 99),
                Percentiles.of(sample, 100));
    }

    /** Looks the pending probes up; records and removes those that have arrived. */
    private int found(StreamLoad.Target target, Map<String, Long> pending, ConcurrentLinkedQueue<Double> latencies) {
        if (pending.isEmpty()) {
            return 0;
        }
        List<String> ids = new ArrayList<>(pending.keySet());
        MongoCollection<Document> coll = stack.mongo.getDatabase(target.database()).getCollection(target.collection());
        long now = System.nanoTime();
        int count = 0;
        for (Document d : coll.find(Filters.in("_id", ids)).projection(Projections.include("_id"))) {
            Long sentAt = pending.remove(d.getString("_id"));
            if (sentAt != null) {
                latencies.add((now - sentAt) / 1e6);
                count++;
            }
        }
        return count;
    }
}
