package io.mysimbdp.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code make bench} ({@code --smoke}: {@code make bench-smoke}): starts a private platform, runs every case
 * on an empty store, prints the table and writes var/bench/results.json and var/bench/results.png.
 * Environment: {@code MONGODB_URI} (use that store instead of the embedded memory backend),
 * {@code BENCH_MONGO_HEAP} (the embedded store's heap), {@code BENCH_SCALE} (0 to 1: less data, see {@link BenchPlan#scaled}).
 * {@code --stream-race}: only the stream race (every contestant, the full plan's grids), for profiling the stream path;
 * prints its rows and the same-work platform's ratios to Kafka Connect and writes var/bench/stream-race.json.
 * {@code --batch-small}: only the many-small-files case (the plan's files, e.g. {@code BENCH_SCALE=0.1}: 200), for profiling
 * where its time goes; the stack (var/bench/stack: the manager's log, the jobs' folders) is left for reading afterwards.
 */
public final class BenchMain {
    /** The memory backend holds ~4 GB per million documents; the batch case stores 1.5 million. */
    static final int FULL_STORE_HEAP_GIB = 8;
    static final String SMOKE_STORE_HEAP = "1g";
    /** {@code --batch-small}: the wait between the stack's start and the case. */
    static final java.time.Duration BATCH_ONLY_SETTLE = java.time.Duration.ofSeconds(30);

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchPlan plan = List.of(args).contains("--smoke") ? BenchPlan.smoke() : BenchPlan.full();
        double scale = Double.parseDouble(Optional.ofNullable(System.getenv("BENCH_SCALE")).orElse("1"));
        plan = plan.scaled(scale);
        Path home = Path.of(System.getProperty("mysimbdp.home", ".")).toAbsolutePath().normalize();
        Path benchDir = home.resolve("var/bench");
        Path work = benchDir.resolve("work");
        Files.createDirectories(benchDir);
        BenchStack.deleteTree(work);
        Optional<String> externalStore = Optional.ofNullable(System.getenv("MONGODB_URI")).filter(s -> !s.isBlank());
        String heap = Optional.ofNullable(System.getenv("BENCH_MONGO_HEAP")).orElse(plan.smokeRun() ? SMOKE_STORE_HEAP
                : Math.max(2, (int) Math.ceil(FULL_STORE_HEAP_GIB * scale)) + "g");
        Map<String, String> examples = new LinkedHashMap<>();
        for (String tenant : BatchBench.TENANTS) {
            examples.put(tenant, Files.readString(home.resolve("config/tenants").resolve(tenant + ".yaml")));
        }

        Map<String, Double> figures = new LinkedHashMap<>();
        Map<String, Object> details = new LinkedHashMap<>();
        List<String[]> table = new ArrayList<>();
        String loadBefore = loadAverage();
        long started = System.nanoTime();
        log("plan " + plan.name() + "; starting the stack (store: " + externalStore.map(u -> "MONGODB_URI").orElse("embedded memory backend, heap " + heap) + ")");
        if (List.of(args).contains("--stream-race")) {
            try (BenchStack stack = BenchStack.start(home, benchDir, BenchProfiles.all(examples), heap, externalStore)) {
                streamRaceOnly(stack, plan, home, work, benchDir, loadBefore, started);
            }
            return;
        }
        if (List.of(args).contains("--batch-small")) {
            try (BenchStack stack = BenchStack.start(home, benchDir, BenchProfiles.all(examples), heap, externalStore)) {
                // In the full run this case starts minutes after the stack; here the stack's own start-up (the stream
                // apps' JVMs) must be over first, or it is in the case's time.
                log("letting the stack settle for " + BATCH_ONLY_SETTLE.toSeconds() + " s");
                Thread.sleep(BATCH_ONLY_SETTLE.toMillis());
                log("batch, many small files only: " + 2 * plan.smallFilesPerTenant() + " x " + plan.smallFileBytes() + " B");
                BatchBench.BatchRun small = new BatchBench(stack, new SampleFiles(home), work)
                        .run("small", plan.smallFilesPerTenant(), plan.smallFileBytes());
                System.out.printf(Locale.ROOT, "%nbatch, many small files: %d files, %,d rows in %.1f s = %,.0f rows/s; load before %s,"
                        + " after %s%n", small.files(), small.rows(), small.seconds(), small.rowsPerSecond(), loadBefore, loadAverage());
            }
            return;
        }
        try (BenchStack stack = BenchStack.start(home, benchDir, BenchProfiles.all(examples), heap, externalStore)) {
            SampleFiles samples = new SampleFiles(home);
            BatchBench batch = new BatchBench(stack, samples, work);

            log("batch, large files: " + 2 * plan.largeFilesPerTenant() + " x " + (plan.largeFileBytes() >> 10) + " KiB");
            BatchBench.BatchRun large = batch.run("large", plan.largeFilesPerTenant(), plan.largeFileBytes());
            figures.put("batch_rows_per_s", round(large.rowsPerSecond()));
            figures.put("batch_mb_per_s", round(large.mibPerSecond()));
            details.put("batch_large", large);
            table.add(row("batch, large files", large.rowsPerSecond(), "rows/s", String.format(Locale.ROOT,
                    "%d files, %,d rows, %.1f MiB/s, %.1f s", large.files(), large.rows(), large.mibPerSecond(), large.seconds())));

            log("batch ceiling: the same documents, insertMany");
            BatchCeiling ceiling = new BatchCeiling(stack);
            List<BatchCeiling.Trial> trials = ceiling.run(ceiling.capture(Map.of("tenant_tenant1", "listings", "tenant_tenant2", "prices")),
                    plan.ceilingThreads(), plan.ceilingBatches(), plan.ceilingGridDocs());
            BatchCeiling.Trial best = trials.get(trials.size() - 1);
            figures.put("batch_ceiling_rows_per_s", round(best.docsPerSecond()));
            details.put("batch_ceiling_trials_docs_per_s", BatchCeiling.describe(trials));
            table.add(row("batch ceiling", best.docsPerSecond(), "docs/s", String.format(Locale.ROOT,
                    "%d writers x batch %d on %,d docs (best of %d settings on %,d)", best.threads(), best.batch(), best.documents(),
                    trials.size() - 1, trials.get(0).documents())));

            log("batch, many small files: " + 2 * plan.smallFilesPerTenant() + " x " + plan.smallFileBytes() + " B");
            BatchBench.BatchRun small = batch.run("small", plan.smallFilesPerTenant(), plan.smallFileBytes());
            figures.put("batch_small_files_rows_per_s", round(small.rowsPerSecond()));
            details.put("batch_small", small);
            table.add(row("batch, many small files", small.rowsPerSecond(), "rows/s", String.format(Locale.ROOT,
                    "%d files, %,d rows, %.1f s", small.files(), small.rows(), small.seconds())));

            log("batch app on one " + (plan.rssFileBytes() >> 20) + " MiB file");
            BatchBench.RssRun rss = batch.bigFile(plan.rssFileBytes(), plan.rssUniqueBytes());
            figures.put("batch_app_peak_rss_mb_1gb", round(rss.peakRssMib()));
            details.put("batch_big_file", rss);
            table.add(row("batch app peak RSS, big file", rss.peakRssMib(), "MiB", String.format(Locale.ROOT,
                    "%,d MiB, %,d rows in %.1f s (%,.0f rows/s)", rss.bytes() >> 20, rss.rows(), rss.seconds(), rss.rows() / rss.seconds())));

            log("stream race: one backlog of " + plan.streamMessages() + " messages per contestant, published with the platform's"
                    + " topics stopped; every contestant timed from its first document in the store to its last");
            StreamRace.Outcome race = new StreamRace(stack, home.resolve("bench/target"), work).run(plan, 1);
            figures.putAll(RaceReport.figures(race));
            details.put("stream_race_trials", RaceReport.trials(race));
            details.put("stream_race_mean_message_bytes", round(race.meanMessageBytes()));
            table.addAll(RaceReport.rows(race));

            StreamBench stream = new StreamBench(stack);
            StreamManagerApi api = new StreamManagerApi(stack);
            double halfRate = race.sameWork().messagesPerSecond() / 2;
            log(String.format(Locale.ROOT, "stream latency, same work: %.0f msgs/s (half the race's) for %d s", halfRate, plan.latencySeconds()));
            api.start(StreamRace.SAME_WORK.tenant(), StreamRace.SAME_WORK.topic());
            StreamBench.LatencyRun latency = stream.warmedLatency(List.of(StreamRace.SAME_WORK), halfRate, plan.latencySeconds(),
                    plan.streamMessages() + 1L);
            api.stop(StreamRace.SAME_WORK.tenant(), StreamRace.SAME_WORK.topic());
            StreamRace.awaitNoInstances(stack.pid("stream-ingest-manager").orElseThrow(), StreamRace.SAME_WORK.tenant());
            figures.put("stream_latency_p50_ms", round(latency.p50Millis()));
            figures.put("stream_latency_p99_ms", round(latency.p99Millis()));
            details.put("stream_latency", latency);
            table.add(latencyRow("stream latency p99 at half load", latency));

            double shippedRate = race.fullProfile().messagesPerSecond() / 2;
            log(String.format(Locale.ROOT, "stream latency, shipped tenants: %.0f msgs/s (half tenant1's race rate) for %d s",
                    shippedRate, plan.latencySeconds()));
            StreamBench.LatencyRun shipped = stream.warmedLatency(StreamLoad.TARGETS, shippedRate, plan.latencySeconds(),
                    plan.streamMessages() + 1L);
            figures.put("stream_latency_shipped_p99_ms", round(shipped.p99Millis()));
            details.put("stream_latency_shipped", shipped);
            table.add(latencyRow("  shipped tenant1 + tenant2", shipped));

            details.put("peak_rss_mib_per_service", stack.peakRss());

            BenchPlan.FleetPlan fleetPlan = plan.fleet();
            log("many tenants: " + fleetPlan.tenants() + " tenants, each " + fleetPlan.messagesPerSecondPerTenant() + " msgs/s for "
                    + fleetPlan.loadSeconds() + " s and " + fleetPlan.filesPerTenant() + " files");
            FleetBench.Outcome fleet = new FleetBench(stack, samples, work.resolve("fleet"), fleetPlan).run();
            details.put("fleet_baseline", fleet.baseline());
            details.put("fleet_steps", fleet.steps());
            for (FleetCost.PerTenant t : fleet.perTenant()) {
                List<String> keys = FleetCost.keys(t.tenants());
                List<Double> values = FleetCost.values(t);
                for (int i = 0; i < keys.size(); i++) {
                    figures.put(keys.get(i), round(values.get(i)));
                }
                table.add(row("many tenants: " + t.tenants(), t.idleRssMib(), "MiB/t", t.detail()));
            }
        }
        double minutes = (System.nanoTime() - started) / 60e9;
        List<Targets.Verdict> verdicts = Targets.evaluate(figures);
        Map<String, Object> results = new LinkedHashMap<>(figures);
        results.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "memory_mb", memoryMb(),
                "load_average_before", loadBefore, "load_average_after", loadAverage()));
        results.put("store", externalStore.isPresent() ? Map.of("kind", "MONGODB_URI")
                : Map.of("kind", "embedded", "backend", "memory", "heap", heap));
        results.put("plan", plan);
        results.put("finished_at", Instant.now().toString());
        results.put("duration_minutes", round(minutes));
        results.put("targets", verdicts);
        results.put("details", details);
        Path json = benchDir.resolve("results.json");
        Path png = benchDir.resolve("results.png");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), results);
        ResultsChart.write(png, String.format(Locale.ROOT, "plan %s, %d cores, %,d MB, store %s, %.1f min, load %s",
                plan.name(), Runtime.getRuntime().availableProcessors(), memoryMb(),
                externalStore.isPresent() ? "MONGODB_URI" : "embedded memory backend", minutes, loadBefore), panels(figures, plan.fleet().tenants()), verdicts);
        print(table, verdicts, json, png, minutes);
        if (plan.smokeRun()) {
            List<String> problems = new ArrayList<>(SanityCheck.problems(figures, externalStore.isEmpty()));
            problems.addAll(SanityCheck.fleetProblems(figures, plan.fleet().tenants()));
            problems.addAll(SanityCheck.fileProblems(json, png));
            if (!problems.isEmpty()) {
                System.err.println("bench-smoke FAILED:\n  " + String.join("\n  ", problems));
                System.exit(1);
            }
            System.out.println("bench-smoke: every case produced a sane figure");
        }
    }

    private static void streamRaceOnly(BenchStack stack, BenchPlan plan, Path home, Path work, Path benchDir, String loadBefore,
                                       long started) throws Exception {
        log("stream race only: " + plan.streamMessages() + " messages per contestant");
        StreamRace.Outcome race = new StreamRace(stack, home.resolve("bench/target"), work).run(plan, 1);
        Map<String, Object> results = new LinkedHashMap<>(RaceReport.figures(race));
        results.putAll(RaceReport.ratios(race));
        results.put("trials", RaceReport.trials(race));
        results.put("load_average_before", loadBefore);
        results.put("load_average_after", loadAverage());
        results.put("plan", plan);
        results.put("finished_at", Instant.now().toString());
        Path json = benchDir.resolve("stream-race.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), results);
        System.out.println();
        for (String[] r : RaceReport.rows(race)) {
            System.out.printf(Locale.ROOT, "%-32s %14s %-7s %s%n", (Object[]) r);
        }
        RaceReport.ratios(race).forEach((k, v) -> System.out.printf(Locale.ROOT, "%s = %.2f%n", k, v));
        System.out.printf(Locale.ROOT, "%nload before %s, after %s; written: %s (%.1f min)%n", loadBefore, loadAverage(), json,
                (System.nanoTime() - started) / 60e9);
    }

    private static String[] latencyRow(String name, StreamBench.LatencyRun l) {
        return row(name, l.p99Millis(), "ms", String.format(Locale.ROOT, "p50 %.0f ms, max %.0f ms, %d probes at %,.0f msgs/s;"
                + " p99 after the first %d s %.0f ms", l.p50Millis(), l.maxMillis(), l.probes(), l.rate(), StreamBench.TRANSIENT_SECONDS,
                l.p99AfterFirstSecondsMillis()));
    }

    private static List<ResultsChart.Panel> panels(Map<String, Double> f, List<Integer> fleetSizes) {
        List<Map.Entry<String, Double>> perTenant = new ArrayList<>();
        for (int n : fleetSizes) {
            perTenant.add(Map.entry(n + " tenants: idle, per tenant", f.getOrDefault("fleet_" + n + "_idle_rss_mib_per_tenant", 0.0)));
            perTenant.add(Map.entry(n + " tenants: under load, per tenant", f.getOrDefault("fleet_" + n + "_load_rss_mib_per_tenant", 0.0)));
        }
        return List.of(
                new ResultsChart.Panel("Platform memory per tenant", "MiB", perTenant),
                new ResultsChart.Panel("Batch", "rows/s", List.of(
                        Map.entry("large files (end to end)", f.get("batch_rows_per_s")),
                        Map.entry("many small files (end to end)", f.get("batch_small_files_rows_per_s")),
                        Map.entry("ceiling: insertMany of built documents", f.get("batch_ceiling_rows_per_s")))),
                new ResultsChart.Panel("Stream: draining one backlog", "msgs/s", List.of(
                        Map.entry("platform, same work", f.get("stream_msgs_per_s")),
                        Map.entry("platform, tenant1's profile", f.get("stream_full_profile_msgs_per_s")),
                        Map.entry("ceiling: bare consumers + insertMany", f.get("stream_ceiling_msgs_per_s")),
                        Map.entry("Kafka Connect MongoDB sink", f.get("connect_sink_msgs_per_s")))),
                new ResultsChart.Panel("CPU per million messages", "s", List.of(
                        Map.entry("platform stream apps, same work", f.get("stream_cpu_s_per_million")),
                        Map.entry("Kafka Connect worker", f.get("connect_cpu_s_per_million")),
                        Map.entry("store, under the platform", f.getOrDefault("stream_store_cpu_s_per_million", 0.0)),
                        Map.entry("store, under Kafka Connect", f.getOrDefault("connect_sink_store_cpu_s_per_million", 0.0)))),
                new ResultsChart.Panel("Latency and memory", "ms / MiB", List.of(
                        Map.entry("stream p50 latency at half load (ms)", f.get("stream_latency_p50_ms")),
                        Map.entry("stream p99 latency at half load (ms)", f.get("stream_latency_p99_ms")),
                        Map.entry("batch app peak RSS, big file (MiB)", f.get("batch_app_peak_rss_mb_1gb")))));
    }

    private static void print(List<String[]> table, List<Targets.Verdict> verdicts, Path json, Path png, double minutes) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-32s %14s %-7s %s%n", "case", "figure", "unit", "detail");
        for (String[] r : table) {
            System.out.printf(Locale.ROOT, "%-32s %14s %-7s %s%n", (Object[]) r);
        }
        System.out.println();
        verdicts.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "%nwritten: %s, %s (%.1f min)%n", json, png, minutes);
    }

    private static String[] row(String name, double value, String unit, String detail) {
        return new String[]{name, String.format(Locale.ROOT, "%,.1f", value), unit, detail};
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static long memoryMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (java.io.IOException e) {
            // not Linux: reported as 0
        }
        return 0;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static void log(String message) {
        System.out.println("[bench " + Instant.now().toString().substring(11, 19) + "] " + message);
    }
}
