package io.mysimbdp.monitor.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.mysimbdp.common.contract.StreamReportFields;
import io.mysimbdp.common.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Reads a report payload published on {@code <tenant>.<topic>.report} and checks it against the
 * contract and against the topic it came from. Pure: a payload in, a report or a reason out. Lenient, as
 * {@link StreamReportFields} says a reader is: unknown fields are ignored, absent optional ones take their defaults.
 */
public final class ReportParser {
    /** Instance ids are pod or process names: they end up in logs and in the API, so keep them plain. */
    private static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,252})");
    private static final String STREAMING = StreamReportFields.STREAMING;
    /** Values quoted in a reason are cut to this many characters: reasons are logged and shown. */
    private static final int MAX_QUOTED = 80;

    private ReportParser() {
    }

    /** The outcome of reading one report. */
    public sealed interface Result {
    }

    public record Parsed(StreamReport report) implements Result {
    }

    public record Refused(String reason) implements Result {
    }

    /**
     * @param source     the tenant and topic named by the Kafka topic the report came from
     * @param payload    the record's value (null for a tombstone)
     * @param maxBytes   larger payloads are refused unread
     */
    public static Result parse(ReportTopic source, String payload, int maxBytes) {
        if (payload == null || payload.isBlank()) {
            return new Refused("empty payload");
        }
        int size = payload.getBytes(StandardCharsets.UTF_8).length;
        if (size > maxBytes) {
            return new Refused("payload of " + size + " bytes is larger than " + maxBytes + " bytes");
        }
        JsonNode tree;
        try {
            tree = Json.json().readTree(payload);
        } catch (IOException e) {
            return new Refused("not JSON: " + firstLine(e.getMessage()));
        }
        if (tree == null || !tree.isObject()) {
            return new Refused("not a JSON object");
        }
        try {
            return new Parsed(read(source, tree));
        } catch (IllegalArgumentException e) {
            return new Refused(e.getMessage());
        }
    }

    private static StreamReport read(ReportTopic source, JsonNode tree) {
        String tenant = requiredText(tree, StreamReportFields.TENANT_NAME);
        if (!tenant.equals(source.tenant())) {
            throw new IllegalArgumentException("field 'tenant_name': '" + tenant + "' does not own topic "
                    + source.reportTopic() + " (the topic name says tenant '" + source.tenant() + "')");
        }
        String topic = optionalText(tree, StreamReportFields.TOPIC);
        if (topic != null && !topic.equals(source.topic())) {
            throw new IllegalArgumentException("field 'topic': '" + topic + "' does not match topic "
                    + source.reportTopic() + " (the topic name says '" + source.topic() + "')");
        }
        String instance = requiredText(tree, StreamReportFields.INSTANCE_ID);
        if (!INSTANCE_ID.matcher(instance).matches()) {
            throw new IllegalArgumentException("field 'instance_id': '" + abbreviate(instance)
                    + "' is not a plain name (letters, digits, '.', '_', '-'; at most 253 characters)");
        }
        String type = optionalText(tree, StreamReportFields.INGESTION_TYPE);
        if (type != null && !STREAMING.equals(type)) {
            throw new IllegalArgumentException("field 'ingestion_type': expected '" + STREAMING + "', got '" + abbreviate(type) + "'");
        }
        long messages = count(tree, StreamReportFields.MESSAGES, true);
        long failed = count(tree, StreamReportFields.FAILED_MESSAGES, false);
        if (failed > messages) {
            throw new IllegalArgumentException("field 'failed_messages': " + failed + " is more than 'messages' ("
                    + messages + "); failed messages are counted among the messages processed");
        }
        long qualityMessages = count(tree, StreamReportFields.QUALITY_MESSAGES, false);
        long qualityGood = count(tree, StreamReportFields.QUALITY_GOOD_MESSAGES, false);
        if (qualityGood > qualityMessages) {
            throw new IllegalArgumentException("field 'quality_good_messages': " + qualityGood + " is more than 'quality_messages' ("
                    + qualityMessages + ")");
        }
        return new StreamReport(tenant, source.topic(), instance, timestamp(tree),
                amount(tree, StreamReportFields.PREDEFINED_TIME), STREAMING, messages, failed,
                count(tree, StreamReportFields.TOTAL_MESSAGES, false), count(tree, StreamReportFields.TOTAL_FAILED_MESSAGES, false),
                amount(tree, StreamReportFields.INGESTION_TIME), amount(tree, StreamReportFields.AVG_INGESTION_TIME),
                count(tree, StreamReportFields.DATA_SIZE, false), count(tree, StreamReportFields.TOTAL_DATA_SIZE, false),
                amount(tree, StreamReportFields.INGESTION_RATE), amount(tree, StreamReportFields.QPS),
                count(tree, StreamReportFields.CONSUMER_LAG, true), (int) Math.min(Integer.MAX_VALUE, count(tree, StreamReportFields.ASSIGNED_PARTITIONS, false)),
                qualityMessages, qualityGood, lenientInstant(tree, StreamReportFields.STORE_UNREACHABLE_SINCE));
    }

    /** An optional time: absent, null or not an ISO-8601 date-time reads as null (the report is still good). */
    static Instant lenientInstant(JsonNode tree, String field) {
        JsonNode n = tree.get(field);
        if (n == null || !n.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(n.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant timestamp(JsonNode tree) {
        String text = requiredText(tree, StreamReportFields.TIMESTAMP);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field 'timestamp': '" + abbreviate(text) + "' is not an ISO-8601 date-time with an offset");
        }
    }

    private static String requiredText(JsonNode tree, String field) {
        String text = optionalText(tree, field);
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("field '" + field + "' is missing");
        }
        return text;
    }

    private static String optionalText(JsonNode tree, String field) {
        JsonNode n = tree.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' must be a string, not " + n.getNodeType().name().toLowerCase());
        }
        return n.asText();
    }

    /** A non-negative whole number; absent optional counts are 0. */
    private static long count(JsonNode tree, String field, boolean required) {
        JsonNode n = tree.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new IllegalArgumentException("field '" + field + "' is missing");
            }
            return 0;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0) {
            throw new IllegalArgumentException("field '" + field + "' must be a non-negative whole number, got " + abbreviate(n.toString()));
        }
        return n.asLong();
    }

    /** A non-negative finite number; absent amounts are 0. */
    private static double amount(JsonNode tree, String field) {
        JsonNode n = tree.get(field);
        if (n == null || n.isNull()) {
            return 0;
        }
        if (!n.isNumber() || !Double.isFinite(n.asDouble()) || n.asDouble() < 0) {
            throw new IllegalArgumentException("field '" + field + "' must be a non-negative number, got " + abbreviate(n.toString()));
        }
        return n.asDouble();
    }

    private static String abbreviate(String s) {
        return s.length() <= MAX_QUOTED ? s : s.substring(0, MAX_QUOTED) + "…";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return abbreviate(nl < 0 ? s : s.substring(0, nl));
    }
}
