package io.mysimbdp.common.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.mysimbdp.common.contract.StreamReportFields;
import io.mysimbdp.common.quality.BatchQuality;
import io.mysimbdp.common.quality.QualityLog;
import io.mysimbdp.common.quality.Quarantine;
import org.bson.Document;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the platform stores of one stream report ({@code <tenant>.<topic>.report}, contract fields in
 * docs/tenant-app-contract.md, "Stream apps"): the interval's row of {@code mysimbdp_platform.stream_reports}
 * and, when the report carries quality figures, the interval's row of {@code mysimbdp_platform.quality}.
 * The stream apps no longer write either: the monitor does, from the report. Read leniently (absent
 * optional fields take defaults, unknown fields are ignored); the caller has already checked the
 * report's required fields and that the tenant and topic are the report topic's own.
 */
public final class ReportRecords {
    /** When the interval began (ISO-8601); absent: {@code timestamp} less {@code predefined_time}. */
    public static final String INTERVAL_START = StreamReportFields.INTERVAL_START;
    /** Messages checked by the quality rules in the interval; absent or null: the app has no rules. */
    public static final String QUALITY_MESSAGES = StreamReportFields.QUALITY_MESSAGES;
    public static final String QUALITY_GOOD_MESSAGES = StreamReportFields.QUALITY_GOOD_MESSAGES;
    /** Rule name → messages of the interval that failed it. */
    public static final String QUALITY_FAILURES = StreamReportFields.QUALITY_FAILURES;
    /** The tenant's minimum share of good messages (0 when absent: never flagged). */
    public static final String QUALITY_MIN_GOOD_SHARE = StreamReportFields.QUALITY_MIN_GOOD_SHARE;
    /** The main collection the good messages went to. */
    public static final String QUALITY_COLLECTION = StreamReportFields.QUALITY_COLLECTION;
    /** Where failing messages went: {@code quarantine} or {@code dlq}. */
    public static final String QUALITY_FAILURES_TO = StreamReportFields.QUALITY_FAILURES_TO;
    public static final String FAILURES_TO_QUARANTINE = "quarantine";

    private ReportRecords() {
    }

    /** The rows of one report; {@code quality} null when the report has no quality figures. */
    public record Records(StreamReportLog.Interval interval, Quality quality) {
    }

    /** One interval's quality row: its id and description, and its figures. */
    public record Quality(QualityLog.Batch batch, BatchQuality figures) {
        public Document document() {
            return QualityLog.document(batch, figures);
        }
    }

    /**
     * The rows for one report. Pure.
     *
     * @param tenant the tenant the report topic names (never the payload's word)
     * @param topic  the topic (without the tenant prefix) the report topic names
     * @throws IllegalArgumentException when the timestamp or the instance is missing or unreadable
     */
    public static Records of(String tenant, String topic, JsonNode report) {
        String instance = text(report, StreamReportFields.INSTANCE_ID);
        if (instance == null || instance.isEmpty()) {
            throw new IllegalArgumentException("field 'instance_id' is missing");
        }
        Instant end = instant(report, StreamReportFields.TIMESTAMP);
        if (end == null) {
            throw new IllegalArgumentException("field 'timestamp' is missing");
        }
        Instant start = instant(report, INTERVAL_START);
        if (start == null || start.isAfter(end)) {
            start = end.minusMillis(Math.round(report.path(StreamReportFields.PREDEFINED_TIME).asDouble() * 1000));
        }
        long messages = report.path(StreamReportFields.MESSAGES).asLong();
        StreamReportLog.Interval interval = new StreamReportLog.Interval(tenant, topic, instance, start, end, messages,
                report.path(StreamReportFields.FAILED_MESSAGES).asLong(), report.path(StreamReportFields.DATA_SIZE).asLong(),
                report.path(StreamReportFields.INGESTION_TIME).asDouble());
        return new Records(interval, quality(interval, report));
    }

    private static Quality quality(StreamReportLog.Interval interval, JsonNode report) {
        JsonNode checked = report.get(QUALITY_MESSAGES);
        if (checked == null || checked.isNull()) {
            return null;
        }
        long records = Math.max(0, checked.asLong());
        long good = Math.min(records, Math.max(0, report.path(QUALITY_GOOD_MESSAGES).asLong()));
        Map<String, Long> failures = new TreeMap<>();
        JsonNode byRule = report.path(QUALITY_FAILURES);
        for (Iterator<Map.Entry<String, JsonNode>> it = byRule.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().canConvertToLong() && e.getValue().asLong() > 0) {
                failures.put(e.getKey(), e.getValue().asLong());
            }
        }
        BatchQuality figures = BatchQuality.of(records, good, failures, report.path(QUALITY_MIN_GOOD_SHARE).asDouble(0));
        String collection = text(report, QUALITY_COLLECTION);
        String failuresTo = text(report, QUALITY_FAILURES_TO);
        Document details = new Document("instance", interval.instance())
                .append("failures_to", failuresTo == null ? FAILURES_TO_QUARANTINE : failuresTo);
        if (collection != null) {
            details.append("quarantine", Quarantine.collection(collection));
        }
        QualityLog.Batch batch = new QualityLog.Batch(qualityId(interval), interval.tenant(), QualityLog.KIND_STREAM,
                interval.topic(), collection, interval.start(), interval.end(), details);
        return new Quality(batch, figures);
    }

    /** {@code stream:<tenant>.<topic>/<instance>@<interval end>}: one row per interval and instance. */
    static String qualityId(StreamReportLog.Interval interval) {
        return QualityLog.KIND_STREAM + ":" + interval.tenant() + "." + interval.topic() + "/" + interval.instance() + "@"
                + interval.end().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String text(JsonNode report, String field) {
        JsonNode n = report.get(field);
        return n == null || !n.isTextual() ? null : n.asText();
    }

    private static Instant instant(JsonNode report, String field) {
        String text = text(report, field);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            if (field.equals(StreamReportFields.TIMESTAMP)) {
                throw new IllegalArgumentException("field 'timestamp': '" + text + "' is not an ISO-8601 date-time with an offset");
            }
            return null;
        }
    }
}
