package io.mysimbdp.streammanager.instances;

import java.time.Instant;

/**
 * A topic's wanted instance count as written to {@code streams/<tenant>/<topic>/wanted.json}, so
 * scaling decisions survive a restart of the manager.
 *
 * @param stopped     an operator stopped the topic: no instances until started again
 * @param lastScaleAt the last scaling, for the cooldown (null: never)
 * @param asleepSince scaled to zero for being idle since then (null: awake), so a restarted manager keeps it asleep
 */
public record WantedRecord(int wanted, boolean stopped, Instant lastScaleAt, Instant asleepSince) {
    /** An awake topic's state. */
    public WantedRecord(int wanted, boolean stopped, Instant lastScaleAt) {
        this(wanted, stopped, lastScaleAt, null);
    }
}
