package io.mysimbdp.apps.stream;

import java.util.Set;

/**
 * Which per-document errors of a bulk write are the store's trouble (retry the batch) rather
 * than the document's (send that message to the DLQ and go on). Codes from MongoDB's error list.
 */
final class StoreErrors {
    /**
     * Host/network trouble, shutting down, elections, timeouts, write conflicts, write concern:
     * the same document would be accepted later.
     */
    private static final Set<Integer> TRANSIENT = Set.of(
            6,      // HostUnreachable
            7,      // HostNotFound
            50,     // MaxTimeMSExpired
            64,     // WriteConcernFailed
            89,     // NetworkTimeout
            91,     // ShutdownInProgress
            112,    // WriteConflict
            189,    // PrimarySteppedDown
            262,    // ExceededTimeLimit
            9001,   // SocketException
            10107,  // NotWritablePrimary
            11600,  // InterruptedAtShutdown
            11602,  // InterruptedDueToReplStateChange
            13435,  // NotPrimaryNoSecondaryOk
            13436); // NotPrimaryOrSecondary

    private StoreErrors() {
    }

    static boolean isTransient(int code) {
        return TRANSIENT.contains(code);
    }
}
