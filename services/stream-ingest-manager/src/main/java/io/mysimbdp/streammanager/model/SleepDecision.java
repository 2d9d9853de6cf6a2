package io.mysimbdp.streammanager.model;

import java.time.Duration;
import java.time.Instant;

/**
 * Scale to zero and back (pure): a topic whose profile says {@code minInstances: 0} and
 * {@code scaleToZeroAfter} sleeps (every instance stopped) once the broker shows no lag and no new
 * message for that long; a sleeping topic wakes (one instance, then scaling as usual) as soon as the
 * broker shows lag, or when its profile no longer lets it sleep.
 */
public final class SleepDecision {
    public enum Action { NONE, SLEEP, WAKE }

    /**
     * When the topic last had work: the last time its lag was above zero or its end offsets moved.
     * {@code endSum} is -1 before the first observation.
     */
    public record Activity(long endSum, Instant lastActiveAt) {
        public static Activity start(Instant now) {
            return new Activity(-1, now);
        }

        /** The activity after one read of the broker (null: the read failed, nothing is learnt). */
        public Activity observe(GroupOffsets offsets, Instant now) {
            if (offsets == null) {
                return this;
            }
            boolean active = offsets.lag() > 0 || (endSum >= 0 && offsets.endSum() != endSum);
            return new Activity(offsets.endSum(), active ? now : lastActiveAt);
        }
    }

    private SleepDecision() {
    }

    /**
     * @param scaleToZeroAfter the profile's idle time; null when the topic may not sleep
     * @param asleep           whether the topic sleeps now
     * @param stopped          stopped by an operator (an operator's stop wins: nothing is decided)
     * @param offsets          the broker's view now; null when it could not be read (never sleep blind)
     */
    public static Action decide(Duration scaleToZeroAfter, boolean asleep, boolean stopped, GroupOffsets offsets,
                                Activity activity, Instant now) {
        if (stopped) {
            return Action.NONE;
        }
        if (asleep) {
            if (scaleToZeroAfter == null) {
                return Action.WAKE; // the profile no longer lets it sleep
            }
            return offsets != null && offsets.lag() > 0 ? Action.WAKE : Action.NONE;
        }
        if (scaleToZeroAfter == null || offsets == null || offsets.lag() > 0 || activity.endSum() < 0) {
            return Action.NONE;
        }
        return !activity.lastActiveAt().plus(scaleToZeroAfter).isAfter(now) ? Action.SLEEP : Action.NONE;
    }

    /** The idle time of a plan: null unless its profile allows zero instances and names one. */
    public static Duration idleTime(TopicPlan plan) {
        return plan == null || plan.bounds().min() != 0 || plan.app() == null ? null : plan.app().scaleToZeroAfter();
    }
}
