package io.mysimbdp.daas.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns the summed stream reports of each topic into {@link StreamStats}. Pure. */
public final class StreamStatsCalculator {
    private static final double MS_PER_S = 1000.0;

    private StreamStatsCalculator() {
    }

    /** @param byTopic the summed reports of each topic in the window (topics without reports absent) */
    public static StreamStats stats(Map<String, StreamTotals> byTopic) {
        StreamTotals sum = StreamTotals.NONE;
        List<StreamStats.Topic> topics = new ArrayList<>();
        for (Map.Entry<String, StreamTotals> e : new TreeMap<>(byTopic).entrySet()) {
            sum = sum.plus(e.getValue());
            topics.add(new StreamStats.Topic(e.getKey(), figures(e.getValue())));
        }
        return new StreamStats(figures(sum), topics);
    }

    /**
     * Means and rates of one sum. The rate divides by the span the reports cover, not by the
     * window asked for: instances report only while they run, and parallel instances share one span.
     */
    public static StreamStats.Figures figures(StreamTotals t) {
        Double mean = t.messages() == 0 ? null : StatsCalculator.round(t.ingestionTimeS() * MS_PER_S / t.messages());
        double spanS = t.firstIntervalStart() == null || t.lastIntervalEnd() == null ? 0
                : Duration.between(t.firstIntervalStart(), t.lastIntervalEnd()).toMillis() / MS_PER_S;
        Double rate = spanS <= 0 ? null : StatsCalculator.round(t.messages() / spanS);
        return new StreamStats.Figures(t.reports(), t.messages(), t.dlqMessages(), t.bytes(), mean, rate,
                t.firstIntervalStart(), t.lastIntervalEnd());
    }
}
