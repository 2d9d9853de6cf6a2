package io.mysimbdp.streammanager.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.mysimbdp.streammanager.model.LoopTiming.Pass.FULL;
import static io.mysimbdp.streammanager.model.LoopTiming.Pass.SLEEPERS;
import static org.junit.jupiter.api.Assertions.assertEquals;

class LoopTimingTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration RECONCILE = Duration.ofSeconds(2);
    static final Duration CHECK = Duration.ofMillis(250);

    static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    @Test
    void withNothingAsleepTheLoopWaitsForTheNextFullPassOnly() {
        assertEquals(Duration.ofMillis(2000), LoopTiming.nextWait(T0, RECONCILE, CHECK, false, T0));
        assertEquals(Duration.ofMillis(500), LoopTiming.nextWait(T0, RECONCILE, CHECK, false, at(1500)));
        assertEquals(Duration.ZERO, LoopTiming.nextWait(T0, RECONCILE, CHECK, false, at(2600)), "overdue: at once");
    }

    @Test
    void whileATopicSleepsTheLoopLooksAtItsLagEveryCheckIntervalBetweenFullPasses() {
        assertEquals(CHECK, LoopTiming.nextWait(T0, RECONCILE, CHECK, true, T0));
        assertEquals(CHECK, LoopTiming.nextWait(T0, RECONCILE, CHECK, true, at(1000)));
        // never past the full pass
        assertEquals(Duration.ofMillis(100), LoopTiming.nextWait(T0, RECONCILE, CHECK, true, at(1900)));
    }

    @Test
    void noSeparateCheckWhenItIsSwitchedOff() {
        assertEquals(RECONCILE, LoopTiming.nextWait(T0, RECONCILE, Duration.ZERO, true, T0));
        assertEquals(RECONCILE, LoopTiming.nextWait(T0, RECONCILE, null, true, T0));
    }

    @Test
    void aWokenLoopOrAnElapsedIntervalRunsAFullPassOtherwiseOnlyTheSleepersCheck() {
        assertEquals(FULL, LoopTiming.pass(true, T0, RECONCILE, at(10)), "an alert, exit or profile change");
        assertEquals(FULL, LoopTiming.pass(false, T0, RECONCILE, at(2000)));
        assertEquals(SLEEPERS, LoopTiming.pass(false, T0, RECONCILE, at(1999)));
    }
}
