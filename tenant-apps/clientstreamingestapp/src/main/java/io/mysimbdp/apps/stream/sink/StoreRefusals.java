package io.mysimbdp.apps.stream.sink;

import io.mysimbdp.apps.stream.settle.Settlement;
import io.mysimbdp.common.store.IdempotentBulkWriter;
import io.mysimbdp.common.store.StoreWriteErrors;

import java.util.ArrayList;
import java.util.List;

/**
 * Sorts the failures of a store write, the one rule both sink paths follow (the loop's single store through
 * {@link Settlement}, the {@code mongodb} lane through {@link MongoRecordSink}). A document the store refuses for a
 * reason of its own ({@link StoreWriteErrors#aboutTheRecord}) can never be written: a refusal, for the DLQ. Any other
 * failure, an unknown code included, is the store's trouble: nothing of the batch counts as written, it is tried
 * again. Pure.
 */
public final class StoreRefusals {
    private StoreRefusals() {
    }

    /** What a write's failures mean. */
    public sealed interface Sorted {
    }

    /** The store cannot take the batch now; {@code what} names the first such failure. */
    public record StoreTrouble(String what) implements Sorted {
    }

    /** The batch is written except these documents, which never will be (indexes into the batch). */
    public record Refused(List<RecordSink.Refusal> documents) implements Sorted {
    }

    public static Sorted sort(IdempotentBulkWriter.Outcome outcome) {
        for (IdempotentBulkWriter.Failure failure : outcome.failures()) {
            if (!StoreWriteErrors.aboutTheRecord(failure.code())) {
                return new StoreTrouble("the store refused documents for now (E" + failure.code() + " " + failure.reason() + ")");
            }
        }
        List<RecordSink.Refusal> refused = new ArrayList<>(outcome.failures().size());
        for (IdempotentBulkWriter.Failure failure : outcome.failures()) {
            // The document itself is unacceptable (too large, a bad field name): retrying cannot help.
            refused.add(new RecordSink.Refusal(failure.index(),
                    "the store refused the document: E" + failure.code() + " " + failure.reason()));
        }
        return new Refused(refused);
    }
}
