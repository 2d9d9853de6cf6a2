package io.mysimbdp.monitor.model;

import io.mysimbdp.common.profile.TenantProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScalingDecisionTest {
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    static final Duration INTERVAL = Duration.ofSeconds(10);
    static final double RATIO = 0.5;
    /** scaleOutLag 1000, scaleInLag 100, window 3, cooldown 60s, maxErrorRate 0.2; no processing-time threshold. */
    static final TenantProfile.Scaling SCALING = new TenantProfile.Scaling(1000L, null, 100L, 3, Duration.ofSeconds(60), 0.2);
    static final TenantProfile.StreamApp APP = new TenantProfile.StreamApp(null, null, 1, 4, null, INTERVAL, null);

    /** One interval with the given total lag, messages, failures and processing seconds, from {@code instances} instances. */
    static IntervalAggregate interval(int index, long lag, long messages, long failed, double seconds, int instances) {
        Instant start = T0.plus(INTERVAL.multipliedBy(index));
        return new IntervalAggregate(start, start.plus(INTERVAL), instances, instances, messages, failed, messages * 100,
                seconds, messages == 0 ? 0 : seconds / messages, messages / 10.0, messages * 10.0, lag);
    }

    static List<IntervalAggregate> lags(long... lags) {
        List<IntervalAggregate> w = new ArrayList<>();
        for (int i = 0; i < lags.length; i++) {
            w.add(interval(i, lags[i], 1000, 0, 1.0, 2));
        }
        return w;
    }

    static ScalingDecision decide(List<IntervalAggregate> window, int instances) {
        return ScalingDecision.decide(window, SCALING, APP, instances, null, T0.plusSeconds(100), RATIO);
    }

    static List<AlertType> types(ScalingDecision d) {
        return d.signals().stream().map(ScalingDecision.Signal::type).toList();
    }

    @Test
    void aPartialWindowDecidesNothingHoweverHighTheLag() {
        ScalingDecision d = decide(lags(50_000, 50_000), 2);
        assertTrue(d.quiet());
        assertEquals("collecting intervals: 2 of 3", d.status());
        assertTrue(decide(List.of(), 2).quiet());
    }

    @Test
    void lagAboveScaleOutLagInEveryIntervalOfAFullWindowScalesOut() {
        ScalingDecision d = decide(lags(1500, 2000, 2500), 2);
        assertEquals(List.of(AlertType.SCALE_OUT), types(d));
        String reason = d.signals().get(0).reason();
        assertTrue(reason.contains("[1500, 2000, 2500]") && reason.contains("scaleOutLag 1000"), reason);
        assertEquals(2500, d.window().consumerLag());
        assertEquals(3000, d.window().messages());
        assertEquals(6, d.window().reports());
        assertEquals(2, d.window().instances());
    }

    @Test
    void oneIntervalAtOrBelowTheThresholdBreaksTheStreak() {
        assertTrue(decide(lags(1500, 1000, 2500), 2).quiet());
        assertTrue(decide(lags(5000, 5000, 999), 2).quiet());
    }

    @Test
    void onlyTheLatestWindowReportsIntervalsCount() {
        assertEquals(List.of(AlertType.SCALE_OUT), types(decide(lags(0, 0, 1500, 1500, 1500), 2)));
        assertTrue(decide(lags(1500, 1500, 1500, 1500, 500), 2).quiet());
    }

    @Test
    void lagInsideTheBandNeverAlerts() {
        ScalingDecision d = decide(lags(100, 1000, 500), 2);
        assertTrue(d.quiet());
        assertTrue(d.status().startsWith("within the band"), d.status());
        // oscillating across both thresholds is no streak either way
        assertTrue(decide(lags(5000, 10, 5000), 2).quiet());
        assertTrue(decide(lags(10, 5000, 10), 2).quiet());
    }

    @Test
    void lagBelowScaleInLagInEveryIntervalScalesInWhileAboveTheFloor() {
        ScalingDecision d = decide(lags(0, 99, 10), 2);
        assertEquals(List.of(AlertType.SCALE_IN), types(d));
        assertTrue(d.signals().get(0).reason().contains("below scaleInLag 100"), d.signals().get(0).reason());
        ScalingDecision atFloor = decide(lags(0, 99, 10), 1);
        assertTrue(atFloor.quiet());
        assertTrue(atFloor.status().contains("would scale in"), atFloor.status());
        // lag exactly at scaleInLag is not below it
        assertTrue(decide(lags(0, 100, 10), 2).quiet());
    }

    @Test
    void theFloorIsMinInstancesAndNeverBelowOne() {
        var app = new TenantProfile.StreamApp(null, null, 3, 6, null, INTERVAL, null);
        assertTrue(ScalingDecision.decide(lags(0, 0, 0), SCALING, app, 3, null, T0, RATIO).quiet());
        assertEquals(List.of(AlertType.SCALE_IN), types(ScalingDecision.decide(lags(0, 0, 0), SCALING, app, 4, null, T0, RATIO)));
        var zero = new TenantProfile.StreamApp(null, null, 0, 2, null, INTERVAL, null);
        assertTrue(ScalingDecision.decide(lags(0, 0, 0), SCALING, zero, 1, null, T0, RATIO).quiet());
    }

    @Test
    void noScaleOutAtMaxInstances() {
        ScalingDecision d = decide(lags(5000, 5000, 5000), 4);
        assertTrue(d.quiet());
        assertTrue(d.status().contains("maxInstances 4"), d.status());
        assertEquals(List.of(AlertType.SCALE_OUT), types(decide(lags(5000, 5000, 5000), 3)));
    }

    @Test
    void theCooldownHoldsScalingAlertsBack() {
        Instant last = T0.plusSeconds(100);
        ScalingDecision during = ScalingDecision.decide(lags(5000, 5000, 5000), SCALING, APP, 2, last, last.plusSeconds(59), RATIO);
        assertTrue(during.quiet());
        assertTrue(during.status().contains("cooldown"), during.status());
        ScalingDecision after = ScalingDecision.decide(lags(5000, 5000, 5000), SCALING, APP, 2, last, last.plusSeconds(60), RATIO);
        assertEquals(List.of(AlertType.SCALE_OUT), types(after));
    }

    @Test
    void slowProcessingScalesOutWhenTheProfileSetsAThreshold() {
        var slow = new TenantProfile.Scaling(1000L, 5.0, 100L, 3, Duration.ZERO, 0.2);
        // 1000 messages in 8 s: 8 ms per message, lag low
        List<IntervalAggregate> w = List.of(interval(0, 10, 1000, 0, 8, 2), interval(1, 10, 1000, 0, 8, 2), interval(2, 10, 1000, 0, 8, 2));
        ScalingDecision d = ScalingDecision.decide(w, slow, APP, 2, null, T0, RATIO);
        assertEquals(List.of(AlertType.SCALE_OUT), types(d));
        assertTrue(d.signals().get(0).reason().contains("scaleOutAvgIngestionTimeMs 5"), d.signals().get(0).reason());
        // without the threshold the same window is idle
        assertEquals(List.of(AlertType.SCALE_IN), types(ScalingDecision.decide(w, SCALING, APP, 2, null, T0, RATIO)));
    }

    @Test
    void scaleInOnAProcessingTimeThresholdNeedsTheAverageWellBelowIt() {
        var slow = new TenantProfile.Scaling(1000L, 5.0, 100L, 3, Duration.ZERO, 0.2);
        // 4 ms per message: under the scale-out threshold but above half of it: the band
        List<IntervalAggregate> band = List.of(interval(0, 10, 1000, 0, 4, 2), interval(1, 10, 1000, 0, 4, 2), interval(2, 10, 1000, 0, 4, 2));
        assertTrue(ScalingDecision.decide(band, slow, APP, 2, null, T0, RATIO).quiet());
        List<IntervalAggregate> fast = List.of(interval(0, 10, 1000, 0, 2, 2), interval(1, 10, 1000, 0, 2, 2), interval(2, 10, 1000, 0, 2, 2));
        assertEquals(List.of(AlertType.SCALE_IN), types(ScalingDecision.decide(fast, slow, APP, 2, null, T0, RATIO)));
    }

    @Test
    void anErrorRateAboveMaxErrorRateOverTheWindowRaisesAnError() {
        // 250 of 1000 failed over the window: 0.25 > 0.2; lag in the band, so no scaling
        List<IntervalAggregate> w = List.of(interval(0, 500, 400, 100, 1, 2), interval(1, 500, 300, 50, 1, 2), interval(2, 500, 300, 100, 1, 2));
        ScalingDecision d = decide(w, 2);
        assertEquals(List.of(AlertType.ERROR), types(d));
        assertTrue(d.signals().get(0).reason().contains("250 of 1000"), d.signals().get(0).reason());
        assertEquals(250, d.window().failedMessages());
    }

    @Test
    void anErrorRateAtMaxErrorRateOrWithoutMessagesIsNoError() {
        List<IntervalAggregate> atMax = List.of(interval(0, 500, 500, 100, 1, 2), interval(1, 500, 500, 100, 1, 2), interval(2, 500, 0, 0, 0, 2));
        assertTrue(decide(atMax, 2).quiet());
        List<IntervalAggregate> idle = List.of(interval(0, 500, 0, 0, 0, 2), interval(1, 500, 0, 0, 0, 2), interval(2, 500, 0, 0, 0, 2));
        assertTrue(decide(idle, 2).quiet());
    }

    @Test
    void errorsAndScalingCanBeRaisedTogether() {
        List<IntervalAggregate> w = List.of(interval(0, 5000, 100, 90, 1, 2), interval(1, 5000, 100, 90, 1, 2), interval(2, 5000, 100, 90, 1, 2));
        assertEquals(List.of(AlertType.ERROR, AlertType.SCALE_OUT), types(decide(w, 2)));
    }
}
