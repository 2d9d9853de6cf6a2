package io.mysimbdp.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PercentilesTest {
    @Test
    void nearestRankOfOneToHundred() {
        List<Double> sample = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            sample.add((double) i);
        }
        assertEquals(50.0, Percentiles.of(sample, 50));
        assertEquals(99.0, Percentiles.of(sample, 99));
        assertEquals(100.0, Percentiles.of(sample, 100));
    }

    @Test
    void oneValueIsEveryPercentile() {
        assertEquals(7.0, Percentiles.of(List.of(7.0), 1));
        assertEquals(7.0, Percentiles.of(List.of(7.0), 99));
    }

    @Test
    void emptySampleIsNaNAndBadPercentIsRefused() {
        assertTrue(Double.isNaN(Percentiles.of(List.of(), 50)));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.of(List.of(1.0), 0));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.of(List.of(1.0), 101));
    }
}
