package io.mysimbdp.apps.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.mysimbdp.common.stream.StreamReportLog;

import java.time.Instant;

/**
 * One report on {@code <tenant>.<topic>.report}, exactly the contract's fields
 * (docs/tenant-app-contract.md, "Stream apps"). Figures without a suffix are for the interval.
 *
 * @param topic           the tenant's topic name without the tenant prefix (as in MYSIMBDP_TOPIC)
 * @param timestamp       when the report was made, ISO-8601 UTC
 * @param predefinedTime  the report interval in seconds
 * @param ingestionTime   seconds the instance spent processing (parse, wrangle, write, DLQ, commit),
 *                        as wall time with work in hand: batches overlap, so not a sum over batches
 * @param avgIngestionTime ingestionTime / messages, seconds per message; 0 when idle
 * @param ingestionRate   message bytes per second over the interval
 * @param qps             messages per second over the interval
 * @param consumerLag     messages waiting in this instance's partitions when the report was made
 * @param qualityMessages messages of the interval's batches checked by the quality rules; null without rules
 * @param qualityGoodMessages of them, those that passed every rule (stored in the main collection)
 * @param storeUnreachableSince while the instance's writes fail for the store's trouble: since when
 *                        (ISO-8601 UTC); absent while the store takes them
 */
@JsonPropertyOrder({"tenant_name", "topic", "instance_id", "timestamp", "predefined_time", "ingestion_type",
        "messages", "failed_messages", "total_messages", "total_failed_messages", "ingestion_time",
        "avg_ingestion_time", "data_size", "total_data_size", "ingestion_rate", "qps", "consumer_lag",
        "assigned_partitions", "quality_messages", "quality_good_messages", "store_unreachable_since"})
record StreamReport(
        @JsonProperty("tenant_name") String tenantName,
        @JsonProperty("topic") String topic,
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("predefined_time") Number predefinedTime,
        @JsonProperty("ingestion_type") String ingestionType,
        @JsonProperty("messages") long messages,
        @JsonProperty("failed_messages") long failedMessages,
        @JsonProperty("total_messages") long totalMessages,
        @JsonProperty("total_failed_messages") long totalFailedMessages,
        @JsonProperty("ingestion_time") double ingestionTime,
        @JsonProperty("avg_ingestion_time") double avgIngestionTime,
        @JsonProperty("data_size") long dataSize,
        @JsonProperty("total_data_size") long totalDataSize,
        @JsonProperty("ingestion_rate") double ingestionRate,
        @JsonProperty("qps") double qps,
        @JsonProperty("consumer_lag") long consumerLag,
        @JsonProperty("assigned_partitions") int assignedPartitions,
        @JsonProperty("quality_messages") @JsonInclude(JsonInclude.Include.NON_NULL) Long qualityMessages,
        @JsonProperty("quality_good_messages") @JsonInclude(JsonInclude.Include.NON_NULL) Long qualityGoodMessages,
        @JsonProperty("store_unreachable_since") @JsonInclude(JsonInclude.Include.NON_NULL) String storeUnreachableSince) {
    static final String INGESTION_TYPE = "streaming";

    /** The interval's figures as stored in {@code mysimbdp_platform.stream_reports}; ends at {@link #timestamp}. */
    StreamReportLog.Interval interval(Instant start) {
        return new StreamReportLog.Interval(tenantName, topic, instanceId, start, Instant.parse(timestamp),
                messages, failedMessages, dataSize, ingestionTime);
    }
}
