package io.mysimbdp.apps.stream.settle;

import io.mysimbdp.apps.stream.dlq.DeadLetter;
import io.mysimbdp.apps.stream.sink.RecordSink;
import io.mysimbdp.apps.stream.sink.StoreRefusals;
import io.mysimbdp.apps.stream.sink.Written;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What to do with a batch whose write ended: commit it (after its poison is in the DLQ) or rewind it
 * and every later batch (nothing is committed, the same messages are read again). Pure: the loop
 * does the I/O the decision names.
 *
 * <p>A document the store refuses for good joins the batch's poison; the store's own trouble rewinds the
 * batch, as when the write failed or the sinks did not take it in time: {@link StoreRefusals} sorts them,
 * for the {@code mongodb} lane of several sinks too.
 */
public final class Settlement {
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

    /** The write ended with a result: its failures sorted by {@link StoreRefusals}, the refused documents join the poison. */
    static Decision decide(Written written, List<DeadLetter> poison, List<ConsumerRecord<byte[], byte[]>> documentSources) {
        if (!(written instanceof Written.Stored stored)) {
            return new Commit(poison);   // the sinks' lanes dead-lettered their own refusals
        }
        StoreRefusals.Sorted sorted = StoreRefusals.sort(stored.outcome());
        if (sorted instanceof StoreRefusals.StoreTrouble trouble) {
            return new Rewind(trouble.what(), null, true);
        }
        List<RecordSink.Refusal> refused = ((StoreRefusals.Refused) sorted).documents();
        if (refused.isEmpty()) {
            return new Commit(poison);
        }
        List<DeadLetter> all = new ArrayList<>(poison);
        refused.forEach(refusal -> all.add(refusal.letter(documentSources)));
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
