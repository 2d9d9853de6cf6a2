package io.mysimbdp.bench;

import java.time.Duration;
import java.util.Locale;

/**
 * One contestant's drain of the stream backlog, timed the same way for all (docs/performance.md, "A fair race"):
 * from the first poll that saw a document of the backlog in the store to the first poll that saw all of them.
 * CPU is the contestant's own processes' user + system time over that span, the store's likewise.
 *
 * @param label         the table's row name
 * @param messages      documents the backlog holds (and the store held at the end)
 * @param seconds       first document to last, as the poller saw them ({@link #span})
 * @param cpuSeconds    the contestant's processes' CPU over the span
 * @param peakRssMib    the contestant's peak resident set: the sum of its processes' peaks
 * @param storeCpuSeconds the store's CPU over the span; NaN when the store is not a process of the bench (MONGODB_URI)
 * @param processes     the most processes the contestant ran at once (app instances, the worker, the ceiling)
 */
record RaceResult(String label, long messages, double seconds, double cpuSeconds, double peakRssMib, double storeCpuSeconds,
                  int processes) {

    /**
     * Seconds between the first and the last document as seen by a poller every {@code poll}: never less than one
     * poll, since a drain that ends within one poll cannot be timed finer than that.
     */
    static double span(long firstSeenNanos, long lastSeenNanos, Duration poll) {
        if (lastSeenNanos < firstSeenNanos) {
            throw new IllegalArgumentException("the last document was seen before the first");
        }
        return Math.max(lastSeenNanos - firstSeenNanos, poll.toNanos()) / 1e9;
    }

    double messagesPerSecond() {
        return messages / seconds;
    }

    double cpuSecondsPerMillion() {
        return perMillion(cpuSeconds);
    }

    double storeCpuSecondsPerMillion() {
        return perMillion(storeCpuSeconds);
    }

    private double perMillion(double seconds) {
        return seconds / (messages / 1e6);
    }

    /** The table's detail column. */
    String detail() {
        String store = Double.isNaN(storeCpuSeconds) ? "store CPU n/a (MONGODB_URI)"
                : String.format(Locale.ROOT, "store %.1f CPU s/M", storeCpuSecondsPerMillion());
        return String.format(Locale.ROOT, "%,d msgs in %.1f s; %.1f CPU s/M; %s; peak RSS %.0f MiB in %d process%s", messages, seconds,
                cpuSecondsPerMillion(), store, peakRssMib, processes, processes == 1 ? "" : "es");
    }
}
