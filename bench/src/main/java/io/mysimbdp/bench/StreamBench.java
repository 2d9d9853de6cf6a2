package io.mysimbdp.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.bson.Document;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * The stream latency case: messages published at a fixed rate to tenants' topics while the platform's stream apps
 * consume them; probes are looked up in the store until found. Half load is half the rate the same targets drained
 * in the race ({@link StreamRace}: every contestant drains the same backlog): the same-work tenant at half its race
 * rate (the target's row), the two shipped tenants at half tenant1's shipped-profile rate (its own row).
 */
final class StreamBench {
    static final Duration PROBE_POLL = Duration.ofMillis(10);
    static final Duration TIMEOUT = Duration.ofMinutes(10);
    /** About this many latency probes per second, whatever the rate. */
    static final int PROBES_PER_SECOND = 200;
    static final String APP_MARKER = "clientstreamingestapp";

    /**
     * Latency run at a fixed rate. {@code p99Millis} is over every probe (the target's figure); the
     * per-second maxima (by the second a probe was sent) show whether the tail is a start-up transient
     * or spread over the run, and {@code p99AfterFirstSecondsMillis} leaves the first
     * {@link #TRANSIENT_SECONDS} out for comparison only.
     */
    record LatencyRun(double rate, long messages, int probes, double p50Millis, double p99Millis, double maxMillis,
                      double p99AfterFirstSecondsMillis, List<Long> maxMillisBySecond) {
    }

    static final int TRANSIENT_SECONDS = 2;
    /**
     * The warm-up before a latency run: at most this long (half the run's length), at the run's rate, its probes all
     * stored before the run starts.
     * Half load is a steady state: an instance the operator API has just started is a cold JVM (its first seconds at
     * half the race rate build a backlog of several seconds while the JIT compiles), which is the wake-up's figure
     * (docs/performance.md, "Scale to zero"), not this one's.
     */
    static final int WARM_UP_SECONDS = 10;

    static int warmUpSeconds(int runSeconds) {
        return Math.max(1, Math.min(WARM_UP_SECONDS, runSeconds / 2));
    }

    /** One probe: when it was sent (seconds since the run started) and how long it took to be found. */
    record Probe(double sentSecond, double millis) {
    }

    /** The per-second maxima and the p99 without the first seconds, from the probes. */
    static LatencyRun summarize(double rate, long messages, List<Probe> probes) {
        List<Double> all = probes.stream().map(Probe::millis).toList();
        List<Double> later = probes.stream().filter(p -> p.sentSecond() >= TRANSIENT_SECONDS).map(Probe::millis).toList();
        int seconds = (int) Math.ceil(probes.stream().mapToDouble(Probe::sentSecond).max().orElse(0) + 1e-9);
        List<Long> bySecond = new ArrayList<>();
        for (int s = 0; s < Math.max(1, seconds); s++) {
            final int second = s;
            bySecond.add(Math.round(probes.stream().filter(p -> (int) p.sentSecond() == second)
                    .mapToDouble(Probe::millis).max().orElse(0)));
        }
        return new LatencyRun(rate, messages, probes.size(), Percentiles.of(all, 50), Percentiles.of(all, 99),
                Percentiles.of(all, 100), Percentiles.of(later, 99), bySecond);
    }

    private final BenchStack stack;

    StreamBench(BenchStack stack) {
        this.stack = stack;
    }

    /**
     * The latency of {@code targets} at {@code rate}: first a warm-up ({@link #warmUpSeconds} at the same rate,
     * waited for until its probes are stored, so an instance still starting, a consumer still joining its group or a
     * JIT still compiling is not in the figure), then the run. Ids start at {@code firstId}, the run's after the
     * warm-up's.
     */
    LatencyRun warmedLatency(List<StreamLoad.Target> targets, double rate, int seconds, long firstId) {
        LatencyRun warmUp = latency(targets, rate, warmUpSeconds(seconds), firstId);
        return latency(targets, rate, seconds, firstId + warmUp.messages());
    }

    /**
     * Publishes at {@code rate} for {@code seconds}; every n-th message is a probe whose document is looked up
     * by its {@code _id} until found: latency = found - sent.
     */
    LatencyRun latency(List<StreamLoad.Target> targets, double rate, int seconds, long firstId) {
        stack.dropCaseData();
        long messages = Math.max(1, (long) (rate * seconds));
        long every = Math.max(1, Math.round(rate / PROBES_PER_SECOND));
        Map<StreamLoad.Target, Map<String, Long>> pending = new ConcurrentHashMap<>();
        targets.forEach(t -> pending.put(t, new ConcurrentHashMap<>()));
        ConcurrentLinkedQueue<Probe> latencies = new ConcurrentLinkedQueue<>();
        long started = System.nanoTime();
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
        try (StreamLoad load = new StreamLoad(stack.kafka, stack.var.resolve("credentials"), targets)) {
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> load.publish(messages, firstId, rate, observer));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!(publishing.isDone() && pending.values().stream().allMatch(Map::isEmpty))) {
                for (StreamLoad.Target target : targets) {
                    found(target, pending.get(target), latencies, started);
                }
                if (System.nanoTime() > deadline || publishing.isCompletedExceptionally()) {
                    publishing.join();
                    throw new IllegalStateException("stream latency: probes still missing after " + TIMEOUT);
                }
                LockSupport.parkNanos(PROBE_POLL.toNanos());
            }
        }
        return summarize(rate, messages, new ArrayList<>(latencies));
    }

    /** Looks the pending probes up; records and removes those that have arrived. */
    private int found(StreamLoad.Target target, Map<String, Long> pending, ConcurrentLinkedQueue<Probe> latencies, long started) {
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
                latencies.add(new Probe((sentAt - started) / 1e9, (now - sentAt) / 1e6));
                count++;
            }
        }
        return count;
    }
}
