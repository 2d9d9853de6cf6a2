package io.mysimbdp.monitor.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/** An alert as published to {@code <tenant>.<topic>.alert}: exactly the contract's fields. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Alert(String alertId, String tenant, String topic, AlertType type, String reason, Instant timestamp,
                    WindowSummary window) {
}
