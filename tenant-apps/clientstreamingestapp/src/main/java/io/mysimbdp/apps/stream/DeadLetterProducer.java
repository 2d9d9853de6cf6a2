package io.mysimbdp.apps.stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends poison messages to the topic's DLQ ({@link DeadLetters} builds the records) and waits until
 * the broker has them: the loop commits a batch only after its poison is durable, a sink's lane
 * counts a message as taken only after that.
 */
final class DeadLetterProducer {
    /** The DLQ record of a message a sink could not take names the sink. */
    static final String SINK_HEADER = "mysimbdp-sink";
    /** Poison messages named in the log per batch; all of them are in the DLQ. */
    private static final int POISON_LOGGED_PER_BATCH = 3;
    private static final Logger LOG = Logger.getLogger(DeadLetterProducer.class);

    private final Producer<byte[], byte[]> producer;
    private final String dlqTopic;
    private final String instanceId;
    private final Duration callTimeout;

    DeadLetterProducer(Producer<byte[], byte[]> producer, String dlqTopic, String instanceId, Duration callTimeout) {
        this.producer = producer;
        this.dlqTopic = dlqTopic;
        this.instanceId = instanceId;
        this.callTimeout = callTimeout;
    }

    String topic() {
        return dlqTopic;
    }

    /** The DLQ did not take a batch's poison messages. */
    static final class DeadLetterFailure extends Exception {
        DeadLetterFailure(Throwable cause) {
            super(cause);
        }
    }

    /**
     * A batch's poison; a message too large for the DLQ topic is sent again without its value
     * ({@link DeadLetters#withoutValue}) rather than lost.
     */
    void send(List<DeadLetter> poison) throws DeadLetterFailure {
        List<Future<RecordMetadata>> sent = new ArrayList<>(poison.size());
        try {
            for (DeadLetter letter : poison) {
                sent.add(producer.send(DeadLetters.of(dlqTopic, letter.record(), letter.reason(), instanceId)));
            }
            producer.flush();
            for (int i = 0; i < sent.size(); i++) {
                try {
                    sent.get(i).get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof RecordTooLargeException)) {
                        throw new DeadLetterFailure(e.getCause());
                    }
                    DeadLetter letter = poison.get(i);
                    LOG.warnf("%s: message too large for %s; sent without its value", LogText.source(letter.record()), dlqTopic);
                    producer.send(DeadLetters.withoutValue(dlqTopic, letter.record(), letter.reason(), instanceId))
                            .get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (KafkaException | ExecutionException | TimeoutException e) {
            throw new DeadLetterFailure(e instanceof ExecutionException ? e.getCause() : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterFailure(e);
        }
        StringJoiner first = new StringJoiner("; ");
        for (int i = 0; i < Math.min(POISON_LOGGED_PER_BATCH, poison.size()); i++) {
            first.add(LogText.source(poison.get(i).record()) + ": " + poison.get(i).reason());
        }
        LOG.infof("sent %d poison message(s) to %s (%s%s)", poison.size(), dlqTopic, first,
                poison.size() > POISON_LOGGED_PER_BATCH ? "; ..." : "");
    }

    /** Messages a sink could not take, each with the sink's name in {@value #SINK_HEADER}; throws when the DLQ did not take them. */
    void sendForSink(String sink, List<ConsumerRecord<byte[], byte[]>> messages, List<String> reasons) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            ProducerRecord<byte[], byte[]> letter = DeadLetters.of(dlqTopic, messages.get(i), reasons.get(i), instanceId);
            letter.headers().add(SINK_HEADER, sink.getBytes(StandardCharsets.UTF_8));
            sent.add(producer.send(letter));
        }
        producer.flush();
        for (Future<RecordMetadata> each : sent) {
            each.get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
