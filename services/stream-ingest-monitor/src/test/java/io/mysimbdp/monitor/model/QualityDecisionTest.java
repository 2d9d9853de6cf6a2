package io.mysimbdp.monitor.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QualityDecisionTest {
    private static IntervalAggregate interval(long checked, long good) {
        Instant t = Instant.parse("2030-01-01T00:00:00Z");
        return new IntervalAggregate(t, t.plusSeconds(10), 1, 1, checked, 0, 0, 0, 0, 0, 0, 0, checked, good);
    }

    @Test
    void alertsOnceWhenTheWindowsShareDropsUnderTheMinimum() {
        List<IntervalAggregate> low = List.of(interval(100, 100), interval(100, 80), interval(100, 70));
        QualityDecision d = QualityDecision.decide(low, 3, 0.9, false);
        assertTrue(d.below());
        assertEquals(AlertType.QUALITY, d.signal().orElseThrow().type());
        assertTrue(d.signal().orElseThrow().reason().contains("0.833 (250 of 300)"), d.signal().orElseThrow().reason());
        assertTrue(QualityDecision.decide(low, 3, 0.9, true).signal().isEmpty());   // already alerted
    }

    @Test
    void noDecisionWithoutAFullWindowOrWithoutCheckedMessages() {
        QualityDecision partial = QualityDecision.decide(List.of(interval(100, 0)), 3, 0.9, true);
        assertTrue(partial.below() && partial.signal().isEmpty());
        QualityDecision idle = QualityDecision.decide(List.of(interval(0, 0), interval(0, 0)), 2, 0.9, false);
        assertFalse(idle.below());
        assertTrue(idle.signal().isEmpty());
    }

    @Test
    void atTheMinimumIsNotUnderIt() {
        QualityDecision d = QualityDecision.decide(List.of(interval(10, 9)), 1, 0.9, true);
        assertFalse(d.below());
        assertTrue(d.signal().isEmpty());
    }
}
