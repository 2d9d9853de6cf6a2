package io.mysimbdp.common.store;

import java.util.Set;

/**
 * Whose trouble a per-document write error is: the record's (it will never be accepted, so it may
 * go to the DLQ or the rejects) or the store's (wait and write it again). Only the few codes that
 * are about the document itself are the record's; every other code, including ones this list has
 * never seen (a quota, an I/O error, the embedded store refusing writes when full), is the store's:
 * sending a valid record to the DLQ for the store's trouble would lose it, while retrying a record
 * the store refuses for good only delays its partition, visibly.
 *
 * <p>Codes from MongoDB's {@code error_codes.yml}.
 */
public final class StoreWriteErrors {
    /** Whose trouble an error is. */
    public enum Blame {
        /** The document itself: the same document will be refused again. */
        RECORD,
        /** The store's: the same document will be accepted once the store is well. */
        STORE
    }

    /** Errors about the document's content, size or shape; duplicate keys are handled before (already ingested). */
    private static final Set<Integer> ABOUT_THE_RECORD = Set.of(
            2,      // BadValue
            52,     // DollarPrefixedFieldName
            55,     // InvalidDBRef
            56,     // EmptyFieldName
            57,     // DottedFieldName
            121,    // DocumentValidationFailure
            10334,  // BSONObjectTooLarge
            17280,  // KeyTooLong (an indexed value too large)
            17419,  // document larger than the maximum size
            17420); // document larger than the maximum size (another path)

    private StoreWriteErrors() {
    }

    /** Pure: the blame for a per-document write error's server code. */
    public static Blame blame(int code) {
        return ABOUT_THE_RECORD.contains(code) ? Blame.RECORD : Blame.STORE;
    }

    /** True when the error is about the document itself, so it may leave the pipeline (DLQ, rejects). */
    public static boolean aboutTheRecord(int code) {
        return blame(code) == Blame.RECORD;
    }
}
