package io.mysimbdp.apps.stream.dlq;

import io.mysimbdp.apps.stream.wrangle.MessageWrangler;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Builds the DLQ record of a poison message: the original key, value and headers, unchanged, plus
 * {@code mysimbdp-reason} (why), {@code mysimbdp-source} ({@code topic-partition-offset}) and
 * {@code mysimbdp-instance} (who refused it). Pure.
 */
public final class DeadLetters {
    public static final String REASON_HEADER = "mysimbdp-reason";
    public static final String SOURCE_HEADER = "mysimbdp-source";
    public static final String INSTANCE_HEADER = "mysimbdp-instance";
    /** Set instead of the value when the DLQ topic refused the message as too large. */
    static final String VALUE_OMITTED_HEADER = "mysimbdp-value-omitted";
    /** A reason is a short text; a wrangler's reason already cuts long values. */
    static final int MAX_REASON_CHARS = 1000;
    private static final Set<String> OWN_HEADERS = Set.of(REASON_HEADER, SOURCE_HEADER, INSTANCE_HEADER, VALUE_OMITTED_HEADER);

    private DeadLetters() {
    }

    /**
     * The DLQ record of a message. Its timestamp is left to the producer (now): with the original
     * one, a DLQ topic's time-based retention could drop an old message as soon as it arrives.
     */
    static ProducerRecord<byte[], byte[]> of(String dlqTopic, ConsumerRecord<byte[], byte[]> message, String reason,
                                             String instanceId) {
        return new ProducerRecord<>(dlqTopic, null, null, message.key(), message.value(),
                headers(message, reason, instanceId, false));
    }

    /**
     * The DLQ record of a message too large for the DLQ topic: key and headers as in {@link #of},
     * no value, and {@code mysimbdp-value-omitted} with the value's size. Kept rather than lost so
     * the DLQ still names the message (its source) and why it was refused.
     */
    static ProducerRecord<byte[], byte[]> withoutValue(String dlqTopic, ConsumerRecord<byte[], byte[]> message,
                                                       String reason, String instanceId) {
        return new ProducerRecord<>(dlqTopic, null, null, message.key(), null,
                headers(message, reason, instanceId, true));
    }

    private static RecordHeaders headers(ConsumerRecord<byte[], byte[]> message, String reason, String instanceId,
                                         boolean valueOmitted) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : message.headers()) {
            if (!OWN_HEADERS.contains(header.key())) {   // a re-driven DLQ message gets fresh ones
                headers.add(header);
            }
        }
        headers.add(REASON_HEADER, utf8(reason.length() <= MAX_REASON_CHARS ? reason : reason.substring(0, MAX_REASON_CHARS) + "…"));
        headers.add(SOURCE_HEADER, utf8(MessageWrangler.source(message.topic(), message.partition(), message.offset())));
        headers.add(INSTANCE_HEADER, utf8(instanceId));
        if (valueOmitted) {
            headers.add(VALUE_OMITTED_HEADER, utf8(String.valueOf(message.value() == null ? 0 : message.value().length)));
        }
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
