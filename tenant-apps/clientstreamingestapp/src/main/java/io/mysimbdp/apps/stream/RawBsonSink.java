package io.mysimbdp.apps.stream;

import com.mongodb.client.MongoCollection;
import io.mysimbdp.common.store.RawBsonBulkWriter;
import org.bson.Document;

/**
 * A collection as the loop's {@link DocumentSink}: the batch app's {@link RawBsonBulkWriter} (each writer thread
 * encodes its batch with its own encoder, the idempotent bulk write sends the bytes as they are). Same documents,
 * same {@code _id}s, same outcome per index as writing the {@link Document}s through the driver's codec.
 */
final class RawBsonSink {
    private RawBsonSink() {
    }

    /** @param collection the collection, with the codec registry the app writes documents with (the fallback) */
    static DocumentSink over(MongoCollection<Document> collection) {
        return new RawBsonBulkWriter(collection)::insert;
    }
}
