package io.mysimbdp.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The one clock of the stream race: starts a contestant on the pre-published backlog, polls the store's count of
 * its documents, and takes the time, the contestant's CPU and the store's CPU when the first document shows up and
 * when the last one does. Every contestant is measured by this class, the same way.
 */
final class StoreDrain {
    static final Duration POLL = Duration.ofMillis(100);
    static final Duration TIMEOUT = Duration.ofMinutes(10);

    /** Something that drains the backlog into the store. */
    interface Contestant extends AutoCloseable {
        /** Starts consuming (the backlog is already in the topic). */
        void start() throws Exception;

        /** Documents of the backlog in the store now. */
        long stored();

        /** The contestant's live processes now. */
        List<Long> pids();

        /** A reason the drain cannot finish (the process exited), or null. */
        String failure();

        @Override
        void close() throws Exception;
    }

    private final OptionalLong storePid;

    /** @param storePid the store's process, empty when the store is not the bench's (MONGODB_URI) */
    StoreDrain(OptionalLong storePid) {
        this.storePid = storePid;
    }

    RaceResult drain(String label, Contestant contestant, long messages) throws Exception {
        if (contestant.stored() != 0) {
            throw new IllegalStateException(label + ": the store already holds documents before the start");
        }
        Map<Long, Double> cpuAtFirst = new HashMap<>();
        Map<Long, Double> cpuLast = new HashMap<>();
        Map<Long, Double> peakRss = new HashMap<>();
        contestant.start();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long first = 0;
        double storeAtFirst = 0;
        int processes = 0;
        while (true) {
            long stored = contestant.stored();
            long now = System.nanoTime();
            List<Long> pids = contestant.pids();
            processes = Math.max(processes, pids.size());
            boolean firstSeen = first == 0 && stored > 0;
            for (long pid : pids) {
                // a process started after the first document counts from its own start
                ProcessStats.cpuSeconds(pid).ifPresent(c -> {
                    cpuLast.put(pid, c);
                    if (firstSeen) {
                        cpuAtFirst.put(pid, c);
                    }
                });
                ProcessStats.peakRssMib(pid).ifPresent(r -> peakRss.put(pid, r));
            }
            if (firstSeen) {
                first = now;
                storeAtFirst = storeCpu();
            }
            if (stored >= messages) {
                double cpu = cpuLast.entrySet().stream().mapToDouble(e -> e.getValue() - cpuAtFirst.getOrDefault(e.getKey(), 0.0)).sum();
                double rss = peakRss.values().stream().mapToDouble(Double::doubleValue).sum();
                return new RaceResult(label, messages, RaceResult.span(first, now, POLL), cpu, rss, storeCpu() - storeAtFirst,
                        processes);
            }
            String failure = contestant.failure();
            if (failure != null || now > deadline) {
                throw new IllegalStateException(label + ": " + stored + " of " + messages + " documents stored"
                        + (failure != null ? "; " + failure : " after " + TIMEOUT));
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    private double storeCpu() {
        return storePid.isPresent() ? ProcessStats.cpuSeconds(storePid.getAsLong()).orElse(Double.NaN) : Double.NaN;
    }
}
