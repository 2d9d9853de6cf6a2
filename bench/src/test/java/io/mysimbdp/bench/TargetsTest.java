package io.mysimbdp.bench;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetsTest {
    static Map<String, Double> figures() {
        Map<String, Double> f = new HashMap<>();
        f.put("batch_rows_per_s", 48_000.0);
        f.put("batch_small_files_rows_per_s", 30_000.0);
        f.put("batch_ceiling_rows_per_s", 60_000.0);
        f.put("stream_msgs_per_s", 40_000.0);
        f.put("stream_ceiling_msgs_per_s", 45_000.0);
        f.put("connect_sink_msgs_per_s", 34_000.0);
        f.put("stream_cpu_s_per_million", 20.0);
        f.put("connect_cpu_s_per_million", 30.0);
        f.put("stream_latency_p99_ms", 400.0);
        f.put("batch_app_peak_rss_mb_1gb", 200.0);
        return f;
    }

    @Test
    void everyTargetIsComparedAsTheIssueStatesIt() {
        List<Targets.Verdict> v = Targets.evaluate(figures());
        assertEquals(7, v.size());
        assertEquals(0.8, v.get(0).value(), 1e-9);
        assertTrue(v.get(0).met(), "0.8 x ceiling meets >= 0.8");
        assertTrue(v.get(1).met());
        assertTrue(v.get(2).met(), "40k / 45k = 0.89");
        assertTrue(v.get(3).met(), "40k / 34k = 1.18");
        assertTrue(v.get(4).met(), "20 / 30 = 0.67 CPU is at most 0.8");
        assertTrue(v.get(5).met());
        assertTrue(v.get(6).met());
    }

    @Test
    void aMissingFigureFailsItsTarget() {
        Map<String, Double> f = figures();
        f.remove("connect_sink_msgs_per_s");
        Targets.Verdict v = Targets.evaluate(f).get(3);
        assertTrue(Double.isNaN(v.value()));
        assertFalse(v.met());
    }

    @Test
    void slowLatencyAndBigMemoryFail() {
        Map<String, Double> f = figures();
        f.put("stream_latency_p99_ms", 1000.0);
        f.put("batch_app_peak_rss_mb_1gb", 600.0);
        f.put("stream_cpu_s_per_million", 27.0);
        List<Targets.Verdict> v = Targets.evaluate(f);
        assertFalse(v.get(4).met(), "27 / 30 = 0.9 of Connect's CPU");
        assertFalse(v.get(5).met(), "p99 must be below 1 s");
        assertFalse(v.get(6).met());
    }
}
