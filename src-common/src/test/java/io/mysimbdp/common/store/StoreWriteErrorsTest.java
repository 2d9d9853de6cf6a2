package io.mysimbdp.common.store;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.mysimbdp.common.store.StoreWriteErrors.Blame.RECORD;
import static io.mysimbdp.common.store.StoreWriteErrors.Blame.STORE;
import static org.junit.jupiter.api.Assertions.assertEquals;

class StoreWriteErrorsTest {
    @Test
    void onlyErrorsAboutTheDocumentAreTheRecordsEverythingElseIsTheStores() {
        Map<Integer, StoreWriteErrors.Blame> table = new LinkedHashMap<>();
        // about the record: may go to the DLQ / rejects
        table.put(2, RECORD);        // BadValue
        table.put(52, RECORD);       // DollarPrefixedFieldName
        table.put(56, RECORD);       // EmptyFieldName
        table.put(121, RECORD);      // DocumentValidationFailure
        table.put(10334, RECORD);    // BSONObjectTooLarge
        table.put(17419, RECORD);    // document too large
        // the store's trouble, known codes: wait and retry
        table.put(6, STORE);         // HostUnreachable
        table.put(50, STORE);        // MaxTimeMSExpired
        table.put(89, STORE);        // NetworkTimeout
        table.put(91, STORE);        // ShutdownInProgress
        table.put(112, STORE);       // WriteConflict
        table.put(10107, STORE);     // NotWritablePrimary
        table.put(12501, STORE);     // quota exceeded
        table.put(14031, STORE);     // out of disk space
        table.put(13, STORE);        // Unauthorized: the store's set-up, not the record
        // codes nobody listed (an embedded store refusing writes when full, a new server): the store's
        table.put(0, STORE);
        table.put(-1, STORE);
        table.put(1, STORE);         // InternalError
        table.put(99999, STORE);
        table.forEach((code, blame) -> assertEquals(blame, StoreWriteErrors.blame(code), "code " + code));
    }

    @Test
    void aboutTheRecordAgreesWithTheBlame() {
        assertEquals(true, StoreWriteErrors.aboutTheRecord(10334));
        assertEquals(false, StoreWriteErrors.aboutTheRecord(424242));
    }
}
