package io.mysimbdp.apps.stream.sink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * A wrangled document as relaxed extended JSON (UTF-8), the value of a {@code <tenant>.<topic>.processed}
 * record: the same JSON as {@code document.toJson(RELAXED)}, written with Jackson's generator.
 *
 * <p>Why not {@link Document#toJson}: the bson JSON writer goes through a {@code StringBuilder}, the codec
 * registry per value and a per-character escaping helper; profiled on 200,000 listing messages it was
 * 57% of a multi-sink stream app's CPU (docs/performance.md). The values a wrangled document holds
 * (strings, numbers, booleans, null, dates, nested documents and lists) are written directly here;
 * a document with any other value type (ObjectId, Decimal128, binary...), or with text Jackson will not
 * encode (a lone surrogate), falls back to the bson writer as a whole, so the output is always relaxed
 * extended JSON.
 *
 * <p>Equal as JSON, not byte for byte: no blank after {@code :} and {@code ,}, and non-ASCII text is
 * written as UTF-8 rather than some of it as {@code \\u} escapes.
 */
final class ProcessedJson {
    static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
    /** Relaxed mode writes dates from 1970 to the end of 9999 as ISO-8601, others as {@code $numberLong}. */
    static final long LAST_MS_OF_YEAR_9999 = 253402300799999L;
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private ProcessedJson() {
    }

    /** The document's relaxed extended JSON as UTF-8 bytes. */
    static byte[] of(Document document) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(512);
        try (JsonGenerator out = FACTORY.createGenerator(bytes)) {
            if (!writeValue(out, document)) {
                return document.toJson(RELAXED).getBytes(StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            // not a write error (a byte array does not fail) but text Jackson will not encode, such as a
            // lone surrogate from an escaped "\ud800" in the message: the bson writer escapes it
            return document.toJson(RELAXED).getBytes(StandardCharsets.UTF_8);
        }
        return bytes.toByteArray();
    }

    /** False when the value (or one inside it) is of a type only the bson writer knows. */
    private static boolean writeValue(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String s) {
            out.writeString(s);
        } else if (value instanceof Boolean b) {
            out.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.writeNumber(((Number) value).intValue());
        } else if (value instanceof Long l) {
            out.writeNumber(l);
        } else if (value instanceof Double || value instanceof Float) {
            writeDouble(out, ((Number) value).doubleValue());
        } else if (value instanceof Date d) {
            writeDate(out, d.getTime());
        } else if (value instanceof Map<?, ?> map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    return false;
                }
                out.writeFieldName(key);
                if (!writeValue(out, e.getValue())) {
                    return false;
                }
            }
            out.writeEndObject();
        } else if (value instanceof List<?> list) {
            out.writeStartArray();
            for (Object item : list) {
                if (!writeValue(out, item)) {
                    return false;
                }
            }
            out.writeEndArray();
        } else {
            return false;
        }
        return true;
    }

    /** Finite doubles as numbers (Java's shortest form, as the bson writer), the rest as {@code $numberDouble}. */
    private static void writeDouble(JsonGenerator out, double v) throws IOException {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            out.writeStartObject();
            out.writeStringField("$numberDouble", Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
            out.writeEndObject();
        } else {
            out.writeNumber(Double.toString(v));
        }
    }

    private static void writeDate(JsonGenerator out, long millis) throws IOException {
        out.writeStartObject();
        if (millis < 0 || millis > LAST_MS_OF_YEAR_9999) {
            out.writeFieldName("$date");
            out.writeStartObject();
            out.writeStringField("$numberLong", Long.toString(millis));
            out.writeEndObject();
        } else {
            out.writeStringField("$date", ISO.format(Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC)));
        }
        out.writeEndObject();
    }
}
