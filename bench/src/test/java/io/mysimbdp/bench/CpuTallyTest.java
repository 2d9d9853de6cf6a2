package io.mysimbdp.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CpuTallyTest {
    @Test
    void countsFromTheStartForOldProcessesAndWholeLivesForNewOnes() {
        CpuTally tally = new CpuTally(Map.of(1L, 10.0, 2L, 5.0));
        tally.observe(Map.of(1L, 12.0, 2L, 5.5, 3L, 0.8));   // 3: a batch job started in the window
        tally.observe(Map.of(1L, 13.0, 2L, 6.0));            // 3 has exited: its last reading stays
        assertEquals(3.0 + 1.0 + 0.8, tally.seconds(), 1e-9);
    }

    @Test
    void nothingObservedIsNothingSpent() {
        assertEquals(0, new CpuTally(Map.of(1L, 10.0)).seconds(), 1e-9);
    }
}
