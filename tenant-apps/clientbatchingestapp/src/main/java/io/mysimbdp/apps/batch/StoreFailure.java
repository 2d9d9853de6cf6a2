package io.mysimbdp.apps.batch;

import com.mongodb.MongoException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

/**
 * Why writing a file to the store failed.
 *
 * @param reason      for result.json
 * @param unreachable the store cannot be used at all (down, unreachable, refusing our credentials):
 *                    the remaining files of the job would only wait for the same timeout
 */
record StoreFailure(String reason, boolean unreachable) {
    /** Driver messages carry the whole cluster description; the start says what happened. */
    private static final int MAX_MESSAGE_CHARS = 300;

    static StoreFailure of(Throwable e) {
        boolean unreachable = e instanceof MongoTimeoutException || e instanceof MongoSocketException
                || e instanceof MongoSecurityException;
        String kind = unreachable ? "store unreachable: " : e instanceof MongoException ? "store error: " : "write failed: ";
        return new StoreFailure(kind + shorten(e.getClass().getSimpleName() + ": " + e.getMessage()), unreachable);
    }

    static StoreFailure refused(long row, int code, String message, int refusedInBatch) {
        return new StoreFailure("store refused " + refusedInBatch + " document(s) of a batch, the first at row " + row
                + ": E" + code + " " + shorten(message), false);
    }

    private static String shorten(String message) {
        return message == null || message.length() <= MAX_MESSAGE_CHARS ? message : message.substring(0, MAX_MESSAGE_CHARS) + "…";
    }
}
