package io.mysimbdp.apps.stream.sink;

import io.mysimbdp.apps.stream.DocumentSink;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;

import java.util.List;

/**
 * The tenant database as a sink: the idempotent bulk write the single-sink app does. A document
 * meeting itself ({@code _id} already there) is taken; the store's trouble is a failure (retried
 * by the lane); the document's own trouble is a refusal (to the DLQ), sorted by {@link StoreRefusals} as for a single store.
 */
final class MongoRecordSink implements RecordSink {
    static final String NAME = "mongodb";
    private final DocumentSink store;

    MongoRecordSink(DocumentSink store) {
        this.store = store;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Refusal> deliver(List<Document> documents, List<ConsumerRecord<byte[], byte[]>> sources) throws SinkFailure {
        StoreRefusals.Sorted sorted = StoreRefusals.sort(store.insert(documents));
        if (sorted instanceof StoreRefusals.StoreTrouble trouble) {
            throw new SinkFailure(trouble.what());
        }
        return ((StoreRefusals.Refused) sorted).documents();
    }

    /** Ids are idempotent: re-delivering what the store has costs a duplicate-key count, no copy. */
    @Override
    public long resumeOffset(TopicPartition source) {
        return 0;
    }

    @Override
    public void close() {
        // the client belongs to the app
    }

    /** The sink cannot take the batch now. */
    static final class SinkFailure extends Exception {
        SinkFailure(String message) {
            super(message);
        }
    }
}
