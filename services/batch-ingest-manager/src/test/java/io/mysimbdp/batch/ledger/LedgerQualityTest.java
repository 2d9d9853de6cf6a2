package io.mysimbdp.batch.ledger;

import io.mysimbdp.batch.model.AppResult;
import io.mysimbdp.common.json.Json;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class LedgerQualityTest {
    private static AppResult parse(String json) throws Exception {
        return AppResult.parse(Json.json().readTree(json)).result().orElseThrow();
    }

    private static LedgerEntry row(AppResult.FileResult fr) {
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        return new LedgerEntry("job/1/a.csv", "acme", "job", "a.csv", 10, fr.sha256(), LedgerEntry.Status.DONE, "app", 1,
                t, t, t, fr.rows(), fr.successfulRows(), fr.failedRows(), fr.duplicateRows(), null, null, "local")
                .withQuality(fr.quality());
    }

    @Test
    void aFlaggedFileIsFlaggedInItsLedgerRow() throws Exception {
        AppResult r = parse("""
                {"files": [{"file": "a.csv", "status": "ok", "rows": 10, "successful_rows": 5, "failed_rows": 5,
                            "quality": {"records": 10, "good": 5, "good_share": 0.5, "min_good_share": 0.8, "flagged": true}},
                           {"file": "b.csv", "status": "ok", "rows": 2, "successful_rows": 2}]}""");
        Document flagged = IngestionLedger.toDocument(row(r.files().get("a.csv")));
        assertEquals(0.5, flagged.getDouble("good_share"));
        assertEquals(true, flagged.getBoolean("quality_flagged"));
        assertEquals(5L, flagged.getLong("rows_failed"));

        Document without = IngestionLedger.toDocument(row(r.files().get("b.csv")));
        assertNull(r.files().get("b.csv").quality());
        assertFalse(without.containsKey("quality_flagged"));
        assertFalse(without.containsKey("good_share"));
    }
}
