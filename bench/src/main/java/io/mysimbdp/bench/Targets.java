package io.mysimbdp.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The targets, checked on one run's figures (keys of results.json). */
final class Targets {
    /** One target: {@code value} (a ratio or an absolute figure) against its {@code limit}. */
    record Verdict(String name, double value, String comparison, double limit, boolean met) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%-44s %10.2f %s %-8s %s", name, value, comparison, fmt(limit), met ? "met" : "NOT met");
        }

        private static String fmt(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
    }

    private Targets() {
    }

    static List<Verdict> evaluate(Map<String, Double> f) {
        List<Verdict> v = new ArrayList<>();
        atLeast(v, "batch large files / batch ceiling", ratio(f, "batch_rows_per_s", "batch_ceiling_rows_per_s"), 0.8);
        atLeast(v, "batch small files / batch ceiling", ratio(f, "batch_small_files_rows_per_s", "batch_ceiling_rows_per_s"), 0.5);
        atLeast(v, "stream (same work) / stream ceiling", ratio(f, "stream_msgs_per_s", "stream_ceiling_msgs_per_s"), 0.85);
        atLeast(v, "stream (same work) / Kafka Connect sink", ratio(f, "stream_msgs_per_s", "connect_sink_msgs_per_s"), 1.15);
        atMost(v, "stream CPU (same work) / Connect CPU, per M", ratio(f, "stream_cpu_s_per_million", "connect_cpu_s_per_million"), 0.8);
        below(v, "stream p99 latency at half load (ms)", f.getOrDefault("stream_latency_p99_ms", Double.NaN), 1000);
        atMost(v, "batch app peak RSS on a 1 GB file (MB)", f.getOrDefault("batch_app_peak_rss_mb_1gb", Double.NaN), 512);
        return v;
    }

    static double ratio(Map<String, Double> f, String numerator, String denominator) {
        return f.getOrDefault(numerator, Double.NaN) / f.getOrDefault(denominator, Double.NaN);
    }

    private static void atLeast(List<Verdict> v, String name, double value, double limit) {
        v.add(new Verdict(name, value, ">=", limit, value >= limit));
    }

    private static void atMost(List<Verdict> v, String name, double value, double limit) {
        v.add(new Verdict(name, value, "<=", limit, value <= limit));
    }

    private static void below(List<Verdict> v, String name, double value, double limit) {
        v.add(new Verdict(name, value, "<", limit, value < limit));
    }
}
