package io.mysimbdp.streammanager.model;

import java.time.Duration;

/** Delay before restarting an instance that died: doubles with each consecutive failure, capped. */
public final class RestartBackoff {
    private RestartBackoff() {
    }

    /** @param failures consecutive unexpected exits, 1 for the first */
    public static Duration delay(int failures, Duration base, Duration max) {
        if (failures <= 1) {
            return base.compareTo(max) > 0 ? max : base;
        }
        int shift = Math.min(failures - 1, 30);
        long millis = base.toMillis() << shift;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }

    /** An instance that ran at least {@code stableAfter} before dying starts a new series of failures. */
    public static int nextFailures(int previous, Duration ran, Duration stableAfter) {
        return ran.compareTo(stableAfter) >= 0 ? 1 : previous + 1;
    }
}
