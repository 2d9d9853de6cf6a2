package io.mysimbdp.common.store;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;
import org.bson.codecs.CollectibleCodec;

import java.util.List;

/**
 * {@link IdempotentBulkWriter} for {@link Document}s that encodes each batch itself ({@link RawBsonEncoder}, one
 * per calling thread) and sends the bytes as they are: the same documents, {@code _id}s, unordered
 * {@code insertMany} and outcome per index (the encoded list keeps the batch's order) as writing the documents
 * through the collection's codec, for less CPU per document. Thread-safe like {@link IdempotentBulkWriter}.
 */
public final class RawBsonBulkWriter {
    private final IdempotentBulkWriter<RawBsonDocument> writer;
    private final ThreadLocal<RawBsonEncoder> encoders;
    private final CollectibleCodec<Document> ids;

    /** @param collection the collection, with the codec registry the app writes documents with (the fallback) */
    public RawBsonBulkWriter(MongoCollection<Document> collection) {
        Codec<Document> codec = collection.getCodecRegistry().get(Document.class);
        this.writer = new IdempotentBulkWriter<>(collection.withDocumentClass(RawBsonDocument.class));
        this.encoders = RawBsonEncoder.perThread(codec);
        this.ids = codec instanceof CollectibleCodec<Document> collectible ? collectible : null;
    }

    /**
     * As {@link IdempotentBulkWriter#insert}; failure indexes are positions in {@code documents}. A document
     * without an {@code _id} gets one from the codec first, as the driver gives it one (the apps' documents
     * always carry theirs).
     */
    public IdempotentBulkWriter.Outcome insert(List<Document> documents) {
        if (ids != null) {
            for (Document d : documents) {
                if (!d.containsKey(RawBsonEncoder.ID_FIELD)) {
                    ids.generateIdIfAbsentFromDocument(d);
                }
            }
        }
        return writer.insert(encoders.get().encodeAll(documents));
    }
}
