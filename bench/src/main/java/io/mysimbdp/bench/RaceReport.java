package io.mysimbdp.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The race's figures (results.json keys), table rows and trial details, from its outcome. */
final class RaceReport {
    /** Figure key prefix per contestant: the platform with the same work is the plain {@code stream_}. */
    static final String SAME_WORK = "stream";
    static final String FULL_PROFILE = "stream_full_profile";
    static final String CEILING = "stream_ceiling";
    static final String CONNECT = "connect_sink";

    private RaceReport() {
    }

    /** The fastest of a contestant's trials. */
    static RaceResult best(List<RaceResult> trials) {
        return trials.stream().max(Comparator.comparingDouble(RaceResult::messagesPerSecond))
                .orElseThrow(() -> new IllegalArgumentException("a contestant ran no trial"));
    }

    /** Per contestant: msgs/s, CPU s per million, peak RSS, store CPU s per million (left out when unknown). */
    static Map<String, Double> figures(StreamRace.Outcome o) {
        Map<String, Double> f = new LinkedHashMap<>();
        put(f, SAME_WORK, o.sameWork());
        put(f, FULL_PROFILE, o.fullProfile());
        put(f, CEILING, best(o.ceilingTrials()));
        put(f, CONNECT, best(o.connectTrials()));
        return f;
    }

    private static void put(Map<String, Double> f, String prefix, RaceResult r) {
        f.put(prefix + "_msgs_per_s", BenchMain.round(r.messagesPerSecond()));
        // the earlier rounds' key for Connect's CPU stays
        f.put((prefix.equals(CONNECT) ? "connect" : prefix) + "_cpu_s_per_million", BenchMain.round(r.cpuSecondsPerMillion()));
        f.put(prefix + "_peak_rss_mib", BenchMain.round(r.peakRssMib()));
        if (Double.isFinite(r.storeCpuSeconds())) {
            f.put(prefix + "_store_cpu_s_per_million", BenchMain.round(r.storeCpuSecondsPerMillion()));
        }
    }

    /**
     * The same-work platform against the best Kafka Connect trial and the best ceiling trial, within one run:
     * throughput ratios (higher is better) and the CPU ratio to Connect (lower is better).
     */
    static Map<String, Double> ratios(StreamRace.Outcome o) {
        RaceResult platform = o.sameWork();
        RaceResult connect = best(o.connectTrials());
        RaceResult ceiling = best(o.ceilingTrials());
        Map<String, Double> r = new LinkedHashMap<>();
        r.put("stream_vs_connect_msgs_ratio", BenchMain.round(platform.messagesPerSecond() / connect.messagesPerSecond()));
        r.put("stream_vs_connect_cpu_ratio", BenchMain.round(platform.cpuSecondsPerMillion() / connect.cpuSecondsPerMillion()));
        r.put("stream_vs_ceiling_msgs_ratio", BenchMain.round(platform.messagesPerSecond() / ceiling.messagesPerSecond()));
        return r;
    }

    /** Table rows: case, figure, unit, detail; the two contestants with trials show their best and what they tried. */
    static List<String[]> rows(StreamRace.Outcome o) {
        List<String[]> rows = new ArrayList<>();
        rows.add(row("stream, platform (same work)", o.sameWork(), "1 mongodb sink, no quality; up to " + o.sameWork().processes()
                + " instances; "));
        rows.add(row("stream, platform (tenant1)", o.fullProfile(), "shipped profile: 2 sinks, quality; "));
        RaceResult ceiling = best(o.ceilingTrials());
        rows.add(row("stream ceiling", ceiling, "best: " + ceiling.label() + " of " + o.ceilingTrials().size() + "; "));
        RaceResult connect = best(o.connectTrials());
        rows.add(row("Kafka Connect MongoDB sink", connect, "best: " + connect.label() + " of " + o.connectTrials().size() + "; "));
        return rows;
    }

    private static String[] row(String name, RaceResult r, String prefix) {
        return new String[]{name, String.format(Locale.ROOT, "%,.1f", r.messagesPerSecond()), "msgs/s", prefix + r.detail()};
    }

    /** Every trial by its label: msgs/s, CPU s per million, peak RSS, store CPU s per million. */
    static Map<String, Map<String, Double>> trials(StreamRace.Outcome o) {
        Map<String, Map<String, Double>> t = new LinkedHashMap<>();
        List<RaceResult> all = new ArrayList<>(o.ceilingTrials());
        all.addAll(o.connectTrials());
        all.add(o.sameWork());
        all.add(o.fullProfile());
        for (RaceResult r : all) {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("msgs_per_s", BenchMain.round(r.messagesPerSecond()));
            m.put("seconds", BenchMain.round(r.seconds()));
            m.put("cpu_s_per_million", BenchMain.round(r.cpuSecondsPerMillion()));
            m.put("peak_rss_mib", BenchMain.round(r.peakRssMib()));
            m.put("store_cpu_s_per_million", BenchMain.round(r.storeCpuSecondsPerMillion()));
            m.put("processes", (double) r.processes());
            t.put(r.label(), m);
        }
        return t;
    }
}
