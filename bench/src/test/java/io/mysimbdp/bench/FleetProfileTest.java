package io.mysimbdp.bench;

import io.mysimbdp.common.profile.ProfileParser;
import io.mysimbdp.common.profile.ProfileResult;
import io.mysimbdp.common.profile.TenantProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FleetProfileTest {
    @Test
    void fleetTenantsScaleToZeroWhenIdle() {
        String yaml = FleetBench.profile();
        ProfileResult result = ProfileParser.parse("fleet01.yaml", yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        TenantProfile p = assertInstanceOf(ProfileResult.Valid.class, result, result.toString()).profile();
        assertEquals(0, p.stream().app().minInstances());
        assertEquals(Duration.ofSeconds(5), p.stream().app().scaleToZeroAfter());
    }

    @Test
    void aProfileWithoutTheExpectedLineIsRefusedNotSilentlyKeptAwake() {
        assertThrows(IllegalStateException.class, () -> FleetBench.scaledToZeroWhenIdle("stream:\n  app:\n    minInstances: 2\n"));
    }
}
