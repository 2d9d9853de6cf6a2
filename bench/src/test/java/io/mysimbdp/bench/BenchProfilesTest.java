package io.mysimbdp.bench;

import org.junit.jupiter.api.Test;

import io.mysimbdp.common.profile.ProfileParser;
import io.mysimbdp.common.profile.ProfileResult;
import io.mysimbdp.common.profile.TenantProfile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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

    @Test
    void theSameWorkTenantHasOneMongodbSinkAndNoQualityRules() {
        String text = BenchProfiles.sameWork();
        ProfileResult result = ProfileParser.parse(StreamRace.SAME_WORK_TENANT + ".yaml", text.getBytes(StandardCharsets.UTF_8));
        ProfileResult.Valid valid = assertInstanceOf(ProfileResult.Valid.class, result, result.toString());
        TenantProfile.Stream stream = valid.profile().stream();
        assertEquals(1, stream.sinks().size());
        assertEquals("mongodb", stream.sinks().get(0).type());
        assertEquals(StreamRace.SAME_WORK.topic(), stream.topics().get(0).name());
        assertNull(valid.profile().quality());
    }

    @Test
    void theStackGetsTheSameWorkTenantBesideTheExamples() throws Exception {
        Path tenants = Path.of("..", "config", "tenants");
        java.util.Map<String, String> examples = new java.util.LinkedHashMap<>();
        for (String t : BatchBench.TENANTS) {
            examples.put(t, Files.readString(tenants.resolve(t + ".yaml")));
        }
        assertEquals(BenchProfiles.sameWork(), BenchProfiles.all(examples).get(StreamRace.SAME_WORK_TENANT));
    }

    @Test
    void theFleetTenantsProfileIsValidWithOneStreamInstanceAndOneBatchApp() {
        ProfileResult result = ProfileParser.parse(FleetBench.tenant(7) + ".yaml", FleetBench.profile().getBytes(StandardCharsets.UTF_8));
        ProfileResult.Valid valid = assertInstanceOf(ProfileResult.Valid.class, result, result.toString());
        assertEquals("fleet07", FleetBench.tenant(7));
        TenantProfile.Stream stream = valid.profile().stream();
        assertEquals(FleetBench.TOPIC, stream.topics().get(0).name());
        assertEquals(1, stream.app().maxInstances());
        assertEquals(1, valid.profile().batch().apps().size());
        assertNull(valid.profile().quality());
    }
}
