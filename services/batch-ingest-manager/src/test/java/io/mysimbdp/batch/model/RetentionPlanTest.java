package io.mysimbdp.batch.model;

import io.mysimbdp.common.profile.TenantProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetentionPlanTest {
    static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    static RetentionPlan.Entry e(String name, int daysOld, long bytes) {
        return new RetentionPlan.Entry(name, NOW.minus(Duration.ofDays(daysOld)), bytes);
    }

    static List<String> names(List<RetentionPlan.Pruned> p) {
        return p.stream().map(x -> x.entry().name() + ":" + x.why()).toList();
    }

    @Test
    void prunesWhatIsOlderThanTheMaximumAge() {
        var plan = RetentionPlan.decide(List.of(e("new", 1, 10), e("old", 40, 10), e("edge", 30, 10)), NOW,
                new RetentionPlan.Limits(Duration.ofDays(30), 1_000));
        assertEquals(List.of("old:age"), names(plan));
    }

    @Test
    void prunesTheOldestUntilTheAreaFitsItsMaximumBytes() {
        var plan = RetentionPlan.decide(List.of(e("a", 3, 400), e("b", 2, 400), e("c", 1, 400), e("d", 0, 100)), NOW,
                new RetentionPlan.Limits(Duration.ofDays(30), 600));
        assertEquals(List.of("a:size", "b:size"), names(plan));
    }

    @Test
    void ageFirstThenSizeOnWhatIsLeft() {
        var plan = RetentionPlan.decide(List.of(e("ancient", 90, 5_000), e("a", 3, 400), e("b", 1, 400)), NOW,
                new RetentionPlan.Limits(Duration.ofDays(7), 500));
        assertEquals(List.of("ancient:age", "a:size"), names(plan));
    }

    @Test
    void nothingToPruneWithinBothLimits() {
        assertEquals(List.of(), RetentionPlan.decide(List.of(e("a", 1, 10)), NOW, new RetentionPlan.Limits(Duration.ofDays(1), 10)));
    }

    @Test
    void theProfileOverridesThePlatformPerField() {
        assertEquals(new RetentionPlan.Limits(Duration.ofDays(7), 100),
                RetentionPlan.limits(new TenantProfile.Retention(Duration.ofDays(7), null), Duration.ofDays(30), 100));
        assertEquals(new RetentionPlan.Limits(Duration.ofDays(30), 5),
                RetentionPlan.limits(new TenantProfile.Retention(null, 5L), Duration.ofDays(30), 100));
        assertEquals(new RetentionPlan.Limits(Duration.ofDays(30), 100), RetentionPlan.limits(null, Duration.ofDays(30), 100));
    }
}
