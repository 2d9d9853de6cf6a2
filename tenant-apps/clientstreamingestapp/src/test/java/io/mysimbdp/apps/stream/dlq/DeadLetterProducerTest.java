package io.mysimbdp.apps.stream.dlq;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The one way to the DLQ: the loop's poison and a sink's refusals, the same records but for the sink's name. */
class DeadLetterProducerTest {
    static final String DLQ = "tenant1.listings.dlq";
    static final int DLQ_MAX_VALUE_BYTES = 100;

    /** A broker that refuses values over {@link #DLQ_MAX_VALUE_BYTES}, or every record with {@code failure}. */
    static final class Broker extends MockProducer<byte[], byte[]> {
        final RuntimeException failure;

        Broker(RuntimeException failure) {
            super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
            this.failure = failure;
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            if (failure != null) {
                return CompletableFuture.failedFuture(failure);
            }
            if (record.value() != null && record.value().length > DLQ_MAX_VALUE_BYTES) {
                return CompletableFuture.failedFuture(new RecordTooLargeException("over " + DLQ_MAX_VALUE_BYTES + " bytes"));
            }
            return super.send(record, callback);
        }
    }

    @Test
    void theLoopsPoisonNamesNoSinkAndASinksRefusalsNameTheSink() throws Exception {
        Broker broker = new Broker(null);
        DeadLetterProducer dlq = new DeadLetterProducer(broker, DLQ, "inst-1", Duration.ofSeconds(5));

        dlq.send(List.of(new DeadLetter(message(1, "not json"), "not valid JSON")));
        dlq.send(List.of(new DeadLetter(message(2, "{}"), "sink kafka failed 3 time(s)")), "kafka");

        List<ProducerRecord<byte[], byte[]>> sent = broker.history();
        assertEquals(2, sent.size());
        assertNull(sent.get(0).headers().lastHeader(DeadLetterProducer.SINK_HEADER));
        assertEquals("not valid JSON", text(sent.get(0).headers().lastHeader(DeadLetters.REASON_HEADER)));
        assertEquals("kafka", text(sent.get(1).headers().lastHeader(DeadLetterProducer.SINK_HEADER)));
        assertEquals("sink kafka failed 3 time(s)", text(sent.get(1).headers().lastHeader(DeadLetters.REASON_HEADER)));
        assertEquals("tenant1.listings-0-2", text(sent.get(1).headers().lastHeader(DeadLetters.SOURCE_HEADER)));
    }

    @Test
    void aSinksLetterTooLargeForTheDlqIsSentWithoutItsValueStillNamingTheSink() throws Exception {
        Broker broker = new Broker(null);
        DeadLetterProducer dlq = new DeadLetterProducer(broker, DLQ, "inst-1", Duration.ofSeconds(5));

        dlq.send(List.of(new DeadLetter(message(1, "x".repeat(DLQ_MAX_VALUE_BYTES + 1)), "the store refused the document"),
                new DeadLetter(message(2, "small"), "the store refused the document")), "mongodb");

        List<ProducerRecord<byte[], byte[]>> sent = broker.history();
        assertEquals(2, sent.size());
        assertArrayEquals("small".getBytes(StandardCharsets.UTF_8), sent.get(0).value());
        ProducerRecord<byte[], byte[]> large = sent.get(1);
        assertNull(large.value());
        assertEquals(String.valueOf(DLQ_MAX_VALUE_BYTES + 1), text(large.headers().lastHeader(DeadLetters.VALUE_OMITTED_HEADER)));
        assertEquals("mongodb", text(large.headers().lastHeader(DeadLetterProducer.SINK_HEADER)));
        assertEquals("tenant1.listings-0-1", text(large.headers().lastHeader(DeadLetters.SOURCE_HEADER)));
    }

    @Test
    void anyOtherRefusalOfTheDlqIsAFailureForTheCaller() {
        DeadLetterProducer dlq = new DeadLetterProducer(new Broker(new NotLeaderOrFollowerException("moved")), DLQ, "inst-1",
                Duration.ofSeconds(5));

        DeadLetterProducer.DeadLetterFailure failure = assertThrows(DeadLetterProducer.DeadLetterFailure.class,
                () -> dlq.send(List.of(new DeadLetter(message(1, "{}"), "refused")), "kafka"));
        assertInstanceOf(NotLeaderOrFollowerException.class, failure.getCause());
    }

    private static ConsumerRecord<byte[], byte[]> message(long offset, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return new ConsumerRecord<>("tenant1.listings", 0, offset, 1_700_000_000_000L, TimestampType.CREATE_TIME,
                -1, bytes.length, null, bytes, new RecordHeaders(), Optional.empty());
    }

    private static String text(Header header) {
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
