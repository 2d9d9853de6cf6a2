package io.mysimbdp.batch.model;

import java.time.Duration;

/** Exponential retry delay: base, 2×base, 4×base… capped. Pure. */
public final class Backoff {
    private Backoff() {
    }

    /** Delay before attempt {@code nextAttempt} (2 = the first retry). */
    public static Duration before(int nextAttempt, Duration base, Duration max) {
        int doublings = Math.max(0, Math.min(nextAttempt - 2, 20));
        Duration d = base.multipliedBy(1L << doublings);
        return d.compareTo(max) > 0 ? max : d;
    }
}
