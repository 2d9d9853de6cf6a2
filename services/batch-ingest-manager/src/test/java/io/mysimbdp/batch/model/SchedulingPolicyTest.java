package io.mysimbdp.batch.model;

import io.mysimbdp.common.profile.TenantProfile;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchedulingPolicyTest {
    static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");
    static final Instant NOW = T0.plusSeconds(100);

    static TenantProfile tenant(String id, int priority, int weight, int maxJobs, int appCap) {
        return new TenantProfile(id, priority, weight,
                new TenantProfile.Constraints(null, null, null, null, maxJobs),
                new TenantProfile.Batch(null, List.of(new TenantProfile.BatchApp("app", null, null, null, null, null, appCap, null, null)), null),
                null, null, null, null);
    }

    static JobView job(String id, String tenant, int readySecond) {
        return new JobView(id, tenant, "app", T0.plusSeconds(readySecond), T0.plusSeconds(readySecond), null);
    }

    static final Map<String, TenantProfile> PROFILES = Map.of(
            "low", tenant("low", 1, 1, 4, 4),
            "high", tenant("high", 9, 1, 4, 4),
            "heavy", tenant("heavy", 0, 3, 4, 4));
    static final SchedulingPolicy.Running IDLE = new SchedulingPolicy.Running(0, Map.of(), Map.of());

    static String pick(SchedulingPolicy p, List<JobView> waiting, SchedulingPolicy.Running running) {
        return p.pickNext(waiting, running, PROFILES, 4, NOW).map(JobView::id).orElse(null);
    }

    @Test
    void fcfsTakesTheJobReadyFirst() {
        assertEquals("a", pick(SchedulingPolicy.FCFS, List.of(job("b", "high", 5), job("a", "low", 1)), IDLE));
    }

    @Test
    void priorityTakesTheHighestPriorityTenantThenTheOldest() {
        assertEquals("b", pick(SchedulingPolicy.PRIORITY, List.of(job("a", "low", 1), job("c", "high", 9), job("b", "high", 5)), IDLE));
    }

    @Test
    void weightedFairBalancesRunningJobsByWeight() {
        // heavy (weight 3) with 2 running: (2+1)/3 = 1.0; low (weight 1) with 1 running: (1+1)/1 = 2.0
        var running = new SchedulingPolicy.Running(3, Map.of("heavy", 2, "low", 1), Map.of("heavy/app", 2, "low/app", 1));
        assertEquals("h", pick(SchedulingPolicy.WEIGHTED_FAIR, List.of(job("l", "low", 1), job("h", "heavy", 5)), running));
        // with nothing running, low and heavy both score ≤ 1: heavy (1/3) first
        assertEquals("h", pick(SchedulingPolicy.WEIGHTED_FAIR, List.of(job("l", "low", 1), job("h", "heavy", 5)), IDLE));
    }

    @Test
    void everyPolicyHonoursTheCaps() {
        var tenantFull = new SchedulingPolicy.Running(1, Map.of("x", 1), Map.of("x/app", 1));
        Map<String, TenantProfile> one = Map.of("x", tenant("x", 0, 1, 1, 5), "y", tenant("y", 0, 1, 5, 1));
        for (SchedulingPolicy p : SchedulingPolicy.values()) {
            assertEquals("y1", p.pickNext(List.of(job("x1", "x", 0), job("y1", "y", 5)), tenantFull, one, 4, NOW).map(JobView::id).orElse(null));
            var appFull = new SchedulingPolicy.Running(1, Map.of("y", 1), Map.of("y/app", 1));
            assertTrue(p.pickNext(List.of(job("y2", "y", 0)), appFull, one, 4, NOW).isEmpty(), p + " app cap");
            var globalFull = new SchedulingPolicy.Running(4, Map.of(), Map.of());
            assertTrue(p.pickNext(List.of(job("y2", "y", 0)), globalFull, one, 4, NOW).isEmpty(), p + " global cap");
        }
    }

    @Test
    void jobsWaitForTheirWindowAndBackoffAndForAnActiveProfile() {
        var notReady = new JobView("a", "low", "app", T0, NOW.plusSeconds(1), null);
        var backingOff = new JobView("b", "low", "app", T0, T0, NOW.plusSeconds(5));
        var offboarded = job("c", "gone", 0);
        assertTrue(SchedulingPolicy.FCFS.pickNext(List.of(notReady, backingOff, offboarded), IDLE, PROFILES, 4, NOW).isEmpty());
        assertEquals(SchedulingPolicy.WEIGHTED_FAIR, SchedulingPolicy.parse("weighted-fair"));
    }

    static TenantProfile twoApps(int tenantCap, int heavyCap, int lightCap) {
        return new TenantProfile("t", 0, 1, new TenantProfile.Constraints(null, null, null, null, tenantCap),
                new TenantProfile.Batch(null, List.of(
                        new TenantProfile.BatchApp("heavy", null, null, null, null, null, heavyCap, null, null),
                        new TenantProfile.BatchApp("light", null, null, null, null, null, lightCap, null, null)), null),
                null, null, null, null);
    }

    static JobView appJob(String id, String app, int readySecond) {
        return new JobView(id, "t", app, T0.plusSeconds(readySecond), T0.plusSeconds(readySecond), null);
    }

    @Test
    void aBusyHeavyAppLeavesTheTenantsLastSlotToItsWaitingLightApp() {
        Map<String, TenantProfile> profiles = Map.of("t", twoApps(2, 2, 2));
        var oneHeavyRunning = new SchedulingPolicy.Running(1, Map.of("t", 1), Map.of("t/heavy", 1));
        for (SchedulingPolicy p : SchedulingPolicy.values()) {
            // the older heavy job would take the last slot under every order; the light one goes first
            assertEquals("l1", p.pickNext(List.of(appJob("h2", "heavy", 0), appJob("l1", "light", 5)),
                    oneHeavyRunning, profiles, 8, NOW).map(JobView::id).orElse(null), p.name());
            // with no light job waiting, the heavy app may use the slot
            assertEquals("h2", p.pickNext(List.of(appJob("h2", "heavy", 0)), oneHeavyRunning, profiles, 8, NOW)
                    .map(JobView::id).orElse(null), p.name());
        }
    }

    @Test
    void idleAppsAlwaysGetAFreeSlotAndTheReservationCountsEachIdleAppOnce() {
        var profiles = Map.of("t", twoApps(1, 1, 1));
        // a tenant cap of 1: nothing runs, both apps idle, the oldest job runs (no deadlock)
        assertEquals("h1", SchedulingPolicy.FCFS.pickNext(List.of(appJob("h1", "heavy", 0), appJob("l1", "light", 5)),
                IDLE, profiles, 8, NOW).map(JobView::id).orElse(null));
        var runnable = List.of(appJob("h2", "heavy", 0), appJob("l1", "light", 1), appJob("l2", "light", 2));
        var heavyRunning = new SchedulingPolicy.Running(1, Map.of("t", 1), Map.of("t/heavy", 1));
        assertEquals(1, SchedulingPolicy.reservedForIdleApps(runnable.get(0), heavyRunning, runnable));
        var lightRunning = new SchedulingPolicy.Running(2, Map.of("t", 2), Map.of("t/heavy", 1, "t/light", 1));
        assertEquals(0, SchedulingPolicy.reservedForIdleApps(runnable.get(0), lightRunning, runnable));
    }
}
