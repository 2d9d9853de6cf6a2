package io.mysimbdp.apps.stream.dlq;

import io.mysimbdp.apps.stream.LogText;
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
 * counts a message as taken only after that. One way to the DLQ for both: the loop's poison and a
 * sink's refusals (marked with the sink).
 */
public final class DeadLetterProducer {
    /** The DLQ record of a message a sink could not take names the sink. */
    public static final String SINK_HEADER = "mysimbdp-sink";
    /** Poison messages named in the log per batch; all of them are in the DLQ. */
    private static final int POISON_LOGGED_PER_BATCH = 3;
    private static final Logger LOG = Logger.getLogger(DeadLetterProducer.class);

    private final Producer<byte[], byte[]> producer;
    private final String dlqTopic;
    private final String instanceId;
    private final Duration callTimeout;

    public DeadLetterProducer(Producer<byte[], byte[]> producer, String dlqTopic, String instanceId, Duration callTimeout) {
        this.producer = producer;
        this.dlqTopic = dlqTopic;
        this.instanceId = instanceId;
        this.callTimeout = callTimeout;
    }

    public String topic() {
        return dlqTopic;
    }

    /** The DLQ did not take a batch's poison messages. */
    public static final class DeadLetterFailure extends Exception {
        DeadLetterFailure(Throwable cause) {
            super(cause);
        }
    }

    /** A batch's poison (wrangling, quality rules, documents the store refused for good): the loop's own. */
    public void send(List<DeadLetter> poison) throws DeadLetterFailure {
        send(poison, null);
    }

    /**
     * Messages for the DLQ, every path's one way there; a message too large for the DLQ topic is sent again
     * without its value ({@link DeadLetters#withoutValue}) rather than lost.
     *
     * @param sink the sink that could not take them, named in {@value #SINK_HEADER}; null for the loop's own poison
     */
    public void send(List<DeadLetter> letters, String sink) throws DeadLetterFailure {
        List<Future<RecordMetadata>> sent = new ArrayList<>(letters.size());
        try {
            for (DeadLetter letter : letters) {
                sent.add(producer.send(marked(DeadLetters.of(dlqTopic, letter.record(), letter.reason(), instanceId), sink)));
            }
            producer.flush();
            for (int i = 0; i < sent.size(); i++) {
                try {
                    sent.get(i).get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof RecordTooLargeException)) {
                        throw new DeadLetterFailure(e.getCause());
                    }
                    DeadLetter letter = letters.get(i);
                    LOG.warnf("%s: message too large for %s; sent without its value", LogText.source(letter.record()), dlqTopic);
                    producer.send(marked(DeadLetters.withoutValue(dlqTopic, letter.record(), letter.reason(), instanceId), sink))
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
        for (int i = 0; i < Math.min(POISON_LOGGED_PER_BATCH, letters.size()); i++) {
            first.add(LogText.source(letters.get(i).record()) + ": " + letters.get(i).reason());
        }
        LOG.infof("sent %d %s message(s) to %s (%s%s)", letters.size(), sink == null ? "poison" : "sink " + sink + "'s untakeable",
                dlqTopic, first, letters.size() > POISON_LOGGED_PER_BATCH ? "; ..." : "");
    }

    private static ProducerRecord<byte[], byte[]> marked(ProducerRecord<byte[], byte[]> letter, String sink) {
        if (sink != null) {
            letter.headers().add(SINK_HEADER, sink.getBytes(StandardCharsets.UTF_8));
        }
        return letter;
    }
}
