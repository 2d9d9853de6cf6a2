package io.mysimbdp.apps.stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Where the stream loop hands its batches: one store ({@link DocumentSink}) or several sinks
 * ({@link SinkFanOut}). The defaults are the single-sink behaviour.
 */
interface BatchSink {
    /** Starts the write of a batch; the future completes when the batch may be settled ({@link Settlement}). */
    Future<Written> submit(List<Document> documents,
                                                List<ConsumerRecord<byte[], byte[]>> sources, ExecutorService writers);

    /** Batches the loop may have in hand before it waits for the oldest. */
    default int inFlightLimit(int writers) {
        return writers;
    }

    /** False when a batch of this many messages must wait (the consumer pauses meanwhile). */
    default boolean hasRoomFor(int messages) {
        return true;
    }

    /** How long to wait for a batch being settled before treating it as failed; null: as long as it takes. */
    default Duration settleWait() {
        return null;
    }

    /** The partitions were taken away from this instance. */
    default void revoked(Collection<TopicPartition> partitions) {
    }

    /** Per-sink figures for the report, or null (single sink: the report has none). */
    default Map<String, SinkFigures> figures() {
        return null;
    }
}
