package io.mysimbdp.apps.batch.write;

import io.mysimbdp.common.store.IdempotentBulkWriter;
import org.bson.Document;

import java.util.List;

/**
 * Stores one batch with the outcome of {@link IdempotentBulkWriter#insert} (failure indexes are positions in the
 * batch); {@code RawBsonBulkWriter::insert} in the app, a fake in tests.
 */
@FunctionalInterface
public interface BatchWriter {
    IdempotentBulkWriter.Outcome insert(List<Document> batch);
}
