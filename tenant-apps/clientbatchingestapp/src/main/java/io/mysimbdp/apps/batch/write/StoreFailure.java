package io.mysimbdp.apps.batch.write;

import com.mongodb.MongoException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.mysimbdp.common.store.StoreWriteErrors;

/**
 * Why writing a file to the store failed.
 *
 * @param reason      for result.json
 * @param unreachable the store cannot be used at all (down, unreachable, refusing our credentials):
 *                    the remaining files of the job would only wait for the same timeout
 * @param storesTrouble the store's trouble, not the file's (down, timeouts, an error code not about the
 *                    record): the same file would go in once the store is well, so the attempt should not
 *                    count ({@link io.mysimbdp.common.runtime.BatchAppExit#STORE_UNAVAILABLE})
 */
public record StoreFailure(String reason, boolean unreachable, boolean storesTrouble) {
    /** Driver messages carry the whole cluster description; the start says what happened. */
    private static final int MAX_MESSAGE_CHARS = 300;

    static StoreFailure of(Throwable e) {
        boolean unreachable = e instanceof MongoTimeoutException || e instanceof MongoSocketException
                || e instanceof MongoSecurityException;
        String kind = unreachable ? "store unreachable: " : e instanceof MongoException ? "store error: " : "write failed: ";
        // Wrong credentials are the set-up's trouble: retrying for free would never end.
        boolean storesTrouble = e instanceof MongoException && !(e instanceof MongoSecurityException);
        return new StoreFailure(kind + shorten(e.getClass().getSimpleName() + ": " + e.getMessage()), unreachable, storesTrouble);
    }

    /** The store refused documents of a batch; whose trouble it is follows {@link StoreWriteErrors} for {@code code}. */
    static StoreFailure refused(long row, int code, String message, int refusedInBatch) {
        boolean storesTrouble = !StoreWriteErrors.aboutTheRecord(code);
        return new StoreFailure((storesTrouble ? "store refused writes for now: " : "store refused ") + refusedInBatch
                + " document(s) of a batch, the first at row " + row + ": E" + code + " " + shorten(message), false, storesTrouble);
    }

    private static String shorten(String message) {
        return message == null || message.length() <= MAX_MESSAGE_CHARS ? message : message.substring(0, MAX_MESSAGE_CHARS) + "…";
    }
}
