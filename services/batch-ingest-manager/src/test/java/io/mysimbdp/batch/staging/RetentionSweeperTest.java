package io.mysimbdp.batch.staging;

import io.mysimbdp.batch.model.RetentionPlan;
import io.mysimbdp.common.profile.TenantProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retention on a real state directory: by age, by size, per tenant, with the bytes each area holds afterwards. */
class RetentionSweeperTest {
    static final Instant NOW = Instant.now();

    static Path file(Path path, int bytes, Duration age) throws IOException {
        Files.createDirectories(path.getParent());
        Files.write(path, new byte[bytes]);
        Files.setLastModifiedTime(path, FileTime.from(NOW.minus(age)));
        return path;
    }

    static TenantProfile profile(String tenant, TenantProfile.Retention retention) {
        return new TenantProfile(tenant, null, null, null, new TenantProfile.Batch(null, null, null, retention), null, null, null, null);
    }

    @Test
    void prunesByAgeAndBySizeAndReportsWhatIsHeld(@TempDir Path var) throws Exception {
        Path oldInvalid = file(var.resolve("invalid/acme/old.csv"), 100, Duration.ofDays(40));
        Path oldReason = file(var.resolve("invalid/acme/old.csv" + FileMover.REASON_SUFFIX), 50, Duration.ofDays(40));
        Path newInvalid = file(var.resolve("invalid/acme/new.csv"), 100, Duration.ofDays(1));
        // results: two job folders of 600 bytes each; the area may hold 1000, so the older goes
        file(var.resolve("results/acme/job-a-1/result.json"), 600, Duration.ofDays(3));
        file(var.resolve("results/acme/job-b-1/result.json"), 600, Duration.ofDays(2));
        Path serviceLog = file(var.resolve("logs/acme/batch-ingest-manager.log"), 10, Duration.ofDays(90));
        Path jobLog = file(var.resolve("logs/acme/job-a-1.log"), 10, Duration.ofDays(90));
        Path liveLog = file(var.resolve("logs/acme/job-c-1.log"), 10, Duration.ofDays(90));
        Files.setLastModifiedTime(liveLog, FileTime.from(NOW.minusSeconds(10)));
        file(var.resolve("staging/acme/waiting.csv"), 70, Duration.ofDays(400));
        // another tenant whose profile keeps things for a year: nothing of it goes
        Path otherOld = file(var.resolve("failed/other/old.csv"), 100, Duration.ofDays(40));

        Map<String, TenantProfile> tenants = Map.of(
                "acme", profile("acme", new TenantProfile.Retention(null, 1000L)),
                "other", profile("other", new TenantProfile.Retention(Duration.ofDays(365), null)));
        List<String> told = new ArrayList<>();
        List<RetentionSweeper.TenantSweep> sweeps = new ArrayList<>(new RetentionSweeper(new StagingLayout(var)).sweep(tenants,
                p -> RetentionPlan.limits(p.batch().retention(), Duration.ofDays(30), 1L << 30), NOW,
                (tenant, area, p) -> told.add(tenant + " " + area + " " + p.entry().name() + " " + p.why())));

        assertFalse(Files.exists(oldInvalid));
        assertFalse(Files.exists(oldReason), "a file's reason goes with it");
        assertTrue(Files.exists(newInvalid));
        assertFalse(Files.exists(var.resolve("results/acme/job-a-1")));
        assertTrue(Files.exists(var.resolve("results/acme/job-b-1/result.json")));
        assertTrue(Files.exists(serviceLog), "a service's open log is never pruned");
        assertFalse(Files.exists(jobLog));
        assertTrue(Files.exists(liveLog), "a log written a moment ago may be a running app's");
        assertTrue(Files.exists(var.resolve("staging/acme/waiting.csv")), "staging is never pruned");
        assertTrue(Files.exists(otherOld));
        assertEquals(List.of("acme invalid old.csv age", "acme results job-a-1 size", "acme logs job-a-1.log age"), told);

        sweeps.sort(java.util.Comparator.comparing(RetentionSweeper.TenantSweep::tenant));
        Map<String, Long> held = sweeps.get(0).bytesHeld();
        assertEquals(100L, held.get("invalid"));
        assertEquals(600L, held.get("results"));
        assertEquals(20L, held.get("logs"), "the service log and the live log are held, though not pruned");
        assertEquals(70L, held.get("staging"));
        assertEquals(0L, held.get("archive"));
        assertEquals(100L, sweeps.get(1).bytesHeld().get("failed"));
    }
}
