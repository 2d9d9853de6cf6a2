package io.mysimbdp.bench;

import io.mysimbdp.common.contract.AppEnv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The batch cases: files generated beforehand are dropped into the tenants' staging folders at once
 * (atomic renames), and the clock stops at the last ledger row DONE. The batch-ingest-manager
 * admits, groups and schedules them and runs the real batch app, exactly as under {@code make run}.
 */
final class BatchBench {
    static final List<String> TENANTS = List.of("tenant1", "tenant2");
    static final Duration LEDGER_POLL = Duration.ofMillis(250);
    static final Duration CASE_TIMEOUT = Duration.ofMinutes(15);
    static final Duration RSS_SAMPLE = Duration.ofMillis(100);

    /** One batch case's outcome. */
    record BatchRun(int files, long rows, long bytes, double seconds) {
        double rowsPerSecond() {
            return rows / seconds;
        }

        double mibPerSecond() {
            return bytes / (1024.0 * 1024.0) / seconds;
        }
    }

    /** The batch app on one big file: rows/s and its peak RSS. */
    record RssRun(long bytes, long rows, double seconds, double peakRssMib) {
    }

    private final BenchStack stack;
    private final SampleFiles samples;
    private final Path work;

    BatchBench(BenchStack stack, SampleFiles samples, Path work) {
        this.stack = stack;
        this.samples = samples;
        this.work = work;
    }

    /** Generates {@code filesPerTenant} files of {@code size} per tenant, drops them all, waits for DONE. */
    BatchRun run(String caseName, int filesPerTenant, long size) throws IOException {
        List<List<Path>> generated = new ArrayList<>();
        for (int t = 0; t < TENANTS.size(); t++) {
            String prefix = caseName + "-" + TENANTS.get(t);
            generated.add(samples.csv(work.resolve(prefix), prefix, filesPerTenant, size, 1));
        }
        stack.dropCaseData();
        int files = generated.stream().mapToInt(List::size).sum();
        Instant dropped = Instant.now();
        for (int t = 0; t < TENANTS.size(); t++) {
            for (Path file : generated.get(t)) {
                Files.move(file, stack.staging(TENANTS.get(t)).resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        System.out.println("[bench " + Instant.now().toString().substring(11, 23) + "] " + caseName + ": " + files
                + " files dropped into staging (the case's clock starts at " + dropped + ")");
        List<Document> done = awaitDone(stack, caseName, files);
        long rows = done.stream().mapToLong(d -> d.get("rows_ok", Number.class).longValue()).sum();
        long bytes = done.stream().mapToLong(d -> d.get("bytes", Number.class).longValue()).sum();
        Instant last = done.stream().map(d -> d.getDate("finished_at").toInstant()).max(Instant::compareTo).orElseThrow();
        return new BatchRun(files, rows, bytes, Duration.between(dropped, last).toMillis() / 1000.0);
    }

    /**
     * Waits for a DONE ledger row per file whose name starts with {@code caseName-}; fails at once when one is
     * refused or has failed.
     */
    static List<Document> awaitDone(BenchStack stack, String caseName, int files) {
        MongoCollection<Document> ledger = stack.mongo.getDatabase("mysimbdp_platform").getCollection("ingestions");
        Bson ours = Filters.regex("file", "^" + caseName + "-");
        long deadline = System.nanoTime() + CASE_TIMEOUT.toNanos();
        while (true) {
            List<Document> rows = ledger.find(ours).into(new ArrayList<>());
            List<Document> done = rows.stream().filter(r -> "DONE".equals(r.getString("status"))).toList();
            if (done.size() >= files) {
                return done;
            }
            rows.stream().filter(r -> List.of("INVALID", "FAILED", "RETRY").contains(r.getString("status"))).findFirst()
                    .ifPresent(r -> {
                        throw new IllegalStateException(caseName + ": " + r.getString("file") + " is " + r.getString("status")
                                + ": " + r.getString("reason"));
                    });
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(caseName + ": only " + done.size() + " of " + files + " files DONE after " + CASE_TIMEOUT);
            }
            LockSupport.parkNanos(LEDGER_POLL.toNanos());
        }
    }

    /**
     * Runs the batch app itself (its launcher, with the contract's environment and tenant1's app config) on one
     * file of {@code bytes}, sampling its peak RSS: the app must stream, so memory must not follow the file size.
     */
    RssRun bigFile(long bytes, long unitSize) throws IOException, InterruptedException {
        stack.dropCaseData();
        Path dir = work.resolve("bigfile");
        Path unit = samples.csv(dir.resolve("unit"), "unit", 1, unitSize, 1).get(0);
        Path input = Files.createDirectories(dir.resolve("input"));
        Path output = Files.createDirectories(dir.resolve("output"));
        long written = SampleFiles.repeat(unit, input.resolve("big.csv"), bytes);
        ProcessBuilder builder = new ProcessBuilder(stack.home.resolve("tenant-apps/clientbatchingestapp/bin/clientbatchingestapp").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("app.log").toFile());
        Map<String, String> env = builder.environment();
        env.put(AppEnv.TENANT, "tenant1");
        env.put(AppEnv.INGESTION_ID, "bench-bigfile");
        env.put(AppEnv.INPUT_DIR, input.toString());
        env.put(AppEnv.OUTPUT_DIR, output.toString());
        env.put(AppEnv.MONGODB_URI, stack.mongoUri);
        env.put(AppEnv.DATABASE, "tenant_tenant1");
        env.put(AppEnv.APP_CONFIG, appConfig(stack.tenants.resolve("tenant1.yaml")));
        long started = System.nanoTime();
        Process app = builder.start();
        double peak = 0;
        while (!app.waitFor(RSS_SAMPLE.toMillis(), TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, ProcessStats.peakRssMib(app.pid()).orElse(0.0));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (app.exitValue() != 0) {
            throw new IllegalStateException("the batch app failed on the big file (exit " + app.exitValue() + "); see " + dir.resolve("app.log"));
        }
        JsonNode result = new YAMLMapper().readTree(output.resolve("result.json").toFile());
        long rows = 0;
        for (JsonNode file : result.path("files")) {
            rows += file.path("rows").asLong();
        }
        BenchStack.deleteTree(dir);
        return new RssRun(written, rows, seconds, peak);
    }

    /** The first batch app's {@code config} of a profile, as the JSON the manager hands the app. */
    static String appConfig(Path profile) throws IOException {
        JsonNode config = new YAMLMapper().readTree(profile.toFile()).at("/batch/apps/0/config");
        if (config.isMissingNode()) {
            throw new IllegalArgumentException(profile + " has no batch.apps[0].config");
        }
        return config.toString();
    }
}
