package io.mysimbdp.streammanager.model;

import java.time.Duration;
import java.time.Instant;

/**
 * When the manager's loop runs its next pass (pure). A full pass (profiles, topics, every group's
 * offsets, instances) runs every reconcile interval, or at once when woken (an alert, an exit, a
 * profile change). While a topic sleeps, the loop also looks more often at the sleeping topics' lag
 * only (a cheap read of their offsets), so a wake-up waits for that short check, not for the next
 * full pass: the first message after an idle period is detected within the short interval.
 */
public final class LoopTiming {
    private LoopTiming() {
    }

    /** What the next pass is: a full step, or only a look at the sleeping topics' lag. */
    public enum Pass { FULL, SLEEPERS }

    /**
     * How long to wait before the next pass.
     *
     * @param lastFull         when the last full pass started
     * @param reconcileInterval the full pass's interval
     * @param sleeperCheck     the sleeping topics' check interval; null or zero: no separate check
     * @param anyAsleep        whether some topic sleeps now
     */
    public static Duration nextWait(Instant lastFull, Duration reconcileInterval, Duration sleeperCheck, boolean anyAsleep,
                                    Instant now) {
        Duration untilFull = Duration.between(now, lastFull.plus(reconcileInterval));
        if (untilFull.isNegative()) {
            untilFull = Duration.ZERO;
        }
        if (!anyAsleep || sleeperCheck == null || sleeperCheck.isZero() || sleeperCheck.isNegative()) {
            return untilFull;
        }
        return sleeperCheck.compareTo(untilFull) < 0 ? sleeperCheck : untilFull;
    }

    /** The pass to run after waiting: full when woken or when the reconcile interval has gone by, else the sleepers' check. */
    public static Pass pass(boolean woken, Instant lastFull, Duration reconcileInterval, Instant now) {
        return woken || !lastFull.plus(reconcileInterval).isAfter(now) ? Pass.FULL : Pass.SLEEPERS;
    }
}
