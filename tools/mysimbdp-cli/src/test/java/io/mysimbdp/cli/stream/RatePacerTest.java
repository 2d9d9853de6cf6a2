package io.mysimbdp.cli.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RatePacerTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long MILLI = 1_000_000L;
    private static final Duration BURST = Duration.ofSeconds(1);

    @Test
    void unlimitedNeverWaits() {
        RatePacer pacer = RatePacer.of(0, BURST);
        for (int i = 0; i < 1000; i++) {
            assertEquals(0, pacer.reserve(0));
        }
    }

    @Test
    void messagesAreSpacedByTheInterval() {
        RatePacer pacer = RatePacer.of(1000, BURST);
        long start = 5 * SECOND;

        assertEquals(0, pacer.reserve(start));
        assertEquals(MILLI, pacer.reserve(start));
        assertEquals(2 * MILLI, pacer.reserve(start));
        // the caller slept a bit less than asked: it waits the rest
        assertEquals(MILLI / 2, pacer.reserve(start + 5 * MILLI / 2));
    }

    @Test
    void fractionalRates() {
        RatePacer pacer = RatePacer.of(0.5, BURST);

        assertEquals(0, pacer.reserve(0));
        assertEquals(2 * SECOND, pacer.reserve(0));
    }

    @Test
    void sleepsThatAlwaysOvershootDoNotLowerTheRate() {
        // 10 000 msgs/s is a slot every 100 µs; a park that returns 60 µs late is typical on Linux
        RatePacer pacer = RatePacer.of(10_000, BURST);
        long overshoot = 60_000;
        long now = 0;
        int messages = 100_000;
        for (int i = 0; i < messages; i++) {
            long wait = pacer.reserve(now);
            if (wait > 0) {
                now += wait + overshoot;
            }
        }
        // 100 000 messages at 10 000/s: 10 s, give or take the last slot and one overshoot
        assertEquals(10 * SECOND, now, 200_000);
    }

    @Test
    void aSenderThatSleepsExactlyKeepsTheRateForHours() {
        RatePacer pacer = RatePacer.of(3, BURST);
        long now = 0;
        long messages = 3 * 3600 * 5 + 1;
        for (long i = 0; i < messages; i++) {
            now += pacer.reserve(now);
        }
        // message n is due at n/3 s, computed from n: no rounding error piles up over 5 hours
        assertEquals(5 * 3600 * SECOND, now, 1);
    }

    @Test
    void afterAStallOnlyOneBurstIsSentAtOnce() {
        RatePacer pacer = RatePacer.of(100, BURST);
        pacer.reserve(0);
        long afterStall = 10 * SECOND;

        int immediate = 0;
        while (pacer.reserve(afterStall) == 0) {
            immediate++;
        }
        // one second's worth (100) plus the slot due right now, not the ~1000 missed in 10 s
        assertEquals(101, immediate);
    }

    @Test
    void aNegativeRateIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RatePacer.of(-1, BURST));
        assertThrows(IllegalArgumentException.class, () -> RatePacer.of(Double.NaN, BURST));
    }
}
