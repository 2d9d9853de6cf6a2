package io.mysimbdp.streammanager.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.mysimbdp.streammanager.model.ScalingDecision.Action.IGNORED_BOUND;
import static io.mysimbdp.streammanager.model.ScalingDecision.Action.IGNORED_COOLDOWN;
import static io.mysimbdp.streammanager.model.ScalingDecision.Action.RECORDED;
import static io.mysimbdp.streammanager.model.ScalingDecision.Action.SCALE_IN;
import static io.mysimbdp.streammanager.model.ScalingDecision.Action.SCALE_OUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScalingPolicyTest {
    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    static final Duration COOLDOWN = Duration.ofSeconds(60);

    static Alert alert(String type) {
        return Alert.parse("{\"alert_id\": \"a1\", \"type\": \"" + type + "\", \"reason\": \"lag 12000\", \"timestamp\": \"" + NOW + "\"}", NOW);
    }

    static ScalingDecision decide(String type, int current, Instant lastScaleAt) {
        return ScalingPolicy.decide(alert(type), current, 1, 3, lastScaleAt, COOLDOWN, NOW);
    }

    @Test
    void scalesOneStepAtATime() {
        ScalingDecision out = decide("SCALE_OUT", 1, null);
        assertEquals(SCALE_OUT, out.action());
        assertEquals(2, out.to());
        assertTrue(out.reason().contains("lag 12000"));
        ScalingDecision in = decide("SCALE_IN", 3, NOW.minus(COOLDOWN));
        assertEquals(SCALE_IN, in.action());
        assertEquals(2, in.to());
    }

    @Test
    void neverPastTheBounds() {
        ScalingDecision out = decide("SCALE_OUT", 3, null);
        assertEquals(IGNORED_BOUND, out.action());
        assertEquals(3, out.to());
        assertTrue(out.reason().contains("maximum 3"), out.reason());
        ScalingDecision in = decide("SCALE_IN", 1, null);
        assertEquals(IGNORED_BOUND, in.action());
        assertTrue(in.reason().contains("minimum 1"), in.reason());
    }

    @Test
    void waitsForTheCooldownSinceTheLastScaling() {
        ScalingDecision early = decide("SCALE_OUT", 1, NOW.minusSeconds(20));
        assertEquals(IGNORED_COOLDOWN, early.action());
        assertFalse(early.changes());
        assertTrue(early.reason().contains("40 s left"), early.reason());
        assertEquals(SCALE_OUT, decide("SCALE_OUT", 1, NOW.minusSeconds(60)).action());
    }

    @Test
    void errorAndUnknownAlertsAreRecordedWithoutScaling() {
        ScalingDecision error = decide("ERROR", 2, null);
        assertEquals(RECORDED, error.action());
        assertEquals(2, error.to());
        assertTrue(error.reason().startsWith("ERROR alert recorded"), error.reason());
        assertEquals(RECORDED, decide("QUALITY", 2, null).action());
        assertEquals(RECORDED, ScalingPolicy.decide(Alert.parse("not json", NOW), 2, 1, 3, null, COOLDOWN, NOW).action());
    }

    @Test
    void staleAlertsAreRecognised() {
        Alert old = Alert.parse("{\"type\": \"SCALE_OUT\", \"timestamp\": \"" + NOW.minusSeconds(600) + "\"}", NOW);
        assertTrue(ScalingPolicy.isStale(old, NOW, Duration.ofMinutes(5)));
        assertFalse(ScalingPolicy.isStale(alert("SCALE_OUT"), NOW, Duration.ofMinutes(5)));
        // no timestamp in the payload: the Kafka record's time counts
        assertEquals(NOW.minusSeconds(7), Alert.parse("{\"type\": \"SCALE_IN\"}", NOW.minusSeconds(7)).at());
    }

    @Test
    void staleAlertsAndStoppedTopicsAreNotScaled() {
        InstanceBounds bounds = new InstanceBounds(1, 3);
        Duration maxAge = Duration.ofMinutes(5);
        Alert old = Alert.parse("{\"type\": \"SCALE_OUT\", \"timestamp\": \"" + NOW.minusSeconds(600) + "\"}", NOW);
        assertEquals(ScalingDecision.Action.IGNORED_STALE, ScalingPolicy.onAlert(old, 1, false, bounds, null, COOLDOWN, maxAge, NOW).action());
        assertEquals(ScalingDecision.Action.IGNORED_STOPPED,
                ScalingPolicy.onAlert(alert("SCALE_OUT"), 0, true, bounds, null, COOLDOWN, maxAge, NOW).action());
        // an ERROR is recorded even for a stopped topic
        assertEquals(RECORDED, ScalingPolicy.onAlert(alert("ERROR"), 0, true, bounds, null, COOLDOWN, maxAge, NOW).action());
        assertEquals(SCALE_OUT, ScalingPolicy.onAlert(alert("SCALE_OUT"), 1, false, bounds, null, COOLDOWN, maxAge, NOW).action());
    }

    @Test
    void tenantAndTopicComeFromTheAlertTopicName() {
        assertEquals(new TopicKey("tenant-1", "list_ings"), TopicKey.ofAlertTopic("tenant-1.list_ings.alert").orElseThrow());
        for (String bad : new String[] {"tenant1.listings.report", "tenant1.alert", "a.b.c.alert", "Tenant1.x.alert",
                ".x.alert", "tenant1..alert"}) {
            assertTrue(TopicKey.ofAlertTopic(bad).isEmpty(), bad);
        }
    }
}
