package io.mysimbdp.apps.batch.write;

import io.mysimbdp.common.store.IdempotentBulkWriter;
import org.bson.Document;

import java.util.List;

/** Stores one batch; {@code IdempotentBulkWriter<Document>::insert} in the app, a fake in tests. */
@FunctionalInterface
public interface BatchWriter {
    IdempotentBulkWriter.Outcome insert(List<Document> batch);
}
