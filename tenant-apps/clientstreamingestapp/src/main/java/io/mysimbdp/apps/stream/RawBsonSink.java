package io.mysimbdp.apps.stream;

import com.mongodb.client.MongoCollection;
import io.mysimbdp.common.store.IdempotentBulkWriter;
import io.mysimbdp.common.store.RawBsonEncoder;
import org.bson.Document;
import org.bson.RawBsonDocument;

/**
 * A collection as the loop's {@link DocumentSink}: each writer thread encodes its batch with its own
 * {@link RawBsonEncoder} and the idempotent bulk write sends the bytes as they are. Same documents, same
 * {@code _id}s, same outcome per index as writing the {@link Document}s through the driver's codec.
 */
final class RawBsonSink {
    private RawBsonSink() {
    }

    /** @param collection the collection, with the codec registry the app writes documents with (the fallback) */
    static DocumentSink over(MongoCollection<Document> collection) {
        IdempotentBulkWriter<RawBsonDocument> writer = new IdempotentBulkWriter<>(collection.withDocumentClass(RawBsonDocument.class));
        ThreadLocal<RawBsonEncoder> encoders = RawBsonEncoder.perThread(collection.getCodecRegistry().get(Document.class));
        return documents -> writer.insert(encoders.get().encodeAll(documents));
    }
}
