package io.mysimbdp.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * CPU seconds a changing set of processes spent since a start: a process seen at the start counts from its
 * reading then, one that appeared later from zero (its whole life), one that has gone with its last reading.
 */
final class CpuTally {
    private final Map<Long, Double> atStart;
    private final Map<Long, Double> last = new HashMap<>();

    /** @param atStart pid → CPU seconds at the start */
    CpuTally(Map<Long, Double> atStart) {
        this.atStart = Map.copyOf(atStart);
        last.putAll(atStart);
    }

    /** One reading: pid → CPU seconds now (gone processes are simply absent). */
    void observe(Map<Long, Double> now) {
        last.putAll(now);
    }

    double seconds() {
        return last.entrySet().stream().mapToDouble(e -> e.getValue() - atStart.getOrDefault(e.getKey(), 0.0)).sum();
    }
}
