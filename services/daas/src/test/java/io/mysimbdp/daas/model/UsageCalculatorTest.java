package io.mysimbdp.daas.model;

import io.mysimbdp.common.profile.ProfileParser;
import io.mysimbdp.common.profile.ProfileResult;
import io.mysimbdp.common.profile.TenantProfile;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UsageCalculatorTest {
    static TenantProfile profile(String yaml) {
        ProfileResult r = ProfileParser.parse("alpha.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        return ((ProfileResult.Valid) r).profile();
    }

    static final TenantProfile PROFILE = profile("""
            batch:
              apps:
                - {name: listings, command: [x], resources: {cpu: 500m, memory: 512Mi}}
                - {name: other, command: [y], resources: {cpu: "2", memory: 1Gi}}
            """);

    @Test
    void runSecondsTimesDeclaredResources() {
        Usage.Batch b = UsageCalculator.batch(List.of(new AppRunTotals("other", 3, 3.0), new AppRunTotals("listings", 5, 119.0)), PROFILE);

        assertEquals(8, b.attempts());
        assertEquals(122.0, b.runSeconds());
        assertEquals(List.of(new Usage.App("listings", 5, 119.0, "500m", "512Mi", 59.5, 59.5),
                new Usage.App("other", 3, 3.0, "2", "1Gi", 6.0, 3.0)), b.apps());
        assertEquals(65.5, b.cpuCoreSeconds());
        assertEquals(62.5, b.memoryGibSeconds());
        assertTrue(b.notes().isEmpty());
    }

    @Test
    void anAppNoLongerInTheProfileIsCountedButNotWeighed() {
        Usage.Batch b = UsageCalculator.batch(List.of(new AppRunTotals("gone", 2, 10.0), new AppRunTotals("listings", 1, 2.0)), PROFILE);

        assertEquals(12.0, b.runSeconds());
        assertEquals(new Usage.App("gone", 2, 10.0, null, null, null, null), b.apps().get(0));
        assertNull(b.cpuCoreSeconds());
        assertNull(b.memoryGibSeconds());
        assertTrue(b.notes().get(0).contains("'gone' is not in the tenant's current profile"), b.notes().toString());
    }
}
