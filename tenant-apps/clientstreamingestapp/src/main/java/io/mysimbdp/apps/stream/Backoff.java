package io.mysimbdp.apps.stream;

import java.time.Duration;

/** Delays between retries of a batch the store refused: doubling from {@code initial} up to {@code max}. */
public final class Backoff {
    private final Duration initial;
    private final Duration max;
    private Duration next;
    private int attempts;

    public Backoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff from " + initial + " to " + max);
        }
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** The delay before the next retry; each call doubles the following one, up to the maximum. */
    public Duration next() {
        Duration delay = next;
        attempts++;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return delay;
    }

    /** Failed attempts since the last success. */
    public int attempts() {
        return attempts;
    }

    /** After a success: the next failure waits {@code initial} again. */
    public void reset() {
        next = initial;
        attempts = 0;
    }
}
