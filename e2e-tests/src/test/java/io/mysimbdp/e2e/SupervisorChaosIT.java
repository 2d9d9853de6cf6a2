package io.mysimbdp.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.model.Filters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `make run`'s supervisor (local/supervise.sh) on the store's H2 file backend: the store is killed
 * with SIGKILL while a batch job and a stream app write; `make status` shows it down, the supervisor
 * restarts it on its own (no test calls run.sh), and every row and message lands exactly once.
 * `make stop` then stops everything, the supervisor first. Part of {@code make chaos}.
 */
class SupervisorChaosIT {
    static final Duration WAIT = Duration.ofMinutes(4);
    static final Duration STATUS_POLL = Duration.ofMillis(300);
    /** Enough attempts that the store's restart cannot use them up. */
    static final java.util.function.UnaryOperator<String> PATIENT_BATCH_APP = yaml -> yaml.replace("maxAttempts: 3", "maxAttempts: 8");

    @TempDir
    Path tmp;
    Platform platform;

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    long stored(String collection) {
        return platform.documents("tenant_tenant1", collection);
    }

    /** local/status.sh as `make status` runs it; returns its output. */
    String status() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(StackProcess.home().resolve("local/status.sh").toString()).redirectErrorStream(true);
        pb.environment().put("MYSIMBDP_HOME", StackProcess.home().toString());
        pb.environment().put("MYSIMBDP_VAR", platform.var.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "status.sh did not finish");
        return out;
    }

    /** The RESTARTS column of a status line ({@code PART PID RESTARTS STATE}), -1 when it has none. */
    static int restarts(String statusLine) {
        String[] columns = statusLine.trim().split("\\s+");
        return columns.length >= 4 && columns[2].matches("\\d+") ? Integer.parseInt(columns[2]) : -1;
    }

    static String line(String status, String part) {
        return status.lines().filter(l -> l.startsWith(part + " ")).findFirst().orElse("(no line for " + part + ")\n" + status);
    }

    @Test
    void theSupervisorRestartsAKilledStoreAndNothingIsLostOrDoubled() throws Exception {
        platform = new Platform(tmp, Map.of("tenant1.yaml", PATIENT_BATCH_APP),
                Map.of("MONGO_BACKEND", "h2", "MONGO_HEAP", "1g", "MYSIMBDP_SUPERVISE", "on"));
        String before = status();
        for (String part : List.of("coredms", "kafka", "supervisor", "batch-ingest-manager", "daas")) {
            assertTrue(line(before, part).endsWith("running"), before);
        }
        await().atMost(WAIT).until(() -> platform.running("tenant1", "listings") >= 1);
        platform.cli("produce", "--tenant", "tenant1", "--topic", "listings", "--count", "5000", "--start-id", "1");
        Path gen = platform.sampleData("sup", "--format", "csv", "--rows", "5000", "--files", "4", "--prefix", "sup", "--start-id", "1");
        Path staging = Files.createDirectories(platform.var.resolve("staging/tenant1"));
        for (Path f : Platform.files(gen)) {
            Files.move(f, staging.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
        await().atMost(WAIT).until(() -> stored("listings") > 0);

        // watch make status while the store is killed: it must show the outage
        List<String> seen = new CopyOnWriteArrayList<>();
        long storePid = platform.stack.pids().get("coredms");
        ProcessHandle.of(storePid).ifPresent(ProcessHandle::destroyForcibly);
        await().atMost(Duration.ofSeconds(30)).until(() -> !StackProcess.isAlive(storePid));
        await().atMost(WAIT).pollInterval(STATUS_POLL).until(() -> {
            String s = line(status(), "coredms");
            seen.add(s);
            Long now = platform.stack.pids().get("coredms");
            return now != null && now != storePid && s.endsWith("running");
        });
        // down while no process runs, unhealthy while the restarted one is not answering yet; on a quiet machine
        // the supervisor can restart the store (1 s backoff, ~0.5 s start) before one status run ends, and then
        // the outage shows as the RESTARTS column's count instead
        assertTrue(seen.stream().anyMatch(s -> s.contains("down: ") || s.contains("unhealthy: ") || restarts(s) >= 1),
                "make status showed the outage or the restart that ended it: " + seen);
        // messages published after the restart land too
        platform.cli("produce", "--tenant", "tenant1", "--topic", "listings", "--count", "10000", "--start-id", "100001");
        assertNotEquals(storePid, platform.stack.pids().get("coredms"));
        String log = Files.readString(platform.var.resolve("logs/supervisor.log"));
        assertTrue(log.contains("coredms exited unexpectedly") && log.contains("coredms restarted"), log);
        assertTrue(line(status(), "coredms").matches("coredms\\s+\\d+\\s+1\\s+running"), status());

        await().atMost(WAIT).until(() -> platform.ledger().distinct("file", Filters.and(Filters.eq("tenant", "tenant1"),
                Filters.eq("status", "DONE")), String.class).into(new ArrayList<>()).size() == 4);
        await().atMost(WAIT).until(() -> stored("listings_stream") >= 15000);
        await().pollDelay(Duration.ofSeconds(3)).atMost(WAIT).until(() -> true);
        assertEquals(4 * 5000, stored("listings"));
        assertEquals(15000, stored("listings_stream"));

        Map<String, Long> pids = platform.stack.pids();
        platform.stack.stop();
        for (var e : pids.entrySet()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !StackProcess.isAlive(e.getValue()));
        }
        assertTrue(platform.stack.pids().isEmpty(), "make stop leaves no pid file");
        assertFalse(Files.readString(platform.var.resolve("logs/supervisor.log")).contains("restart 2 of"),
                "make stop's own stops are not restarted");
    }
}
