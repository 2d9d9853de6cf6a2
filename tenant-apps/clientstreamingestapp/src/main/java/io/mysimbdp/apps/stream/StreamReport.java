package io.mysimbdp.apps.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.mysimbdp.common.stream.ReportRecords;

import java.util.Map;

/**
 * One report on {@code <tenant>.<topic>.report}, exactly the contract's fields
 * (docs/tenant-app-contract.md, "Stream apps"). Figures without a suffix are for the interval.
 *
 * @param topic           the tenant's topic name without the tenant prefix (as in MYSIMBDP_TOPIC)
 * @param timestamp       when the report was made, ISO-8601 UTC
 * @param intervalStart   when the interval began (the previous report), ISO-8601 UTC
 * @param predefinedTime  the report interval in seconds
 * @param ingestionTime   seconds the instance spent processing (parse, wrangle, write, DLQ, commit),
 *                        as wall time with work in hand: batches overlap, so not a sum over batches
 * @param avgIngestionTime ingestionTime / messages, seconds per message; 0 when idle
 * @param ingestionRate   message bytes per second over the interval
 * @param qps             messages per second over the interval
 * @param consumerLag     messages waiting in this instance's partitions when the report was made
 * @param qualityMessages messages of the interval's batches checked by the quality rules; null without rules
 * @param qualityGoodMessages of them, those that passed every rule (stored in the main collection)
 * @param qualityFailures rule → messages of the interval that failed it; null without rules
 * @param qualityMinGoodShare the tenant's minimum share of good messages; null without rules
 * @param qualityCollection the main collection; null without rules
 * @param qualityFailuresTo where failing messages went, quarantine or dlq; null without rules
 * @param storeUnreachableSince while the instance's writes fail for the store's trouble: since when
 *                        (ISO-8601 UTC); absent while the store takes them
 */
@JsonPropertyOrder({"tenant_name", "topic", "instance_id", "timestamp", "interval_start", "predefined_time", "ingestion_type",
        "messages", "failed_messages", "total_messages", "total_failed_messages", "ingestion_time",
        "avg_ingestion_time", "data_size", "total_data_size", "ingestion_rate", "qps", "consumer_lag",
        "assigned_partitions", "quality_messages", "quality_good_messages", "quality_failures", "quality_min_good_share",
        "quality_collection", "quality_failures_to", "store_unreachable_since"})
record StreamReport(
        @JsonProperty("tenant_name") String tenantName,
        @JsonProperty("topic") String topic,
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty(ReportRecords.INTERVAL_START) String intervalStart,
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
        @JsonProperty(ReportRecords.QUALITY_FAILURES) @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Long> qualityFailures,
        @JsonProperty(ReportRecords.QUALITY_MIN_GOOD_SHARE) @JsonInclude(JsonInclude.Include.NON_NULL) Double qualityMinGoodShare,
        @JsonProperty(ReportRecords.QUALITY_COLLECTION) @JsonInclude(JsonInclude.Include.NON_NULL) String qualityCollection,
        @JsonProperty(ReportRecords.QUALITY_FAILURES_TO) @JsonInclude(JsonInclude.Include.NON_NULL) String qualityFailuresTo,
        @JsonProperty("store_unreachable_since") @JsonInclude(JsonInclude.Include.NON_NULL) String storeUnreachableSince) {
    static final String INGESTION_TYPE = "streaming";
}
