package io.mysimbdp.apps.stream.settle;

import io.mysimbdp.apps.stream.dlq.DeadLetter;
import io.mysimbdp.apps.stream.sink.Written;
import io.mysimbdp.common.store.IdempotentBulkWriter;
import io.mysimbdp.common.store.StoreWriteErrors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Commit or rewind, from how a batch's write ended and its poison. */
class SettlementTest {
    static final ConsumerRecord<byte[], byte[]> A = message(10);
    static final ConsumerRecord<byte[], byte[]> B = message(11);
    static final ConsumerRecord<byte[], byte[]> C = message(12);
    static final DeadLetter NOT_JSON = new DeadLetter(message(9), "not valid JSON");
    static final int TOO_LARGE = 10334;   // the store's "document too large": about the record
    static final int NOT_PRIMARY = 10107; // the store's trouble, not the record's

    static ConsumerRecord<byte[], byte[]> message(long offset) {
        return new ConsumerRecord<>("tenant1.listings", 0, offset, null, new byte[]{'{', '}'});
    }

    static Written stored(int inserted, IdempotentBulkWriter.Failure... failures) {
        return new Written.Stored(new IdempotentBulkWriter.Outcome(inserted, 0, List.of(failures)));
    }

    @Test
    void aStoredBatchIsCommittedWithItsPoison() {
        Settlement.Decision d = Settlement.decide(stored(3), List.of(NOT_JSON), List.of(A, B, C));
        assertEquals(new Settlement.Commit(List.of(NOT_JSON)), d);
    }

    @Test
    void aDocumentTheStoreRefusesForGoodJoinsThePoisonNamedByItsMessage() {
        assertTrue(StoreWriteErrors.aboutTheRecord(TOO_LARGE));
        Settlement.Decision d = Settlement.decide(stored(2, new IdempotentBulkWriter.Failure(1, TOO_LARGE, "too large")),
                List.of(NOT_JSON), List.of(A, B, C));
        List<DeadLetter> poison = assertInstanceOf(Settlement.Commit.class, d).poison();
        assertEquals(2, poison.size());
        assertSame(NOT_JSON, poison.get(0));
        assertSame(B, poison.get(1).record(), "the failure's index names the document's message");
        assertEquals("the store refused the document: E10334 too large", poison.get(1).reason());
    }

    @Test
    void aRefusalThatIsTheStoresTroubleRewindsTheWholeBatchAndCountsAsAStoreFailure() {
        assertFalse(StoreWriteErrors.aboutTheRecord(NOT_PRIMARY));
        Settlement.Decision d = Settlement.decide(stored(1, new IdempotentBulkWriter.Failure(0, TOO_LARGE, "too large"),
                new IdempotentBulkWriter.Failure(2, NOT_PRIMARY, "not primary")), List.of(), List.of(A, B, C));
        Settlement.Rewind rewind = assertInstanceOf(Settlement.Rewind.class, d);
        assertTrue(rewind.storeFailed());
        assertEquals("the store refused documents for now (E10107 not primary)", rewind.what());
    }

    @Test
    void aBatchTheSinksTookIsCommittedWithOnlyItsOwnPoison() {
        // the lanes dead-lettered their refusals themselves: nothing is added here
        assertEquals(new Settlement.Commit(List.of(NOT_JSON)),
                Settlement.decide(Written.TAKEN_BY_SINKS, List.of(NOT_JSON), List.of(A)));
    }

    @Test
    void aFailedWriteIsAStoreFailureWhileSlowSinksOrAnInterruptAreNot() {
        IOException down = new IOException("connection refused");
        Settlement.Rewind failed = Settlement.writeFailed(down);
        assertTrue(failed.storeFailed());
        assertSame(down, failed.cause());
        Settlement.Rewind slow = Settlement.notTakenWithin(Duration.ofSeconds(2));
        assertFalse(slow.storeFailed());
        assertEquals("the sinks have not taken the batch within 2000 ms", slow.what());
        assertFalse(Settlement.interrupted(new InterruptedException()).storeFailed());
    }
}
