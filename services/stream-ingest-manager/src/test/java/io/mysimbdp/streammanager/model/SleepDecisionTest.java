package io.mysimbdp.streammanager.model;

import io.mysimbdp.common.profile.TenantProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.mysimbdp.streammanager.model.SleepDecision.Action.NONE;
import static io.mysimbdp.streammanager.model.SleepDecision.Action.SLEEP;
import static io.mysimbdp.streammanager.model.SleepDecision.Action.WAKE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SleepDecisionTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration IDLE = Duration.ofMinutes(5);
    static final TopicKey KEY = new TopicKey("acme", "orders");

    static GroupOffsets broker(long end, long committed) {
        return new GroupOffsets(KEY, List.of(new GroupOffsets.Partition(0, 0, end, committed)));
    }

    /** The activity after reading the broker at each (second, offsets) in turn. */
    static SleepDecision.Activity seen(Object... secondsAndOffsets) {
        SleepDecision.Activity a = SleepDecision.Activity.start(T0);
        for (int i = 0; i < secondsAndOffsets.length; i += 2) {
            a = a.observe((GroupOffsets) secondsAndOffsets[i + 1], T0.plusSeconds((Integer) secondsAndOffsets[i]));
        }
        return a;
    }

    static SleepDecision.Action awake(SleepDecision.Activity a, GroupOffsets now, long atSecond) {
        return SleepDecision.decide(IDLE, false, false, now, a, T0.plusSeconds(atSecond));
    }

    @Test
    void sleepsOnlyAfterTheIdleTimeWithoutLagOrNewMessages() {
        GroupOffsets caughtUp = broker(100, 100);
        SleepDecision.Activity a = seen(0, caughtUp, 60, caughtUp);
        assertEquals(NONE, awake(a, caughtUp, 299));
        assertEquals(SLEEP, awake(a, caughtUp, 300));
    }

    @Test
    void newMessagesOrLagRestartTheIdleTime() {
        // at 200 s a message arrived and was consumed at once: lag 0 at each read, but the end moved
        SleepDecision.Activity moved = seen(0, broker(100, 100), 200, broker(101, 101));
        assertEquals(NONE, awake(moved, broker(101, 101), 300));
        assertEquals(SLEEP, awake(moved, broker(101, 101), 500));
        SleepDecision.Activity lagged = seen(0, broker(100, 100), 250, broker(100, 90));
        assertEquals(NONE, awake(lagged, broker(100, 100), 400));
        assertEquals(NONE, awake(seen(0, broker(100, 100)), broker(100, 90), 400), "never sleeps with lag");
    }

    @Test
    void neverDecidesBlindOrWithoutAnIdleTime() {
        SleepDecision.Activity a = seen(0, broker(100, 100));
        assertEquals(NONE, awake(a, null, 3600), "the broker did not answer");
        assertEquals(NONE, awake(SleepDecision.Activity.start(T0), broker(100, 100), 3600), "no read seen yet");
        assertEquals(NONE, SleepDecision.decide(null, false, false, broker(100, 100), a, T0.plusSeconds(3600)));
        assertEquals(a, a.observe(null, T0.plusSeconds(10)), "a failed read teaches nothing");
    }

    @Test
    void wakesOnLagOrWhenTheProfileNoLongerAllowsSleep() {
        SleepDecision.Activity a = seen(0, broker(100, 100));
        assertEquals(NONE, SleepDecision.decide(IDLE, true, false, broker(100, 100), a, T0.plusSeconds(9000)));
        assertEquals(WAKE, SleepDecision.decide(IDLE, true, false, broker(101, 100), a, T0.plusSeconds(9000)));
        assertEquals(NONE, SleepDecision.decide(IDLE, true, false, null, a, T0.plusSeconds(9000)), "blind: stays asleep");
        assertEquals(WAKE, SleepDecision.decide(null, true, false, broker(100, 100), a, T0.plusSeconds(9000)));
    }

    @Test
    void anOperatorsStopWins() {
        SleepDecision.Activity a = seen(0, broker(100, 100));
        assertEquals(NONE, SleepDecision.decide(IDLE, false, true, broker(100, 100), a, T0.plusSeconds(9000)));
        assertEquals(NONE, SleepDecision.decide(IDLE, true, true, broker(500, 100), a, T0.plusSeconds(9000)));
    }

    @Test
    void theIdleTimeComesFromAProfileWithMinInstancesZero() {
        var app = new TenantProfile.StreamApp(null, null, 0, 2, null, null, null, IDLE);
        TopicPlan zero = new TopicPlan(KEY, List.of(new TopicSpec("acme.orders", 2)), new InstanceBounds(0, 2), null, app,
                List.of(), null);
        assertEquals(IDLE, SleepDecision.idleTime(zero));
        TopicPlan one = new TopicPlan(KEY, zero.kafkaTopics(), new InstanceBounds(1, 2), null, app, List.of(), null);
        assertNull(SleepDecision.idleTime(one));
        assertNull(SleepDecision.idleTime(null));
    }
}
