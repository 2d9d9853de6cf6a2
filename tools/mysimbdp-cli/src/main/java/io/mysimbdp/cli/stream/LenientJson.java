package io.mysimbdp.cli.stream;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Reading JSON whose shape is not fixed: fields found by any of several names, in camelCase or snake_case,
 * and values shown as table text, {@code "-"} when missing or not a plain value.
 */
final class LenientJson {
    static final double MILLIS_PER_SECOND = 1000;
    private static final long SECONDS_PER_MINUTE = 60;
    private static final long SECONDS_PER_HOUR = 3600;
    private static final long SECONDS_PER_DAY = 86_400;
    /** Epoch numbers below this are seconds, above it milliseconds (it is 1973 in ms, 5138 in s). */
    private static final long EPOCH_MILLIS_FROM = 100_000_000_000L;

    private LenientJson() {
    }

    /** An ISO-8601 timestamp, or epoch seconds (with a fraction) or milliseconds; null when it is none of them. */
    static Instant instant(JsonNode timestamp) {
        if (timestamp == null || timestamp.isNull()) {
            return null;
        }
        if (timestamp.isIntegralNumber()) {
            long value = timestamp.asLong();
            return value < EPOCH_MILLIS_FROM ? Instant.ofEpochSecond(value) : Instant.ofEpochMilli(value);
        }
        if (timestamp.isNumber()) {
            double seconds = timestamp.asDouble();
            return Instant.ofEpochMilli(Math.round(seconds * MILLIS_PER_SECOND));
        }
        try {
            return OffsetDateTime.parse(timestamp.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code "12s ago"} from a timestamp {@link #instant} understands; the text itself when it is none. */
    static String age(JsonNode timestamp, Instant now) {
        if (timestamp == null || timestamp.isNull()) {
            return StreamRow.MISSING;
        }
        Instant at = instant(timestamp);
        if (at == null) {
            return shown(timestamp);
        }
        long seconds = Math.max(0, Duration.between(at, now).getSeconds());
        if (seconds < SECONDS_PER_MINUTE) {
            return seconds + "s ago";
        }
        if (seconds < SECONDS_PER_HOUR) {
            return seconds / SECONDS_PER_MINUTE + "m ago";
        }
        if (seconds < SECONDS_PER_DAY) {
            return seconds / SECONDS_PER_HOUR + "h ago";
        }
        return seconds / SECONDS_PER_DAY + "d ago";
    }

    /** A field of this object itself, its name matched without case, '_' or '-'. */
    static JsonNode own(JsonNode node, String[] aliases) {
        if (node == null || !node.isObject()) {
            return null;
        }
        for (String alias : aliases) {
            String wanted = normalize(alias);
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (normalize(field.getKey()).equals(wanted) && !field.getValue().isNull()) {
                    return field.getValue();
                }
            }
        }
        return null;
    }

    /** The field itself, else the same field inside one of the named nested objects. */
    static JsonNode findInGroups(JsonNode node, String[] aliases, String[] groups) {
        JsonNode value = own(node, aliases);
        if (value != null) {
            return value;
        }
        for (String group : groups) {
            JsonNode nested = own(node, new String[] {group});
            if (nested != null && nested.isObject()) {
                value = own(nested, aliases);
                if (value != null) {
                    return value;
                }
            }
        }
        return null;
    }

    static JsonNode firstGroup(JsonNode node, String[] groups) {
        for (String group : groups) {
            JsonNode nested = own(node, new String[] {group});
            if (nested != null && nested.isObject()) {
                return nested;
            }
        }
        return null;
    }

    static String normalize(String name) {
        return name.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }

    static String text(JsonNode node) {
        return node != null && node.isValueNode() && !node.asText().isEmpty() ? node.asText() : null;
    }

    static String integer(JsonNode node) {
        if (node != null && node.isIntegralNumber()) {
            return Long.toString(node.asLong());
        }
        if (node != null && node.isNumber()) {
            return Long.toString(Math.round(node.asDouble()));
        }
        return shown(node);
    }

    static String decimal(JsonNode node) {
        if (node != null && node.isNumber()) {
            return String.format(Locale.ROOT, "%.1f", node.asDouble());
        }
        return shown(node);
    }

    /** A value that is not what was expected is shown as it is, a missing or structured one as "-". */
    static String shown(JsonNode node) {
        return node != null && node.isValueNode() && !node.asText().isEmpty() ? node.asText() : StreamRow.MISSING;
    }
}
