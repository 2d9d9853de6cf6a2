package io.mysimbdp.batch.ledger;

import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

/**
 * What to do with a ledger row whose write failed, as a pure decision. A store that cannot be
 * reached is waited for without end (every row is kept, in order); a row the store or the driver
 * refuses (too large, invalid) is tried a few times and then set aside, so rows behind it flow.
 */
public final class LedgerRetry {
    public enum Action { RETRY, SET_ASIDE }

    private LedgerRetry() {
    }

    /** True when the failure says nothing about the row: the store is down, busy or changing primaries. */
    public static boolean storeUnavailable(Throwable e) {
        if (e instanceof MongoTimeoutException || e instanceof MongoSocketException || e instanceof MongoNotPrimaryException
                || e instanceof MongoNodeIsRecoveringException || e instanceof MongoInterruptedException
                || e instanceof MongoExecutionTimeoutException) {
            return true;
        }
        return e instanceof MongoException m && (m.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
                || m.hasErrorLabel("RetryableWriteError"));
    }

    /**
     * @param failures the row's refused writes so far, this one included (failures of an unavailable store are not counted)
     */
    public static Action decide(Throwable e, int failures, int maxAttempts) {
        if (storeUnavailable(e)) {
            return Action.RETRY;
        }
        return failures >= maxAttempts ? Action.SET_ASIDE : Action.RETRY;
    }
}
