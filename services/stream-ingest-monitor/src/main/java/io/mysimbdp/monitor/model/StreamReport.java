package io.mysimbdp.monitor.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/**
 * One report of one stream app instance, as the tenant app contract defines it (field names in
 * JSON are the contract's snake_case names). Flows ({@code messages}, {@code failedMessages},
 * {@code dataSize}, {@code ingestionTime}) cover the instance's last interval; levels
 * ({@code consumerLag}, {@code qps}, {@code ingestionRate}) are as of {@code timestamp}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StreamReport(
        String tenantName,
        String topic,
        String instanceId,
        Instant timestamp,
        double predefinedTime,
        String ingestionType,
        long messages,
        long failedMessages,
        long totalMessages,
        long totalFailedMessages,
        double ingestionTime,
        double avgIngestionTime,
        long dataSize,
        long totalDataSize,
        double ingestionRate,
        double qps,
        long consumerLag,
        int assignedPartitions) {
}
