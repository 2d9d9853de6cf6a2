package io.mysimbdp.monitor.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/**
 * One report of one stream app instance, as the tenant app contract defines it (field names in
 * JSON are the contract's snake_case names). Flows ({@code messages}, {@code failedMessages},
 * {@code dataSize}, {@code ingestionTime}) cover the instance's last interval; levels
 * ({@code consumerLag}, {@code qps}, {@code ingestionRate}) are as of {@code timestamp}.
 * {@code qualityMessages} / {@code qualityGoodMessages} are the interval's messages checked by the
 * tenant's quality rules and of them the good ones (0 when the app has no rules).
 * {@code storeUnreachableSince} is set while the instance's writes fail for the store's trouble
 * (null otherwise, and for apps that do not report it).
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
        int assignedPartitions,
        long qualityMessages,
        long qualityGoodMessages,
        Instant storeUnreachableSince) {

    /** A report without the store field (the store took the instance's writes, or the app does not say). */
    public StreamReport(String tenantName, String topic, String instanceId, Instant timestamp, double predefinedTime,
                        String ingestionType, long messages, long failedMessages, long totalMessages,
                        long totalFailedMessages, double ingestionTime, double avgIngestionTime, long dataSize,
                        long totalDataSize, double ingestionRate, double qps, long consumerLag, int assignedPartitions,
                        long qualityMessages, long qualityGoodMessages) {
        this(tenantName, topic, instanceId, timestamp, predefinedTime, ingestionType, messages, failedMessages, totalMessages,
                totalFailedMessages, ingestionTime, avgIngestionTime, dataSize, totalDataSize, ingestionRate, qps, consumerLag,
                assignedPartitions, qualityMessages, qualityGoodMessages, null);
    }

    /** A report without quality figures. */
    public StreamReport(String tenantName, String topic, String instanceId, Instant timestamp, double predefinedTime,
                        String ingestionType, long messages, long failedMessages, long totalMessages,
                        long totalFailedMessages, double ingestionTime, double avgIngestionTime, long dataSize,
                        long totalDataSize, double ingestionRate, double qps, long consumerLag, int assignedPartitions) {
        this(tenantName, topic, instanceId, timestamp, predefinedTime, ingestionType, messages, failedMessages, totalMessages,
                totalFailedMessages, ingestionTime, avgIngestionTime, dataSize, totalDataSize, ingestionRate, qps, consumerLag,
                assignedPartitions, 0, 0, null);
    }
}
