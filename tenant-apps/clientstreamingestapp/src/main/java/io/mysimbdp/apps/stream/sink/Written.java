package io.mysimbdp.apps.stream.sink;

import io.mysimbdp.apps.stream.settle.Settlement;
import io.mysimbdp.common.store.IdempotentBulkWriter;

/** How a batch's write ended on its sink(s), for {@link Settlement}. */
public sealed interface Written {
    /** Every sink took the batch: its refusals are in the DLQ already (each lane sent its own). */
    Written TAKEN_BY_SINKS = new TakenBySinks();

    /** The store wrote the batch; the outcome's failures are still to be sorted. */
    record Stored(IdempotentBulkWriter.Outcome outcome) implements Written {
    }

    /** The sinks' lanes took the batch. */
    record TakenBySinks() implements Written {
    }
}
