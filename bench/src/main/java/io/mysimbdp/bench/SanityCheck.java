package io.mysimbdp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What {@code make bench-smoke} asserts: every case produced a figure that makes sense, and the files exist. */
final class SanityCheck {
    /** The figures every run must have (results.json's required keys). */
    static final List<String> REQUIRED = List.of(
            "batch_rows_per_s", "batch_mb_per_s", "batch_small_files_rows_per_s", "batch_ceiling_rows_per_s",
            "stream_msgs_per_s", "stream_latency_p99_ms", "stream_ceiling_msgs_per_s", "connect_sink_msgs_per_s",
            "stream_cpu_s_per_million", "connect_cpu_s_per_million", "batch_app_peak_rss_mb_1gb");

    private SanityCheck() {
    }

    /** @return one line per problem; empty when the figures are sane */
    static List<String> problems(Map<String, Double> figures) {
        List<String> problems = new ArrayList<>();
        for (String key : REQUIRED) {
            Double value = figures.get(key);
            if (value == null) {
                problems.add(key + " is missing");
            } else if (!Double.isFinite(value) || value <= 0) {
                problems.add(key + " is " + value + ", expected a positive number");
            }
        }
        Double ceiling = figures.get("stream_ceiling_msgs_per_s");
        Double cpu = figures.get("stream_cpu_s_per_million");
        if (cpu != null && cpu > 10_000) {
            problems.add("stream_cpu_s_per_million is " + cpu + ": not a plausible CPU time");
        }
        if (ceiling != null && ceiling > 10_000_000) {
            problems.add("stream_ceiling_msgs_per_s is " + ceiling + ": faster than the broker can serve");
        }
        return problems;
    }

    static List<String> fileProblems(Path... files) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f) || Files.size(f) == 0) {
                problems.add(f + " was not written");
            }
        }
        return problems;
    }
}
