package io.mysimbdp.apps.stream.sink;

import io.mysimbdp.apps.stream.DocumentSink;
import io.mysimbdp.apps.stream.dlq.DeadLetterProducer;
import io.mysimbdp.apps.stream.settle.Settlement;
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
 *
 * <p><b>Why the single store is not a fan-out of one lane.</b> A {@link SinkLane} delivers one batch at a time, in
 * offer order (its taken marks, {@link TakenOffsets}, are only right that way), retries in memory, reports its own
 * figures and marks its DLQ records with the sink. The single store is written {@code writers} batches at once on
 * the loop's threads, and its trouble rewinds the consumer (the report's {@code store_unreachable_since});
 * docs/tenant-app-contract.md promises the {@code sinks} report field and the {@code mysimbdp-sink} header only
 * with {@code MYSIMBDP_SINKS}. What both paths share is written once: the sorting of a store write's failures
 * ({@link StoreRefusals}), the way to the DLQ ({@link DeadLetterProducer#send(List, String)}) and the
 * commit-or-rewind decision ({@link Settlement}).
 */
public interface BatchSink {
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
