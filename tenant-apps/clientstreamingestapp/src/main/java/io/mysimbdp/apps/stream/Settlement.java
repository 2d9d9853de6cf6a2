package io.mysimbdp.apps.stream;

import io.mysimbdp.common.store.IdempotentBulkWriter;
import io.mysimbdp.common.store.StoreWriteErrors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What to do with a batch whose write ended: commit it (after its poison is in the DLQ) or rewind it
 * and every later batch (nothing is committed, the same messages are read again). Pure: the loop
 * does the I/O the decision names.
 *
 * <p>A document the store refuses for a reason of its own ({@link StoreWriteErrors#aboutTheRecord}) cannot
 * be written by a retry: it joins the batch's poison. Any other refusal, an unknown code included, is
 * the store's trouble: the batch is rewound, as when the write failed or the sinks did not take it in time.
 */
final class Settlement {
    private Settlement() {
    }

    /** The loop's next step for a batch. */
    sealed interface Decision {
    }

    /**
     * The batch is written: send {@code poison} to the DLQ, then commit.
     *
     * @param poison the batch's poison messages and the documents the store refused for good
     */
    record Commit(List<DeadLetter> poison) implements Decision {
    }

    /**
     * The batch is not written: rewind it and every later one.
     *
     * @param what        the failure, for the log and the batch's span
     * @param cause       the error, or null
     * @param storeFailed the store itself failed (the report counts it), not a sink's patience
     */
    record Rewind(String what, Throwable cause, boolean storeFailed) implements Decision {
    }

    /** The write ended with a result. */
    static Decision decide(Written written, List<DeadLetter> poison, List<ConsumerRecord<byte[], byte[]>> documentSources) {
        if (!(written instanceof Written.Stored stored)) {
            return new Commit(poison);   // the sinks' lanes dead-lettered their own refusals
        }
        IdempotentBulkWriter.Outcome outcome = stored.outcome();
        for (IdempotentBulkWriter.Failure failure : outcome.failures()) {
            if (!StoreWriteErrors.aboutTheRecord(failure.code())) {
                return new Rewind("the store refused documents for now (E" + failure.code() + " " + failure.reason() + ")",
                        null, true);
            }
        }
        if (outcome.failed() == 0) {
            return new Commit(poison);
        }
        List<DeadLetter> all = new ArrayList<>(poison);
        for (IdempotentBulkWriter.Failure failure : outcome.failures()) {
            // The document itself is unacceptable (too large, a bad field name): retrying cannot help.
            all.add(new DeadLetter(documentSources.get(failure.index()),
                    "the store refused the document: E" + failure.code() + " " + failure.reason()));
        }
        return new Commit(all);
    }

    /** The write threw: the store failed. */
    static Rewind writeFailed(Throwable cause) {
        return new Rewind("the store write failed", cause, true);
    }

    /** The sinks did not take the batch within the wait a settling batch has. */
    static Rewind notTakenWithin(Duration wait) {
        return new Rewind("the sinks have not taken the batch within " + wait.toMillis() + " ms", null, false);
    }

    /** The loop was interrupted while it waited for the write. */
    static Rewind interrupted(InterruptedException e) {
        return new Rewind("interrupted while writing", e, false);
    }
}
