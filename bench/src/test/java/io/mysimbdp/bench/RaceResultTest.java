package io.mysimbdp.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RaceResultTest {
    @Test
    void theSpanRunsFromTheFirstDocumentSeenToTheLast() {
        assertEquals(2.5, RaceResult.span(1_000_000_000L, 3_500_000_000L, Duration.ofMillis(100)), 1e-9);
    }

    @Test
    void aDrainWithinOnePollCountsAsOnePoll() {
        // all documents appeared between two polls: the poller cannot tell the span finer than its interval
        assertEquals(0.1, RaceResult.span(5_000L, 5_000L, Duration.ofMillis(100)), 1e-9);
    }

    @Test
    void aLastBeforeTheFirstIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RaceResult.span(10, 5, Duration.ofMillis(100)));
    }

    @Test
    void ratesAndCostsPerMillionComeFromTheSameSpan() {
        RaceResult r = new RaceResult("x", 500_000, 20, 15, 300, 40, 2);
        assertEquals(25_000, r.messagesPerSecond(), 1e-9);
        assertEquals(30, r.cpuSecondsPerMillion(), 1e-9);
        assertEquals(80, r.storeCpuSecondsPerMillion(), 1e-9);
    }

    @Test
    void theDetailSaysWhenTheStoresCpuIsUnknown() {
        RaceResult known = new RaceResult("x", 1_000_000, 10, 20, 512, 30, 1);
        assertEquals("1,000,000 msgs in 10.0 s; 20.0 CPU s/M; store 30.0 CPU s/M; peak RSS 512 MiB in 1 process", known.detail());
        RaceResult external = new RaceResult("x", 1_000_000, 10, 20, 512, Double.NaN, 3);
        assertTrue(external.detail().contains("store CPU n/a (MONGODB_URI)") && external.detail().endsWith("in 3 processes"),
                external.detail());
    }
}
