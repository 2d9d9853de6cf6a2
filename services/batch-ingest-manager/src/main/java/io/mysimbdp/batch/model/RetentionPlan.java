package io.mysimbdp.batch.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What to prune from one area of a tenant's kept files (invalid/, failed/, results/, archive/, logs/),
 * as a pure decision: every entry older than the maximum age, then the oldest of the rest until the
 * area holds at most the maximum bytes. Entries are whole units (a file with its reason, a job's
 * results folder), so nothing is left half-kept.
 */
public final class RetentionPlan {
    /** One unit of the area: its name, its newest modification and its bytes. */
    public record Entry(String name, Instant modified, long bytes) {
    }

    /** The tenant's limits for an area. */
    public record Limits(Duration maxAge, long maxBytes) {
    }

    /** What to prune, and why each entry goes ({@code age} or {@code size}). */
    public record Pruned(Entry entry, String why) {
    }

    private RetentionPlan() {
    }

    public static List<Pruned> decide(List<Entry> entries, Instant now, Limits limits) {
        Instant oldestKept = now.minus(limits.maxAge());
        List<Pruned> out = new ArrayList<>();
        List<Entry> kept = new ArrayList<>();
        for (Entry e : entries) {
            if (e.modified().isBefore(oldestKept)) {
                out.add(new Pruned(e, "age"));
            } else {
                kept.add(e);
            }
        }
        long held = kept.stream().mapToLong(Entry::bytes).sum();
        // oldest first; ties by name so the decision is the same on every run
        kept.sort(Comparator.comparing(Entry::modified).thenComparing(Entry::name));
        for (Entry e : kept) {
            if (held <= limits.maxBytes()) {
                break;
            }
            out.add(new Pruned(e, "size"));
            held -= e.bytes();
        }
        return out;
    }

    /** The tenant's limits: its profile's values where given, else the platform's. */
    public static Limits limits(io.mysimbdp.common.profile.TenantProfile.Retention profile, Duration platformMaxAge, long platformMaxBytes) {
        return new Limits(profile == null || profile.maxAge() == null ? platformMaxAge : profile.maxAge(),
                profile == null || profile.maxBytes() == null ? platformMaxBytes : profile.maxBytes());
    }
}
