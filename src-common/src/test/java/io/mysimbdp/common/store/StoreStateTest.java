package io.mysimbdp.common.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoreStateTest {
    private static final Instant T0 = Instant.parse("2026-12-06T20:00:00Z");

    @Test
    void unreachableSinceIsTheFirstFailedPingOfTheOutageAndClearsWhenItAnswers() {
        StoreState s = StoreState.UNKNOWN.after(null, T0);
        assertTrue(s.up());
        assertNull(s.unreachableSince());

        s = s.after("MongoTimeoutException: timed out", T0.plusSeconds(5));
        assertFalse(s.up());
        assertEquals(T0.plusSeconds(5), s.unreachableSince());

        s = s.after("MongoSocketOpenException: refused", T0.plusSeconds(10));
        assertEquals(T0.plusSeconds(5), s.unreachableSince());            // still the same outage
        assertEquals("MongoSocketOpenException: refused", s.lastError());

        s = s.after(null, T0.plusSeconds(15));
        assertTrue(s.up());
        assertEquals(T0.plusSeconds(15), s.since());
        assertNull(s.lastError());
        assertEquals(s, s.after(null, T0.plusSeconds(20)));               // up since the recovery
    }

    @Test
    void aStoreDownAtTheFirstPingIsUnreachableFromThen() {
        StoreState s = StoreState.UNKNOWN.after("refused", T0);
        assertFalse(s.up());
        assertEquals(T0, s.unreachableSince());
    }
}
