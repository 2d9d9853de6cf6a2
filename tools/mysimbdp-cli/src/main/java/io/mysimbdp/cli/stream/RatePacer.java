package io.mysimbdp.cli.stream;

import java.time.Duration;

/**
 * Paces sends to a steady rate over time: message n is due {@code n / rate} seconds after the start, so
 * an oversleep or a slow send is made up by the messages after it and the average stays exact however
 * coarse the sleeps are (no drift from sleeping once per message). After a stall longer than
 * {@code maxBurst} the schedule restarts from now, so a producer that fell behind sends at most a burst
 * of {@code rate * maxBurst} messages to catch up instead of flooding (a token bucket of that depth).
 * Pure: the caller passes the clock reading and sleeps the answer.
 */
final class RatePacer {
    private static final double NANOS_PER_SECOND = 1e9;

    private final double intervalNanos;
    private final long maxBurstNanos;
    /** Clock reading at which message number 0 of the current schedule was due. */
    private long origin;
    /** Messages let through since {@link #origin}. */
    private long issued;
    private boolean started;

    private RatePacer(double intervalNanos, long maxBurstNanos) {
        this.intervalNanos = intervalNanos;
        this.maxBurstNanos = maxBurstNanos;
    }

    /**
     * @param perSecond messages per second; 0 means no limit
     * @param maxBurst  how far behind schedule the pacer may fall before it forgets the missed slots
     */
    static RatePacer of(double perSecond, Duration maxBurst) {
        if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("rate must be a number of at least 0, got " + perSecond);
        }
        return new RatePacer(perSecond == 0 ? 0 : NANOS_PER_SECOND / perSecond, maxBurst.toNanos());
    }

    boolean limited() {
        return intervalNanos > 0;
    }

    /** Takes the next message's slot; returns how many nanoseconds to wait from {@code nowNanos} before sending it. */
    long reserve(long nowNanos) {
        if (!limited()) {
            return 0;
        }
        if (!started) {
            started = true;
            origin = nowNanos;
            issued = 0;
        }
        long due = dueTime(issued);
        if (nowNanos - due > maxBurstNanos) {
            // fell too far behind: forget the missed slots beyond one burst
            origin = nowNanos - maxBurstNanos;
            issued = 0;
            due = origin;
        }
        issued++;
        return Math.max(0, due - nowNanos);
    }

    /** Computed from the count, not summed slot by slot, so rounding never accumulates. */
    private long dueTime(long slot) {
        return origin + (long) (slot * intervalNanos);
    }
}
