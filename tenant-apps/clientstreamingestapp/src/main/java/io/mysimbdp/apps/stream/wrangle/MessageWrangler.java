package io.mysimbdp.apps.stream.wrangle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mysimbdp.common.json.Json;
import io.mysimbdp.common.wrangle.RecordOrigin;
import io.mysimbdp.common.wrangle.RecordWrangler;
import io.mysimbdp.common.wrangle.WrangleResult;
import org.bson.Document;

import java.io.IOException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns one message into the document to store, or says why it goes to the DLQ. Pure: no Kafka
 * client, no store; the same message gives the same document (the {@code at} stamp aside).
 *
 * <p>A message is poison when it has no value, is larger than {@code maxMessageBytes}, is not
 * valid JSON (UTF-8), is not one JSON object, or is refused by the shared wrangler (types,
 * required fields, key fields, geo). Its {@code _id} is the tenant's key fields, else its position
 * {@code <topic>-<partition>-<offset>}, so a re-delivered message meets itself as a duplicate key.
 */
public final class MessageWrangler {
    private static final ObjectMapper MAPPER = Json.json();
    private static final JsonFactory FACTORY = MAPPER.getFactory();
    /** Parser messages quote the input; keep DLQ reasons readable. */
    private static final int MAX_PARSER_MESSAGE_CHARS = 200;

    private final RecordWrangler wrangler;
    private final int maxMessageBytes;
    private final String instanceId;

    public MessageWrangler(RecordWrangler wrangler, int maxMessageBytes, String instanceId) {
        this.wrangler = Objects.requireNonNull(wrangler);
        this.maxMessageBytes = maxMessageBytes;
        this.instanceId = instanceId;
    }

    /** What became of a message. */
    public sealed interface Outcome {
    }

    public record Accepted(Document document) implements Outcome {
    }

    public record Poison(String reason) implements Outcome {
    }

    /** The position of a message, as Kafka names it: {@code topic-partition-offset}. */
    public static String source(String topic, int partition, long offset) {
        return topic + "-" + partition + "-" + offset;
    }

    /**
     * @param topic the Kafka topic the message was read from ({@code <tenant>.<topic>})
     * @param value the message value as sent, or null
     * @param at    when the batch was read, stored in {@code _ingestion.at}
     */
    public Outcome wrangle(String topic, int partition, long offset, byte[] value, Date at) {
        if (value == null) {
            return new Poison("no value (a null message, e.g. a tombstone)");
        }
        if (value.length > maxMessageBytes) {
            return new Poison("message is " + value.length + " bytes, more than maxMessageBytes (" + maxMessageBytes + ")");
        }
        Object parsed;
        try {
            parsed = parse(value);
        } catch (JsonProcessingException e) {
            return new Poison("not valid JSON: " + shorten(e.getOriginalMessage()));
        } catch (IOException e) {
            return new Poison("not valid JSON: " + shorten(String.valueOf(e.getMessage())));
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            return new Poison("not a JSON object (found " + kind(parsed) + ")");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) map;
        WrangleResult result = wrangler.wrangle(fields, new MessageOrigin(topic, partition, offset, instanceId, at));
        if (result instanceof WrangleResult.Accepted accepted) {
            return new Accepted(accepted.document());
        }
        return new Poison(((WrangleResult.Rejected) result).reason());
    }

    /** One JSON value and nothing after it. */
    private static Object parse(byte[] value) throws IOException {
        try (JsonParser parser = FACTORY.createParser(value)) {
            if (parser.nextToken() == null) {
                throw new IOException("empty message");
            }
            Object parsed = MAPPER.readValue(parser, Object.class);
            if (parser.nextToken() != null) {
                throw new IOException("more than one JSON value in the message");
            }
            return parsed;
        }
    }

    private static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof String) {
            return "a string";
        }
        return value instanceof Boolean ? "a boolean" : "a number";
    }

    private static String shorten(String message) {
        String oneLine = message.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= MAX_PARSER_MESSAGE_CHARS ? oneLine : oneLine.substring(0, MAX_PARSER_MESSAGE_CHARS) + "…";
    }

    /**
     * A message's place in its topic: positional id {@code <topic>-<partition>-<offset>} and the
     * stamp {@code _ingestion: {topic, partition, offset, instance, at}}.
     */
    record MessageOrigin(String topic, int partition, long offset, String instance, Date at) implements RecordOrigin {
        @Override
        public String positionalId() {
            return source(topic, partition, offset);
        }

        @Override
        public Document stamp() {
            return new Document("topic", topic).append("partition", partition).append("offset", offset)
                    .append("instance", instance).append("at", at);
        }
    }
}
