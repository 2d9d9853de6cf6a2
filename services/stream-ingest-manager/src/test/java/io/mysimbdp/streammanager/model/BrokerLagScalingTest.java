package io.mysimbdp.streammanager.model;

import io.mysimbdp.common.profile.TenantProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrokerLagScalingTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration WINDOW = Duration.ofSeconds(30); // 3 reports of 10 s
    static final Duration COOLDOWN = Duration.ofSeconds(60);
    static final InstanceBounds BOUNDS = new InstanceBounds(1, 3);
    /** scaleOutLag 1000, scaleInLag 100. */
    static final TenantProfile.Scaling SCALING = new TenantProfile.Scaling(1000L, null, 100L, 3, COOLDOWN, null);

    /** Broker lag read every 2 s from T0 on, one value per read. */
    static LagWindow reads(long... lags) {
        LagWindow w = LagWindow.empty();
        for (int i = 0; i < lags.length; i++) {
            w = w.add(T0.plusSeconds(2L * i), lags[i], WINDOW);
        }
        return w;
    }

    static Instant afterRead(int reads) {
        return T0.plusSeconds(2L * (reads - 1));
    }

    static long[] growing(int reads, long from, long step) {
        long[] out = new long[reads];
        for (int i = 0; i < reads; i++) {
            out[i] = from + i * step;
        }
        return out;
    }

    static Optional<ScalingDecision> decide(LagWindow w, int current, Instant lastScaleAt, Instant now) {
        return BrokerLagScaling.decide(w, SCALING, WINDOW, current, BOUNDS, false, false, lastScaleAt, COOLDOWN, now);
    }

    @Test
    void aDeadOrHungAppWithAGrowingBacklogStillScalesOut() {
        // no report at all (the app is frozen): only the broker's lag, growing by 500 a read
        LagWindow w = reads(growing(16, 2000, 500));
        ScalingDecision d = decide(w, 1, null, afterRead(16)).orElseThrow();
        assertEquals(ScalingDecision.Action.SCALE_OUT, d.action());
        assertEquals(2, d.to());
        assertTrue(d.reason().contains("broker lag") && d.reason().contains("scaleOutLag 1000"), d.reason());
    }

    @Test
    void theLagMustStayHighForTheWholeWindow() {
        assertTrue(decide(reads(growing(10, 2000, 500)), 1, null, afterRead(10)).isEmpty(), "18 s of reads, the window is 30 s");
        long[] dip = growing(20, 2000, 500); // 38 s of reads: the window is the last 30 s (from the 5th read on)
        dip[15] = 900;
        assertTrue(decide(reads(dip), 1, null, afterRead(20)).isEmpty(), "one read under scaleOutLag inside the window");
        dip[2] = 900; // before the window: forgotten
        dip[15] = 2000;
        assertTrue(decide(reads(dip), 1, null, afterRead(20)).isPresent());
    }

    @Test
    void boundsCooldownStopAndSleepWin() {
        LagWindow high = reads(growing(16, 5000, 0));
        Instant now = afterRead(16);
        assertTrue(decide(high, 3, null, now).isEmpty(), "at maxInstances");
        assertTrue(decide(high, 1, now.minusSeconds(59), now).isEmpty(), "cooldown");
        assertTrue(decide(high, 1, now.minusSeconds(60), now).isPresent());
        assertTrue(BrokerLagScaling.decide(high, SCALING, WINDOW, 1, BOUNDS, true, false, null, COOLDOWN, now).isEmpty(),
                "stopped by an operator");
        assertTrue(BrokerLagScaling.decide(high, SCALING, WINDOW, 0, new InstanceBounds(0, 3), false, true, null, COOLDOWN, now)
                .isEmpty(), "asleep: waking is SleepDecision's");
    }

    @Test
    void aReportedLagOfZeroFromAFrozenAppNoLongerHidesTheBacklog() {
        // the monitor saw lag 0 in the (stale) reports and asks to scale in; the broker shows 5,000 waiting
        ScalingDecision in = new ScalingDecision(ScalingDecision.Action.SCALE_IN, 2, 1, "SCALE_IN 2 -> 1: consumer lag [0, 0, 0]");
        ScalingDecision d = BrokerLagScaling.vetoScaleIn(in, 5000L, SCALING.scaleInLag());
        assertEquals(ScalingDecision.Action.IGNORED_BACKLOG, d.action());
        assertEquals(2, d.to());
        assertTrue(d.reason().contains("5000"), d.reason());
        assertSame(in, BrokerLagScaling.vetoScaleIn(in, 99L, SCALING.scaleInLag()), "below scaleInLag: scales in");
        assertSame(in, BrokerLagScaling.vetoScaleIn(in, null, SCALING.scaleInLag()), "broker lag not known yet");
        ScalingDecision out = new ScalingDecision(ScalingDecision.Action.SCALE_OUT, 1, 2, "out");
        assertSame(out, BrokerLagScaling.vetoScaleIn(out, 5000L, SCALING.scaleInLag()));
    }

    @Test
    void theWindowIsTheMonitorsReportIntervalsAndKeepsOnlyWhatItNeeds() {
        LagWindow w = reads(growing(40, 0, 1));
        assertTrue(w.samples().size() <= 17, "30 s of 2-s reads plus the one before: " + w.samples().size());
        assertTrue(w.covers(WINDOW, afterRead(40)));
        assertTrue(!LagWindow.empty().covers(WINDOW, T0));
    }
}
