package io.mysimbdp.streammanager.model;

import java.util.Locale;

/** What the manager decided about a topic's instance count, from {@code from} to {@code to}, and why. */
public record ScalingDecision(Action action, int from, int to, String reason) {
    public enum Action {
        SCALE_OUT, SCALE_IN,
        IGNORED_COOLDOWN, IGNORED_BOUND, IGNORED_STOPPED, IGNORED_STALE,
        /** A scale-out the local runtime held: the host's CPUs are busy (ScaleOutGuard). */
        IGNORED_HOST_BUSY,
        /** A scale-in the broker's lag contradicts: messages are waiting whatever the apps report. */
        IGNORED_BACKLOG,
        /** An alert that asks for no scaling (ERROR, quality, unknown): logged and counted. */
        RECORDED,
        /** An operator's scale, start or stop through the API. */
        MANUAL;

        /** The metrics tag value. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean changes() {
        return from != to;
    }
}
