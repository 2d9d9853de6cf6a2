package io.mysimbdp.apps.stream;

import io.mysimbdp.apps.stream.sink.BatchSink;
import io.mysimbdp.apps.stream.sink.Written;
import io.mysimbdp.common.store.IdempotentBulkWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * One store as the batches' sink: {@link IdempotentBulkWriter#insert} in the app, a fake in tests.
 * Throws when the store cannot be used; the batch is then not written.
 */
@FunctionalInterface
public interface DocumentSink extends BatchSink {
    IdempotentBulkWriter.Outcome insert(List<Document> documents);

    /** The write of the batch on one of the loop's writer threads. */
    @Override
    default Future<Written> submit(List<Document> documents,
                                   List<ConsumerRecord<byte[], byte[]>> sources, ExecutorService writers) {
        return writers.submit(() -> new Written.Stored(insert(documents)));
    }
}
