package io.mysimbdp.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RaceReportTest {
    static StreamRace.Outcome outcome(double storeCpu) {
        long n = 100_000;
        return new StreamRace.Outcome(n, 450,
                List.of(new RaceResult("stream ceiling, 1 consumer", n, 4, 2, 200, storeCpu, 1),
                        new RaceResult("stream ceiling, 2 consumers", n, 2, 2.5, 220, storeCpu, 1)),
                List.of(new RaceResult("Kafka Connect MongoDB sink, 1 tasks, 2000", n, 5, 3, 400, storeCpu, 1),
                        new RaceResult("Kafka Connect MongoDB sink, 2 tasks, 2000", n, 4, 3.2, 410, storeCpu, 1)),
                new RaceResult("platform, same work (benchsink)", n, 3, 2.8, 600, storeCpu, 3),
                new RaceResult("platform, tenant1's shipped profile", n, 6, 5, 700, storeCpu, 4));
    }

    @Test
    void theRatiosAreTheSameWorkPlatformOverTheBestTrials() {
        Map<String, Double> r = RaceReport.ratios(outcome(1));
        // platform 33,333 msgs/s and 28 CPU s/M; best Connect 25,000 msgs/s and 32 CPU s/M; best ceiling 50,000 msgs/s
        assertEquals(1.33, r.get("stream_vs_connect_msgs_ratio"));
        assertEquals(0.875, r.get("stream_vs_connect_cpu_ratio"), 0.006);
        assertEquals(0.67, r.get("stream_vs_ceiling_msgs_ratio"));
    }

    @Test
    void theBestTrialIsTheFastest() {
        assertEquals("stream ceiling, 2 consumers", RaceReport.best(outcome(1).ceilingTrials()).label());
        assertThrows(IllegalArgumentException.class, () -> RaceReport.best(List.of()));
    }

    @Test
    void everyContestantHasItsRateCpuMemoryAndTheStoresCpu() {
        Map<String, Double> f = RaceReport.figures(outcome(1.5));
        assertEquals(33_333.33, f.get("stream_msgs_per_s"));
        assertEquals(28.0, f.get("stream_cpu_s_per_million"));
        assertEquals(600.0, f.get("stream_peak_rss_mib"));
        assertEquals(15.0, f.get("stream_store_cpu_s_per_million"));
        assertEquals(16_666.67, f.get("stream_full_profile_msgs_per_s"));
        assertEquals(50_000.0, f.get("stream_ceiling_msgs_per_s"));
        assertEquals(25.0, f.get("stream_ceiling_cpu_s_per_million"));
        // Connect's best setting, with its own CPU under the key the targets read
        assertEquals(25_000.0, f.get("connect_sink_msgs_per_s"));
        assertEquals(32.0, f.get("connect_cpu_s_per_million"));
        assertEquals(410.0, f.get("connect_sink_peak_rss_mib"));
        assertEquals(15.0, f.get("connect_sink_store_cpu_s_per_million"));
    }

    @Test
    void whatEveryRequiredFigureOfTheRaceIsProduced() {
        Map<String, Double> f = RaceReport.figures(outcome(1.5));
        SanityCheck.REQUIRED.stream().filter(k -> k.startsWith("stream") || k.startsWith("connect"))
                .filter(k -> !k.contains("latency"))
                .forEach(k -> assertTrue(f.containsKey(k), k));
        SanityCheck.REQUIRED_WITH_EMBEDDED_STORE.forEach(k -> assertTrue(f.containsKey(k), k));
    }

    @Test
    void anUnknownStoreCpuIsLeftOutNotReportedAsZero() {
        Map<String, Double> f = RaceReport.figures(outcome(Double.NaN));
        assertFalse(f.keySet().stream().anyMatch(k -> k.contains("store_cpu")), f.toString());
    }

    @Test
    void theTableHasTheSameWorkAndTheFullProfileAsTheirOwnRows() {
        List<String[]> rows = RaceReport.rows(outcome(1));
        assertEquals(List.of("stream, platform (same work)", "stream, platform (tenant1)", "stream ceiling", "Kafka Connect MongoDB sink"),
                rows.stream().map(r -> r[0]).toList());
        assertEquals("33,333.3", rows.get(0)[1]);
        assertTrue(rows.get(1)[3].startsWith("shipped profile: 2 sinks, quality;"), rows.get(1)[3]);
        assertTrue(rows.get(3)[3].startsWith("best: Kafka Connect MongoDB sink, 2 tasks, 2000 of 2;"), rows.get(3)[3]);
    }

    @Test
    void everyTrialIsInTheDetails() {
        assertEquals(6, RaceReport.trials(outcome(1)).size());
    }
}
