package io.mysimbdp.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchProfilesTest {
    @Test
    void raisesOnlyTheAdmissionLimits() {
        String profile = "constraints:\n  fileTypes: [csv]\n  maxStagedFiles: 5\n  maxFileSize: 10MiB   # note\n"
                + "  maxBytesPerHour: 1GiB\n  maxConcurrentJobs: 1\n";
        String raised = BenchProfiles.raiseLimits("t", profile);
        assertEquals("constraints:\n  fileTypes: [csv]\n  maxStagedFiles: 5000\n  maxFileSize: 2GiB   # note\n"
                + "  maxBytesPerHour: 1000GiB\n  maxConcurrentJobs: 1\n", raised);
    }

    @Test
    void aProfileWithoutTheLimitIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchProfiles.raiseLimits("tenant9", "constraints:\n  maxStagedFiles: 5\n"));
        assertTrue(e.getMessage().contains("tenant9") && e.getMessage().contains("maxFileSize"), e.getMessage());
    }

    @Test
    void theShippedExamplesCanBeRaised() throws Exception {
        Path tenants = Path.of("..", "config", "tenants");
        for (String t : BatchBench.TENANTS) {
            String raised = BenchProfiles.raiseLimits(t, Files.readString(tenants.resolve(t + ".yaml")));
            assertTrue(raised.contains("maxStagedFiles: 5000"), raised);
        }
    }
}
