package io.mysimbdp.streammanager.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The broker's lag of one topic's group as read at each reconcile pass, oldest first, kept for a
 * window's length (plus the one sample just before it, so the window is known to be covered). Immutable.
 */
public record LagWindow(List<Sample> samples) {
    public record Sample(Instant at, long lag) {
    }

    public LagWindow {
        samples = List.copyOf(samples);
    }

    public static LagWindow empty() {
        return new LagWindow(List.of());
    }

    /** This window with one more read, forgetting what is older than {@code keep} (but the newest such sample). */
    public LagWindow add(Instant at, long lag, Duration keep) {
        List<Sample> out = new ArrayList<>(samples);
        out.add(new Sample(at, lag));
        Instant from = at.minus(keep);
        while (out.size() > 1 && !out.get(1).at().isAfter(from)) {
            out.remove(0);
        }
        return new LagWindow(out);
    }

    /** True when the reads reach back at least {@code length} from {@code now}. */
    public boolean covers(Duration length, Instant now) {
        return !samples.isEmpty() && !samples.get(0).at().isAfter(now.minus(length));
    }

    /** The reads within the last {@code length} before {@code now}, including the one at its start. */
    public List<Sample> within(Duration length, Instant now) {
        Instant from = now.minus(length);
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            boolean lastBeforeStart = i + 1 < samples.size() && !samples.get(i + 1).at().isAfter(from);
            if (!lastBeforeStart) {
                out.add(samples.get(i));
            }
        }
        return out;
    }
}
