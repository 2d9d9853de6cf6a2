package io.mysimbdp.apps.stream.sink;

import io.mysimbdp.apps.stream.DocumentSink;
import io.mysimbdp.apps.stream.wrangle.StreamQuality;
import io.mysimbdp.common.store.IdempotentBulkWriter;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

/**
 * The sink with quality rules: a batch's {@link StreamQuality.Quarantined} documents go to the
 * quarantine collection, the others to the main one; the outcome is the batch's as a whole, with
 * refused documents named by their index in the batch. Either write failing fails the batch (it is
 * retried, and meets what was written as duplicates).
 */
public final class QuarantineRouting implements DocumentSink {
    private final DocumentSink main;
    private final DocumentSink quarantine;

    public QuarantineRouting(DocumentSink main, DocumentSink quarantine) {
        this.main = main;
        this.quarantine = quarantine;
    }

    @Override
    public IdempotentBulkWriter.Outcome insert(List<Document> documents) {
        List<Document> good = new ArrayList<>(documents.size());
        List<Integer> goodIndex = new ArrayList<>(documents.size());
        List<Document> held = new ArrayList<>();
        List<Integer> heldIndex = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            Document d = documents.get(i);
            if (d instanceof StreamQuality.Quarantined) {
                held.add(new Document(d));   // a plain Document, as the collection's codec expects
                heldIndex.add(i);
            } else {
                good.add(d);
                goodIndex.add(i);
            }
        }
        if (held.isEmpty()) {
            return main.insert(documents);
        }
        IdempotentBulkWriter.Outcome a = main.insert(good);
        IdempotentBulkWriter.Outcome b = quarantine.insert(held);
        List<IdempotentBulkWriter.Failure> failures = new ArrayList<>();
        a.failures().forEach(f -> failures.add(new IdempotentBulkWriter.Failure(goodIndex.get(f.index()), f.code(), f.reason())));
        b.failures().forEach(f -> failures.add(new IdempotentBulkWriter.Failure(heldIndex.get(f.index()), f.code(), f.reason())));
        return new IdempotentBulkWriter.Outcome(a.inserted() + b.inserted(), a.duplicates() + b.duplicates(), failures);
    }
}
