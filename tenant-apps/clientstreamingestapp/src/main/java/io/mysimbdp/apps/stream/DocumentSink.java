package io.mysimbdp.apps.stream;

import io.mysimbdp.common.store.IdempotentBulkWriter;
import org.bson.Document;

import java.util.List;

/**
 * Where batches go: {@link IdempotentBulkWriter#insert} in the app, a fake in tests.
 * Throws when the store cannot be used; the batch is then not written.
 */
@FunctionalInterface
interface DocumentSink {
    IdempotentBulkWriter.Outcome insert(List<Document> documents);
}
