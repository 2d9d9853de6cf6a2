package io.mysimbdp.batch.model;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Decides when a staged file has settled: its size and mtime unchanged for a quiet period, because
 * copies (kubectl cp, scp, slow writers) write progressively. Holds only observations; the clock
 * and the file facts come from the caller.
 */
public final class SettleTracker {
    /** @param firstSeen when the file was first seen, kept across changes: where its detection began */
    private record Observation(long size, long mtimeMillis, Instant since, Instant firstSeen) {
    }

    private final Duration quietPeriod;
    private final Map<Path, Observation> seen = new HashMap<>();

    public SettleTracker(Duration quietPeriod) {
        this.quietPeriod = quietPeriod;
    }

    /** The quiet period of a tenant: its profile's when set, else the platform's. */
    public Duration quietPeriodOf(io.mysimbdp.common.profile.TenantProfile profile) {
        return profile == null || profile.batch().schedule().quietPeriod() == null ? quietPeriod : profile.batch().schedule().quietPeriod();
    }

    /** Records what the file looks like now; true when it has looked the same for the quiet period. */
    public boolean observe(Path file, long size, long mtimeMillis, Instant now) {
        return observe(file, size, mtimeMillis, now, quietPeriod);
    }

    /** As {@link #observe(Path, long, long, Instant)} with the tenant's own quiet period (its profile's). */
    public boolean observe(Path file, long size, long mtimeMillis, Instant now, Duration quietPeriod) {
        Observation before = seen.get(file);
        if (before == null || before.size != size || before.mtimeMillis != mtimeMillis) {
            seen.put(file, new Observation(size, mtimeMillis, now, before == null ? now : before.firstSeen));
            return quietPeriod.isZero();
        }
        return !before.since.plus(quietPeriod).isAfter(now);
    }

    /** When the file was first seen (it may have changed since); empty for a file never observed. */
    public java.util.Optional<Instant> firstSeen(Path file) {
        return java.util.Optional.ofNullable(seen.get(file)).map(Observation::firstSeen);
    }

    /** Forgets a file (taken, or gone). */
    public void forget(Path file) {
        seen.remove(file);
    }

    /** Forgets every file not in {@code present}. */
    public void retainOnly(Set<Path> present) {
        seen.keySet().retainAll(present);
    }
}
