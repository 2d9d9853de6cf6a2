package io.mysimbdp.bench;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FleetCostTest {
    static final FleetCost.Window BASELINE = new FleetCost.Window(20, 2, 1_000);   // 10% of a core, 1,000 MiB

    static FleetCost.Step fiveTenants() {
        return new FleetCost.Step(5, new FleetCost.Window(20, 4, 2_000), new FleetCost.Window(40, 40, 2_500),
                5 * 20 * 30, 31, 5 * 3 * 700, 7);
    }

    @Test
    void aTenantCostsItsShareOfWhatTheStepAddsToTheBaseline() {
        FleetCost.PerTenant t = FleetCost.perTenant(BASELINE, fiveTenants());
        assertEquals(200, t.idleRssMib(), 1e-9);          // (2000 - 1000) / 5
        assertEquals(2, t.idleCpuPercent(), 1e-9);        // (20% - 10%) / 5
        assertEquals(300, t.loadRssMib(), 1e-9);          // (2500 - 1000) / 5
        assertEquals(18, t.loadCpuPercent(), 1e-9);       // (100% - 10%) / 5
        assertEquals(600 / 31.0, t.messagesPerSecond(), 1e-9);
        assertEquals(300, t.rowsPerSecond(), 1e-9);       // 2100 rows per tenant in 7 s
    }

    @Test
    void aStepWithoutTenantsIsRefused() {
        FleetCost.Step none = new FleetCost.Step(0, BASELINE, BASELINE, 0, 1, 0, 1);
        assertThrows(IllegalArgumentException.class, () -> FleetCost.perTenant(BASELINE, none));
    }

    @Test
    void theFiguresOfAStepAreKeyedByItsSize() {
        List<String> keys = FleetCost.keys(20);
        List<Double> values = FleetCost.values(FleetCost.perTenant(BASELINE, fiveTenants()));
        assertEquals(keys.size(), values.size());
        assertEquals("fleet_20_idle_rss_mib_per_tenant", keys.get(0));
        assertEquals("fleet_20_msgs_per_s_per_tenant", keys.get(4));
        assertEquals(200, values.get(0), 1e-9);
    }

    @Test
    void theDetailNamesEveryFigure() {
        String detail = FleetCost.perTenant(BASELINE, fiveTenants()).detail();
        assertEquals("idle (asleep: no instance) 200 MiB, 2.00% of a core; under load 300 MiB, 18.0% of a core; 19.4 msgs/s and 300 rows/s per tenant", detail);
    }

    @Test
    void theSanityCheckWantsEverySizeAndLetsIdleCpuBeNoise() {
        Map<String, Double> f = new HashMap<>();
        List<String> keys = FleetCost.keys(1);
        List<Double> values = FleetCost.values(new FleetCost.PerTenant(1, 150, -0.01, 180, 5, 10, 200));
        for (int i = 0; i < keys.size(); i++) {
            f.put(keys.get(i), values.get(i));
        }
        assertTrue(SanityCheck.fleetProblems(f, List.of(1)).isEmpty(), SanityCheck.fleetProblems(f, List.of(1)).toString());
        assertEquals(6, SanityCheck.fleetProblems(f, List.of(1, 2)).size());
        f.put("fleet_1_msgs_per_s_per_tenant", 0.0);
        f.put("fleet_1_idle_cpu_pct_per_tenant", Double.NaN);
        assertEquals(List.of("fleet_1_idle_cpu_pct_per_tenant is NaN, expected a number",
                "fleet_1_msgs_per_s_per_tenant is 0.0, expected a positive number"), SanityCheck.fleetProblems(f, List.of(1)));
    }
}
