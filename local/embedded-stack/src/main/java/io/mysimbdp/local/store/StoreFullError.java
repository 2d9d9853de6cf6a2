package io.mysimbdp.local.store;

import de.bwaldvogel.mongo.exception.MongoServerError;

/**
 * The error every write gets while the embedded store is full (its heap guard refuses writes).
 * Code 14031 is MongoDB's own "OutOfDiskSpace": the server cannot take more data right now, the data
 * sent is fine. The tenant apps treat it as the store's trouble and retry (docs/capacity.md).
 */
public final class StoreFullError {

    /** MongoDB's OutOfDiskSpace; documented in docs/capacity.md. */
    public static final int CODE = 14031;
    public static final String CODE_NAME = "StoreFull";

    private StoreFullError() {
    }

    public static String message(int usedPercent, long maxHeapBytes) {
        return "mysimbdp-coredms is full: " + usedPercent + "% of its " + (maxHeapBytes >> 20)
                + " MiB heap is still in use after garbage collection, so it refuses writes until that drops;"
                + " nothing was written. Raise MONGO_HEAP (make stop; MONGO_HEAP=4g make run) or point the"
                + " platform at a real MongoDB with MONGODB_URI (docs/capacity.md)";
    }

    public static MongoServerError create(int usedPercent, long maxHeapBytes) {
        return new MongoServerError(CODE, CODE_NAME, message(usedPercent, maxHeapBytes));
    }
}
