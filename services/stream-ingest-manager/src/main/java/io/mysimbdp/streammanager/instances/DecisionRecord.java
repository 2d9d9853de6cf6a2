package io.mysimbdp.streammanager.instances;

import io.mysimbdp.streammanager.model.ScalingDecision;

import java.time.Instant;

/**
 * A scaling decision as remembered for the API.
 *
 * @param source  {@code alert}, {@code api}, {@code idle} (sleep and wake) or {@code broker-lag} (BrokerLagScaling)
 * @param alertId the alert's id when it came from one
 */
public record DecisionRecord(Instant at, String source, String alertId, String action, int from, int to, String reason) {
    public static DecisionRecord of(Instant at, String source, String alertId, ScalingDecision d) {
        return new DecisionRecord(at, source, alertId, d.action().tag(), d.from(), d.to(), d.reason());
    }
}
