package io.mysimbdp.daas.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Stream instance-hours over [from, to) from the manager's run records: each run's known time, clipped to the period. Pure. */
public final class InstanceHours {
    static final double SECONDS_PER_HOUR = 3600.0;

    private InstanceHours() {
    }

    /** @param from null: since the beginning */
    public static Usage.Stream of(List<InstanceRun> runs, Instant from, Instant to) {
        Map<String, double[]> byTopic = new TreeMap<>();   // topic -> {seconds, runs}
        int open = 0;
        for (InstanceRun run : runs) {
            Instant start = from != null && run.startedAt().isBefore(from) ? from : run.startedAt();
            Instant end = run.knownUntil().isAfter(to) ? to : run.knownUntil();
            if (!end.isAfter(start)) {
                continue;   // outside the period
            }
            double[] t = byTopic.computeIfAbsent(run.topic(), k -> new double[2]);
            t[0] += Duration.between(start, end).toMillis() / 1000.0;
            t[1]++;
            if (run.endedAt() == null) {
                open++;
            }
        }
        List<Usage.TopicHours> topics = byTopic.entrySet().stream()
                .map(e -> new Usage.TopicHours(e.getKey(), hours(e.getValue()[0]), (long) e.getValue()[1])).toList();
        double seconds = byTopic.values().stream().mapToDouble(t -> t[0]).sum();
        long counted = byTopic.values().stream().mapToLong(t -> (long) t[1]).sum();
        String note = open == 0 ? null : open + " run(s) without a recorded end (still running, or the manager stopped before"
                + " their end) are counted up to the last time the manager saw them running";
        return new Usage.Stream(hours(seconds), counted, topics, note);
    }

    private static double hours(double seconds) {
        Double r = StatsCalculator.round(seconds / SECONDS_PER_HOUR);
        return r == null ? 0 : r;
    }
}
