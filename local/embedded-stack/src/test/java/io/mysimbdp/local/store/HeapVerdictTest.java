package io.mysimbdp.local.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeapVerdictTest {

    static final long MAX = 1000;

    @Test
    void refusesFromTheLimitAndAcceptsAgainOnlyBelowTheResumeMark() {
        assertFalse(HeapVerdict.decide(849, MAX, false, 85, 75).refusing());
        HeapVerdict full = HeapVerdict.decide(850, MAX, false, 85, 75);
        assertTrue(full.refusing());
        assertEquals(85, full.usedPercent());
        // between the marks the state stays what it was: no flapping at the edge
        assertTrue(HeapVerdict.decide(800, MAX, true, 85, 75).refusing());
        assertFalse(HeapVerdict.decide(800, MAX, false, 85, 75).refusing());
        assertTrue(HeapVerdict.decide(750, MAX, true, 85, 75).refusing());
        assertFalse(HeapVerdict.decide(749, MAX, true, 85, 75).refusing());
    }

    @Test
    void percentIsCappedAndThresholdsAreChecked() {
        assertEquals(100, HeapVerdict.decide(5000, MAX, false, 85, 75).usedPercent());
        assertThrows(IllegalArgumentException.class, () -> HeapVerdict.decide(1, 0, false, 85, 75));
        assertThrows(IllegalArgumentException.class, () -> HeapVerdict.decide(1, MAX, false, 75, 75));
    }
}
