package io.mysimbdp.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.client.model.Filters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `make soak`: the volume run on `make run` defaults (store on its H2 file, 1 GiB heap,
 * supervisor on): SOAK_ROWS rows as CSV files plus SOAK_MESSAGES messages, then every collection's
 * count must be exact. Reports the run time and the store's peak RSS (VmHWM) and writes them to
 * target/soak-report.txt. Sizes: -Dsoak.rows (default 2,000,000), -Dsoak.messages (1,000,000).
 * Not part of `make test` or `make chaos` (an hour or more on a 2-core laptop); see docs/capacity.md.
 */
class StoreSoakIT {
    static final long ROWS = Long.getLong("soak.rows", 2_000_000);
    static final long MESSAGES = Long.getLong("soak.messages", 1_000_000);
    /** Keeps each CSV under tenant1's 10 MiB maxFileSize. */
    static final long ROWS_PER_FILE = 40_000;
    /** Bound on the whole run; the rates measured are in docs/capacity.md. */
    static final Duration WAIT = Duration.ofHours(3);
    static final Duration POLL = Duration.ofSeconds(10);
    /** Every file of the run may wait in staging at once. */
    static final java.util.function.UnaryOperator<String> ROOMY_STAGING = yaml -> yaml.replace("maxStagedFiles: 10", "maxStagedFiles: 1000");

    @TempDir
    Path tmp;
    Platform platform;

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    /** How many files of at most ROWS_PER_FILE rows carry exactly {@code rows}; refuses a count they cannot split evenly. */
    static int filesFor(long rows) {
        int files = (int) Math.max(1, (rows + ROWS_PER_FILE - 1) / ROWS_PER_FILE);
        if (rows % files != 0) {
            throw new IllegalArgumentException("soak.rows=" + rows + " does not split evenly into " + files
                    + " files of at most " + ROWS_PER_FILE + " rows: use a multiple of " + ROWS_PER_FILE);
        }
        return files;
    }

    /** The store's peak resident set so far, from /proc (kB). */
    static long peakRssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"), StandardCharsets.UTF_8)) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmHWM for pid " + pid);
    }

    @Test
    void rowsAsFilesAndMessagesAllLandExactlyOnceOnMakeRunDefaults() throws Exception {
        long started = System.nanoTime();
        platform = new Platform(tmp, Map.of("tenant1.yaml", ROOMY_STAGING),
                Map.of("MONGO_BACKEND", "h2", "MONGO_HEAP", "1g", "MYSIMBDP_SUPERVISE", "on"));
        await().atMost(Duration.ofMinutes(4)).until(() -> platform.running("tenant1", "listings") >= 1);
        int files = filesFor(ROWS);
        // sample-data's --rows is per file
        Path gen = platform.sampleData("soak", "--format", "csv", "--rows", Long.toString(ROWS / files), "--files",
                Integer.toString(files), "--prefix", "soak", "--start-id", "1");
        Path staging = Files.createDirectories(platform.var.resolve("staging/tenant1"));
        for (Path f : Platform.files(gen)) {
            Files.move(f, staging.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
        platform.cli("produce", "--tenant", "tenant1", "--topic", "listings", "--count", Long.toString(MESSAGES),
                "--start-id", "1", "--timeout", "600");

        AtomicLong peakKb = new AtomicLong();
        var mongo = platform.mongo.getDatabase("tenant_tenant1");
        // estimatedDocumentCount is instant on H2; countDocuments scans (docs/capacity.md), so only at the end
        await().atMost(WAIT).pollInterval(POLL).until(() -> {
            Long pid = platform.stack.pids().get("coredms");
            if (pid != null && StackProcess.isAlive(pid)) {
                peakKb.accumulateAndGet(peakRssKb(pid), Math::max);
            }
            return mongo.getCollection("listings").estimatedDocumentCount() >= ROWS
                    && mongo.getCollection("listings_stream").estimatedDocumentCount() >= MESSAGES
                    && platform.ledger().distinct("file", Filters.and(Filters.eq("tenant", "tenant1"), Filters.eq("status", "DONE")),
                            String.class).into(new ArrayList<>()).size() == files;
        });
        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofMinutes(1)).until(() -> true);
        long rows = platform.documents("tenant_tenant1", "listings");
        long messages = platform.documents("tenant_tenant1", "listings_stream");
        long minutes = Duration.ofNanos(System.nanoTime() - started).toMinutes();
        String supervisor = Files.readString(platform.var.resolve("logs/supervisor.log"));
        Path storeFile = platform.var.resolve("mongo/coredms.mv.db");
        long fileMiB = Files.exists(storeFile) ? Files.size(storeFile) >> 20 : -1;
        String report = String.format("soak: %d rows in %d files, %d messages; stored listings=%d listings_stream=%d; "
                        + "store peak RSS %d MiB; store file %d MiB; %d min; supervisor restarts: %d%n", ROWS, files, MESSAGES, rows,
                messages, peakKb.get() / 1024, fileMiB, minutes,
                supervisor.lines().filter(l -> l.contains("exited unexpectedly")).count());
        System.out.print(report);
        Files.writeString(Path.of("target", "soak-report.txt"), report, StandardCharsets.UTF_8);
        assertEquals(ROWS, rows);
        assertEquals(MESSAGES, messages);
        assertTrue(platform.ledgerCount("tenant1", "FAILED") == 0, "no file failed");
        List<Path> failed = Files.exists(platform.var.resolve("failed/tenant1")) ? Platform.files(platform.var.resolve("failed/tenant1")) : List.of();
        assertTrue(failed.isEmpty(), "no file given up: " + failed);
    }
}
