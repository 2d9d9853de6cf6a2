package io.mysimbdp.batch.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HourlyQuotaTest {
    static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void sumsATenantsAdmissionsOfTheLastHourOnly() {
        HourlyQuota quota = new HourlyQuota();
        quota.admitted("acme", T0, 100);
        quota.admitted("acme", T0.plus(Duration.ofMinutes(30)), 50);
        quota.admitted("other", T0, 7);
        assertEquals(150, quota.bytesInWindow("acme", T0.plus(Duration.ofMinutes(59))));
        assertEquals(150, quota.bytesInWindow("acme", T0.plus(Duration.ofHours(1))), "exactly an hour ago still counts");
        assertEquals(50, quota.bytesInWindow("acme", T0.plus(Duration.ofHours(1)).plusMillis(1)));
        assertEquals(0, quota.bytesInWindow("acme", T0.plus(Duration.ofMinutes(91))));
        assertEquals(7, quota.bytesInWindow("other", T0));
        assertEquals(0, quota.bytesInWindow("nobody", T0));
    }

    @Test
    void aForgottenAdmissionStaysForgotten() {
        HourlyQuota quota = new HourlyQuota(Duration.ofMinutes(10));
        quota.admitted("acme", T0, 100);
        assertEquals(0, quota.bytesInWindow("acme", T0.plus(Duration.ofMinutes(11))));
        assertEquals(0, quota.bytesInWindow("acme", T0), "asking about an earlier time does not bring it back");
    }
}
