package io.mysimbdp.apps.stream.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.mysimbdp.common.contract.StreamReportFields;

import java.util.Map;

import static io.mysimbdp.common.contract.StreamReportFields.*;

/**
 * One report on {@code <tenant>.<topic>.report}, exactly the contract's fields
 * (docs/tenant-app-contract.md, "Stream apps"; names: {@link StreamReportFields}, the schema the monitor reads with). Figures without a suffix are for the interval.
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
@JsonPropertyOrder({TENANT_NAME, TOPIC, INSTANCE_ID, TIMESTAMP, INTERVAL_START, PREDEFINED_TIME, INGESTION_TYPE, MESSAGES,
        FAILED_MESSAGES, TOTAL_MESSAGES, TOTAL_FAILED_MESSAGES, INGESTION_TIME, AVG_INGESTION_TIME, DATA_SIZE, TOTAL_DATA_SIZE,
        INGESTION_RATE, QPS, CONSUMER_LAG, ASSIGNED_PARTITIONS, QUALITY_MESSAGES, QUALITY_GOOD_MESSAGES, QUALITY_FAILURES,
        QUALITY_MIN_GOOD_SHARE, QUALITY_COLLECTION, QUALITY_FAILURES_TO, STORE_UNREACHABLE_SINCE})
public record StreamReport(
        @JsonProperty(TENANT_NAME) String tenantName,
        @JsonProperty(TOPIC) String topic,
        @JsonProperty(INSTANCE_ID) String instanceId,
        @JsonProperty(TIMESTAMP) String timestamp,
        @JsonProperty(INTERVAL_START) String intervalStart,
        @JsonProperty(PREDEFINED_TIME) Number predefinedTime,
        @JsonProperty(INGESTION_TYPE) String ingestionType,
        @JsonProperty(MESSAGES) long messages,
        @JsonProperty(FAILED_MESSAGES) long failedMessages,
        @JsonProperty(TOTAL_MESSAGES) long totalMessages,
        @JsonProperty(TOTAL_FAILED_MESSAGES) long totalFailedMessages,
        @JsonProperty(INGESTION_TIME) double ingestionTime,
        @JsonProperty(AVG_INGESTION_TIME) double avgIngestionTime,
        @JsonProperty(DATA_SIZE) long dataSize,
        @JsonProperty(TOTAL_DATA_SIZE) long totalDataSize,
        @JsonProperty(INGESTION_RATE) double ingestionRate,
        @JsonProperty(QPS) double qps,
        @JsonProperty(CONSUMER_LAG) long consumerLag,
        @JsonProperty(ASSIGNED_PARTITIONS) int assignedPartitions,
        @JsonProperty(QUALITY_MESSAGES) @JsonInclude(JsonInclude.Include.NON_NULL) Long qualityMessages,
        @JsonProperty(QUALITY_GOOD_MESSAGES) @JsonInclude(JsonInclude.Include.NON_NULL) Long qualityGoodMessages,
        @JsonProperty(QUALITY_FAILURES) @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Long> qualityFailures,
        @JsonProperty(QUALITY_MIN_GOOD_SHARE) @JsonInclude(JsonInclude.Include.NON_NULL) Double qualityMinGoodShare,
        @JsonProperty(QUALITY_COLLECTION) @JsonInclude(JsonInclude.Include.NON_NULL) String qualityCollection,
        @JsonProperty(QUALITY_FAILURES_TO) @JsonInclude(JsonInclude.Include.NON_NULL) String qualityFailuresTo,
        @JsonProperty(STORE_UNREACHABLE_SINCE) @JsonInclude(JsonInclude.Include.NON_NULL) String storeUnreachableSince) {
    static final String STREAMING = StreamReportFields.STREAMING;
}
