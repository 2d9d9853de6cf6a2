package io.mysimbdp.common.contract;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The stream report's schema (docs/tenant-app-contract.md, "Stream apps"): the JSON fields a stream app
 * publishes on {@code <tenant>.<topic>.report}, the one place they are spelled. The example stream app
 * writes them ({@code StreamReport}); the monitor reads them ({@code ReportParser}, {@code SinkReport},
 * {@code ReportRecords}).
 *
 * <p>Compatibility: a writer is strict: it writes only names listed in {@link #ALL} (and in {@link #SINK_FIGURES}
 * inside {@link #SINKS}), always every name of {@link #REQUIRED}, and an optional name only when it has a value.
 * A reader is lenient: it ignores names it does not know and treats an absent or null optional name as
 * its default, so a new optional field never breaks an older monitor. A name is never reused for another meaning.
 */
public final class StreamReportFields {
    // who reports
    public static final String TENANT_NAME = "tenant_name";
    /** The topic without the tenant prefix; readers take the report topic's word for it. */
    public static final String TOPIC = "topic";
    public static final String INSTANCE_ID = "instance_id";
    // when
    /** ISO-8601 with an offset. */
    public static final String TIMESTAMP = "timestamp";
    /** When the interval began (ISO-8601); absent: {@code timestamp} less {@code predefined_time}. */
    public static final String INTERVAL_START = "interval_start";
    /** The report interval in seconds. */
    public static final String PREDEFINED_TIME = "predefined_time";
    /** Always {@value #STREAMING}. */
    public static final String INGESTION_TYPE = "ingestion_type";
    public static final String STREAMING = "streaming";
    // figures of the interval, and since the instance started
    public static final String MESSAGES = "messages";
    public static final String FAILED_MESSAGES = "failed_messages";
    public static final String TOTAL_MESSAGES = "total_messages";
    public static final String TOTAL_FAILED_MESSAGES = "total_failed_messages";
    public static final String INGESTION_TIME = "ingestion_time";
    public static final String AVG_INGESTION_TIME = "avg_ingestion_time";
    public static final String DATA_SIZE = "data_size";
    public static final String TOTAL_DATA_SIZE = "total_data_size";
    public static final String INGESTION_RATE = "ingestion_rate";
    public static final String QPS = "qps";
    // levels at report time
    public static final String CONSUMER_LAG = "consumer_lag";
    public static final String ASSIGNED_PARTITIONS = "assigned_partitions";
    // with quality rules only
    /** Messages checked by the quality rules in the interval; absent or null: the app has no rules. */
    public static final String QUALITY_MESSAGES = "quality_messages";
    public static final String QUALITY_GOOD_MESSAGES = "quality_good_messages";
    /** Rule name → messages of the interval that failed it. */
    public static final String QUALITY_FAILURES = "quality_failures";
    /** The tenant's minimum share of good messages. */
    public static final String QUALITY_MIN_GOOD_SHARE = "quality_min_good_share";
    /** The main collection the good messages went to. */
    public static final String QUALITY_COLLECTION = "quality_collection";
    /** Where failing messages went: {@code quarantine} or {@code dlq}. */
    public static final String QUALITY_FAILURES_TO = "quality_failures_to";
    /** Only while the instance's writes fail for the store's trouble: since when (ISO-8601). */
    public static final String STORE_UNREACHABLE_SINCE = "store_unreachable_since";
    /** Only with {@code MYSIMBDP_SINKS}: sink type → {@link #SINK_FIGURES}. */
    public static final String SINKS = "sinks";

    // one sink's figures inside {@link #SINKS}
    public static final String SINK_DELIVERED = "delivered";
    public static final String SINK_FAILURES = "failures";
    public static final String SINK_DEAD_LETTERED = "dead_lettered";
    public static final String SINK_WAITING = "waiting";

    /** Every report carries these (a reader refuses a report without them). */
    public static final Set<String> REQUIRED = Set.of(TENANT_NAME, INSTANCE_ID, TIMESTAMP, MESSAGES, CONSUMER_LAG);

    /** Every field of a report, in the order the example app writes them. */
    public static final List<String> ALL = List.of(TENANT_NAME, TOPIC, INSTANCE_ID, TIMESTAMP, INTERVAL_START, PREDEFINED_TIME,
            INGESTION_TYPE, MESSAGES, FAILED_MESSAGES, TOTAL_MESSAGES, TOTAL_FAILED_MESSAGES, INGESTION_TIME, AVG_INGESTION_TIME,
            DATA_SIZE, TOTAL_DATA_SIZE, INGESTION_RATE, QPS, CONSUMER_LAG, ASSIGNED_PARTITIONS, QUALITY_MESSAGES,
            QUALITY_GOOD_MESSAGES, QUALITY_FAILURES, QUALITY_MIN_GOOD_SHARE, QUALITY_COLLECTION, QUALITY_FAILURES_TO,
            STORE_UNREACHABLE_SINCE, SINKS);

    /** The fields of one sink's entry in {@link #SINKS}. */
    public static final List<String> SINK_FIGURES = List.of(SINK_DELIVERED, SINK_FAILURES, SINK_DEAD_LETTERED, SINK_WAITING);

    private StreamReportFields() {
    }

    /**
     * The writer's check of a report it is about to publish: what breaks the schema (a name not in it,
     * a required field missing or null), empty when it conforms.
     */
    public static List<String> problems(JsonNode report) {
        List<String> problems = new ArrayList<>();
        report.fieldNames().forEachRemaining(name -> {
            if (!ALL.contains(name)) {
                problems.add("field '" + name + "' is not in the stream report's schema");
            }
        });
        for (String name : ALL) {
            JsonNode value = report.get(name);
            if (REQUIRED.contains(name) && (value == null || value.isNull())) {
                problems.add("required field '" + name + "' is missing");
            }
        }
        return problems;
    }
}
