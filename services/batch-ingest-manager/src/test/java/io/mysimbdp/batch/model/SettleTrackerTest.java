package io.mysimbdp.batch.model;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettleTrackerTest {
    @Test
    void aFileIsTakenOnlyAfterItStoppedChangingForTheQuietPeriod() {
        SettleTracker t = new SettleTracker(Duration.ofSeconds(1));
        Path f = Path.of("a.csv");
        Instant t0 = Instant.parse("2026-11-24T09:00:00Z");
        assertFalse(t.observe(f, 100, 1, t0));
        assertFalse(t.observe(f, 200, 2, t0.plusMillis(900)), "still growing");
        assertFalse(t.observe(f, 200, 2, t0.plusMillis(1500)), "quiet for only 0.6 s");
        assertTrue(t.observe(f, 200, 2, t0.plusMillis(1900)));
        assertFalse(t.observe(f, 200, 3, t0.plusMillis(2000)), "touched again");
        t.forget(f);
        assertFalse(t.observe(f, 200, 3, t0.plusMillis(5000)), "forgotten files start over");
    }

    @Test
    void aTenantsOwnQuietPeriodReplacesThePlatformsForItsFiles() throws Exception {
        SettleTracker t = new SettleTracker(Duration.ofSeconds(1));
        io.mysimbdp.common.profile.TenantProfile p = new io.mysimbdp.common.profile.TenantProfile("slow", null, null, null,
                new io.mysimbdp.common.profile.TenantProfile.Batch(
                        new io.mysimbdp.common.profile.TenantProfile.Schedule(null, null, null, Duration.ofSeconds(10)), null, null),
                null, null, null, null);
        Duration quiet = t.quietPeriodOf(p);
        Path f = Path.of("b.csv");
        Instant t0 = Instant.parse("2026-11-24T09:00:00Z");
        assertFalse(t.observe(f, 100, 1, t0, quiet));
        assertFalse(t.observe(f, 100, 1, t0.plusSeconds(3), quiet), "a 3 s pause is not enough for this tenant");
        assertTrue(t.observe(f, 100, 1, t0.plusSeconds(10), quiet));
        assertTrue(Duration.ofSeconds(1).equals(t.quietPeriodOf(null)), "no profile: the platform's");
    }
}
