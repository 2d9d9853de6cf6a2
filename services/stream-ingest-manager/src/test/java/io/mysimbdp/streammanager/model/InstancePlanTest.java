package io.mysimbdp.streammanager.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.mysimbdp.streammanager.model.InstancePlan.Status.STOPPING;
import static io.mysimbdp.streammanager.model.InstancePlan.Status.WAITING_RESTART;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstancePlanTest {
    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    static final InstancePlan.Slot RUNNING = InstancePlan.Slot.running();

    @Test
    void startsTheMissingNumbers() {
        InstancePlan p = InstancePlan.plan(3, Map.of(2, RUNNING), NOW);
        assertEquals(List.of(1, 3), p.start());
        assertTrue(p.stop().isEmpty() && p.forget().isEmpty());
        assertTrue(InstancePlan.plan(2, Map.of(1, RUNNING, 2, RUNNING), NOW).isEmpty());
    }

    @Test
    void scalingInStopsTheHighestNumbersFirst() {
        InstancePlan p = InstancePlan.plan(1, Map.of(1, RUNNING, 2, RUNNING, 3, RUNNING), NOW);
        assertEquals(List.of(3, 2), p.stop());
        assertTrue(p.start().isEmpty());
        assertEquals(List.of(2, 1), InstancePlan.plan(0, Map.of(1, RUNNING, 2, RUNNING), NOW).stop());
    }

    @Test
    void aDeadInstanceRestartsOnlyAfterItsBackoff() {
        var waiting = new InstancePlan.Slot(WAITING_RESTART, NOW.plusSeconds(2), false);
        assertTrue(InstancePlan.plan(1, Map.of(1, waiting), NOW).isEmpty());
        assertEquals(List.of(1), InstancePlan.plan(1, Map.of(1, waiting), NOW.plusSeconds(2)).start());
        // scaled in meanwhile: the slot is forgotten, not restarted
        assertEquals(List.of(2), InstancePlan.plan(1, Map.of(1, RUNNING, 2, waiting), NOW).forget());
    }

    @Test
    void aStoppingInstanceIsAwaitedBeforeItsNumberIsReused() {
        var stopping = new InstancePlan.Slot(STOPPING, null, false);
        assertTrue(InstancePlan.plan(2, Map.of(1, RUNNING, 2, stopping), NOW).isEmpty());
        assertTrue(InstancePlan.plan(1, Map.of(1, RUNNING, 2, stopping), NOW).isEmpty());
    }

    @Test
    void anInstanceWithAnOutdatedSpecIsReplaced() {
        var outdated = new InstancePlan.Slot(InstancePlan.Status.RUNNING, null, true);
        InstancePlan p = InstancePlan.plan(2, Map.of(1, RUNNING, 2, outdated), NOW);
        assertEquals(List.of(2), p.stop());
        assertTrue(p.start().isEmpty());
    }

    @Test
    void restartBackoffDoublesUpToItsCap() {
        Duration base = Duration.ofSeconds(1);
        Duration max = Duration.ofSeconds(10);
        assertEquals(Duration.ofSeconds(1), RestartBackoff.delay(1, base, max));
        assertEquals(Duration.ofSeconds(2), RestartBackoff.delay(2, base, max));
        assertEquals(Duration.ofSeconds(8), RestartBackoff.delay(4, base, max));
        assertEquals(max, RestartBackoff.delay(5, base, max));
        assertEquals(max, RestartBackoff.delay(200, base, max));
        assertEquals(3, RestartBackoff.nextFailures(2, Duration.ofSeconds(5), Duration.ofMinutes(1)));
        assertEquals(1, RestartBackoff.nextFailures(7, Duration.ofMinutes(2), Duration.ofMinutes(1)));
    }
}
