package io.mysimbdp.daas.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeBoundTest {
    static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    @Test
    void instantsDatesAndDurationsBackFromNow() {
        assertEquals(Instant.parse("2025-01-31T12:00:00Z"), TimeBound.parse("since", "2025-01-31T12:00:00Z", NOW));
        assertEquals(Instant.parse("2025-01-31T00:00:00Z"), TimeBound.parse("since", "2025-01-31", NOW));
        assertEquals(Instant.parse("2025-03-01T11:00:00Z"), TimeBound.parse("since", "1h", NOW));
        assertEquals(Instant.parse("2025-02-22T12:00:00Z"), TimeBound.parse("since", "7d", NOW));
        assertEquals(Instant.parse("2025-03-01T11:30:00Z"), TimeBound.parse("since", "PT30M", NOW));
        assertNull(TimeBound.parse("since", null, NOW));
        assertNull(TimeBound.parse("since", "", NOW));
    }

    @Test
    void unreadableBoundsNameTheParameter() {
        String m = assertThrows(IllegalArgumentException.class, () -> TimeBound.parse("from", "yesterday", NOW)).getMessage();
        assertTrue(m.startsWith("from='yesterday' is neither"), m);
        assertThrows(IllegalArgumentException.class, () -> TimeBound.parse("since", "2025-13-01", NOW));
    }
}
