package io.mysimbdp.apps.stream.sink;

import io.mysimbdp.common.store.IdempotentBulkWriter;
import io.mysimbdp.common.store.StoreWriteErrors;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one sorting of a store write's failures, for the single store and the mongodb lane alike. */
class StoreRefusalsTest {
    static final int TOO_LARGE = 10334;   // about the record
    static final int NOT_PRIMARY = 10107; // the store's trouble
    static final int UNKNOWN = 424242;    // a code nobody listed: the store's trouble too

    static IdempotentBulkWriter.Outcome outcome(IdempotentBulkWriter.Failure... failures) {
        return new IdempotentBulkWriter.Outcome(3 - failures.length, 0, List.of(failures));
    }

    @Test
    void aWriteWithoutFailuresRefusesNothing() {
        assertEquals(new StoreRefusals.Refused(List.of()), StoreRefusals.sort(outcome()));
    }

    @Test
    void documentsRefusedForGoodAreNamedByIndexWithTheStoresCodeAndReason() {
        assertTrue(StoreWriteErrors.aboutTheRecord(TOO_LARGE));
        assertEquals(new StoreRefusals.Refused(List.of(
                        new RecordSink.Refusal(0, "the store refused the document: E10334 too large"),
                        new RecordSink.Refusal(2, "the store refused the document: E10334 still too large"))),
                StoreRefusals.sort(outcome(new IdempotentBulkWriter.Failure(0, TOO_LARGE, "too large"),
                        new IdempotentBulkWriter.Failure(2, TOO_LARGE, "still too large"))));
    }

    @Test
    void oneFailureThatIsTheStoresTroubleMakesTheWholeBatchTroubleWhereverItIs() {
        assertFalse(StoreWriteErrors.aboutTheRecord(NOT_PRIMARY));
        assertEquals(new StoreRefusals.StoreTrouble("the store refused documents for now (E10107 not primary)"),
                StoreRefusals.sort(outcome(new IdempotentBulkWriter.Failure(0, TOO_LARGE, "too large"),
                        new IdempotentBulkWriter.Failure(1, NOT_PRIMARY, "not primary"))));
        assertEquals(new StoreRefusals.StoreTrouble("the store refused documents for now (E10107 not primary)"),
                StoreRefusals.sort(outcome(new IdempotentBulkWriter.Failure(1, NOT_PRIMARY, "not primary"),
                        new IdempotentBulkWriter.Failure(2, TOO_LARGE, "too large"))));
    }

    @Test
    void anUnknownCodeIsTheStoresTroubleNotTheRecords() {
        assertFalse(StoreWriteErrors.aboutTheRecord(UNKNOWN));
        assertEquals(new StoreRefusals.StoreTrouble("the store refused documents for now (E424242 store full)"),
                StoreRefusals.sort(outcome(new IdempotentBulkWriter.Failure(0, UNKNOWN, "store full"))));
    }
}
