package io.mysimbdp.batch.ledger;

import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import org.bson.BsonMaximumSizeExceededException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LedgerRetryTest {
    @Test
    void aStoreThatIsDownIsWaitedForWithoutEnd() {
        assertEquals(LedgerRetry.Action.RETRY, LedgerRetry.decide(new MongoTimeoutException("no server"), 1_000, 5));
        assertEquals(LedgerRetry.Action.RETRY,
                LedgerRetry.decide(new MongoSocketOpenException("refused", new ServerAddress()), 1_000, 5));
    }

    @Test
    void aRowTheStoreRefusesIsSetAsideAfterItsAttempts() {
        RuntimeException tooLarge = new BsonMaximumSizeExceededException("Payload document size is larger than maximum of 16793600.");
        assertEquals(LedgerRetry.Action.RETRY, LedgerRetry.decide(tooLarge, 4, 5));
        assertEquals(LedgerRetry.Action.SET_ASIDE, LedgerRetry.decide(tooLarge, 5, 5));
    }
}
