package io.mysimbdp.daas.api;

import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoOperationTimeoutException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

/** What a store failure means to the caller, in one line. */
final class StoreErrors {
    static final String UNREACHABLE = "the store (MongoDB) is not reachable; try again later";
    static final String TIME_LIMIT = "the store query took longer than its time limit (mysimbdp.daas.query-time-limit);"
            + " narrow the filter (equality on indexed fields, no $ne/$nin over a whole collection) or read smaller pages";

    private StoreErrors() {
    }

    /** True when the query itself ran out of time (client- or server-side), not the store being away. */
    static boolean isTimeLimit(Throwable e) {
        return e instanceof MongoOperationTimeoutException || e instanceof MongoExecutionTimeoutException;
    }

    static String message(MongoException e) {
        if (isTimeLimit(e)) {
            return TIME_LIMIT;
        }
        if (e instanceof MongoTimeoutException || e instanceof MongoSocketException) {
            return UNREACHABLE;
        }
        return "the store failed the query (code " + e.getCode() + ")";
    }
}
