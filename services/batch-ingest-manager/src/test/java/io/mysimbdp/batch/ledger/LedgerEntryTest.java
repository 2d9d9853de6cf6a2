package io.mysimbdp.batch.ledger;

import io.mysimbdp.batch.model.AppResult;
import io.mysimbdp.common.contract.LedgerRow;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rows the manager writes, one factory a kind of row. */
class LedgerEntryTest {
    static final Instant DETECTED = Instant.parse("2026-12-07T10:00:00Z");
    static final Instant STARTED = DETECTED.plusSeconds(5);
    static final Instant FINISHED = STARTED.plusSeconds(2);

    @Test
    void aRefusedFileHasItsRuleAndReasonAndNoJob() {
        LedgerEntry a = LedgerEntry.refused("acme", "x.bin", 10, "file-type", "not a CSV", DETECTED, "local");
        LedgerEntry b = LedgerEntry.refused("acme", "x.bin", 10, "file-type", "not a CSV", DETECTED, "local");
        assertTrue(a.id().startsWith("invalid/"));
        assertNotEquals(a.id(), b.id(), "every refusal is a row of its own");
        assertEquals(LedgerEntry.Status.INVALID, a.status());
        assertEquals("file-type", a.rule());
        assertEquals("not a CSV", a.reason());
        assertNull(a.ingestionId());
        assertEquals(DETECTED, a.finishedAt());
        assertEquals(0, a.attempt());
    }

    @Test
    void theLedgerWriterWritesOnlyTheContractsFieldsAndLeavesOutWhatHasNoValue() {
        LedgerEntry full = new LedgerEntry("job-1/1/a.csv", "acme", "job-1", "a.csv", 100, "9f86", LedgerEntry.Status.DONE,
                "app", 1, DETECTED, STARTED, FINISHED, 5L, 4L, 1L, 0L, "rule", "reason", "local", 0.8, false);
        assertEquals(new HashSet<>(LedgerRow.FIELDS), IngestionLedger.toDocument(full).keySet(), "a row with every value");
        Document refused = IngestionLedger.toDocument(LedgerEntry.refused("acme", "x.bin", 10, "file-type", "not a CSV",
                DETECTED, "local"));
        assertTrue(LedgerRow.FIELDS.containsAll(refused.keySet()));
        assertFalse(refused.containsKey(LedgerRow.ROWS_OK), "no figures for a file that never ran");
        assertEquals("INVALID", refused.get(LedgerRow.STATUS));
    }

    @Test
    void anAttemptsRowsShareTheirIdFromRunningToSettled() {
        LedgerEntry running = LedgerEntry.running("job-1", 2, "acme", "app", "a.csv", 100, DETECTED, STARTED, "local");
        AppResult.FileResult figures = new AppResult.FileResult("a.csv", "ok", null, "9f86", 100, 5, 4, 1, 0, 0.5, null, "c");
        LedgerEntry done = LedgerEntry.settled("job-1", 2, "acme", "app", "a.csv", 100, DETECTED, STARTED, FINISHED,
                LedgerEntry.Status.DONE, null, "local", figures);
        assertEquals("job-1/2/a.csv", running.id());
        assertEquals(running.id(), done.id(), "the settled row replaces the running one");
        assertEquals(LedgerEntry.Status.RUNNING, running.status());
        assertNull(running.rows());
        assertEquals(4L, done.rowsOk());
        assertEquals(1L, done.rowsFailed());
        assertEquals("9f86", done.sha256());
        assertEquals(2.0, done.durationSeconds());
        LedgerEntry noResult = LedgerEntry.settled("job-1", 2, "acme", "app", "a.csv", 100, DETECTED, STARTED, FINISHED,
                LedgerEntry.Status.RETRY, "the app crashed", "local", null);
        assertNull(noResult.rows());
        assertEquals("the app crashed", noResult.reason());
    }
}
