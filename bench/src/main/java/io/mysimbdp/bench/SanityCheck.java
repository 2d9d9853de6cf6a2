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
            "stream_full_profile_msgs_per_s",
            "stream_cpu_s_per_million", "connect_cpu_s_per_million", "stream_full_profile_cpu_s_per_million",
            "stream_ceiling_cpu_s_per_million",
            "stream_peak_rss_mib", "stream_full_profile_peak_rss_mib", "stream_ceiling_peak_rss_mib", "connect_sink_peak_rss_mib",
            "batch_app_peak_rss_mb_1gb");
    /** The store's CPU under each race contestant: known when the store is the bench's own process. */
    static final List<String> REQUIRED_WITH_EMBEDDED_STORE = List.of(
            "stream_store_cpu_s_per_million", "stream_full_profile_store_cpu_s_per_million",
            "stream_ceiling_store_cpu_s_per_million", "connect_sink_store_cpu_s_per_million");

    private SanityCheck() {
    }

    /** @return one line per problem; empty when the figures are sane */
    static List<String> problems(Map<String, Double> figures, boolean embeddedStore) {
        List<String> problems = new ArrayList<>();
        List<String> required = new ArrayList<>(REQUIRED);
        if (embeddedStore) {
            required.addAll(REQUIRED_WITH_EMBEDDED_STORE);
        }
        for (String key : required) {
            Double value = figures.get(key);
            if (value == null) {
                problems.add(key + " is missing");
            } else if (!Double.isFinite(value) || value <= 0) {
                problems.add(key + " is " + value + ", expected a positive number");
            }
        }
        Double ceiling = figures.get("stream_ceiling_msgs_per_s");
        for (String key : required) {
            Double v = figures.get(key);
            if (key.contains("cpu_s_per_million") && v != null && v > 10_000) {
                problems.add(key + " is " + v + ": not a plausible CPU time");
            }
        }
        if (ceiling != null && ceiling > 10_000_000) {
            problems.add("stream_ceiling_msgs_per_s is " + ceiling + ": faster than the broker can serve");
        }
        return problems;
    }

    /**
     * The many-tenants case, per fleet size: every per-tenant figure present and finite; a tenant's idle memory, its
     * CPU under load and its throughputs positive (its idle CPU is a difference of two small readings and may come
     * out at or just below zero).
     */
    static List<String> fleetProblems(Map<String, Double> figures, List<Integer> sizes) {
        List<String> problems = new ArrayList<>();
        for (int size : sizes) {
            for (String key : FleetCost.keys(size)) {
                Double value = figures.get(key);
                if (value == null) {
                    problems.add(key + " is missing");
                } else if (!Double.isFinite(value)) {
                    problems.add(key + " is " + value + ", expected a number");
                } else if (!key.contains("idle_cpu") && value <= 0) {
                    problems.add(key + " is " + value + ", expected a positive number");
                }
            }
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
