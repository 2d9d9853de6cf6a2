package io.mysimbdp.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LatencySummaryTest {
    @Test
    void aStartUpTailShowsInTheFirstSecondsAndIsLeftOutOnlyOfTheComparisonFigure() {
        List<StreamBench.Probe> probes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            double sent = i * 0.05;   // 5 s, 20 probes a second
            probes.add(new StreamBench.Probe(sent, sent < 0.5 ? 1500 : 50 + i % 10));
        }
        StreamBench.LatencyRun run = StreamBench.summarize(1000, 5000, probes);
        assertEquals(100, run.probes());
        assertEquals(1500, run.p99Millis(), "the target's figure is over every probe");
        assertEquals(1500, run.maxMillis());
        assertEquals(59, run.p99AfterFirstSecondsMillis());
        assertEquals(List.of(1500L, 59L, 59L, 59L, 59L), run.maxMillisBySecond());
    }

    @Test
    void theWarmUpIsHalfTheRunAtMostTenSecondsAndAtLeastOne() {
        assertEquals(10, StreamBench.warmUpSeconds(20));
        assertEquals(10, StreamBench.warmUpSeconds(60));
        assertEquals(4, StreamBench.warmUpSeconds(8));
        assertEquals(1, StreamBench.warmUpSeconds(3));
        assertEquals(1, StreamBench.warmUpSeconds(1));
    }
}
