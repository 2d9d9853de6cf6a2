package io.mysimbdp.apps.stream.sink;

import io.mysimbdp.apps.stream.dlq.DeadLetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;

import java.util.List;

/**
 * One destination of the wrangled records in multi-sink mode ({@code MYSIMBDP_SINKS}), driven by
 * its own {@link SinkLane}: the lane retries, buffers and dead-letters; a sink only delivers.
 */
public interface RecordSink extends AutoCloseable {
    /** The sink's type as the profile names it ({@code mongodb}, {@code kafka}): the metric label. */
    String name();

    /**
     * Delivers one batch, all of it or nothing usable: throws when the sink is failing (the lane
     * retries the batch); returns the documents the sink refuses for good (they go to the DLQ).
     *
     * @param sources the message of each document, by index
     */
    List<Refusal> deliver(List<Document> documents, List<ConsumerRecord<byte[], byte[]>> sources) throws Exception;

    /**
     * The first source offset of the partition this sink has not taken yet, as far as the sink
     * itself can tell (after a restart); 0 when it cannot tell.
     */
    long resumeOffset(TopicPartition source) throws Exception;

    @Override
    void close();

    /** A document the sink cannot take, ever (too large, refused by the store): index into the batch. */
    record Refusal(int index, String reason) {
        /** The DLQ record of the refused document: its message, by index into the batch's sources. */
        public DeadLetter letter(List<ConsumerRecord<byte[], byte[]>> sources) {
            return new DeadLetter(sources.get(index), reason);
        }
    }
}
