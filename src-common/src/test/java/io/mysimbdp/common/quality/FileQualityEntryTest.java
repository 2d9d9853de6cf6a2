package io.mysimbdp.common.quality;

import io.mysimbdp.common.json.Json;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileQualityEntryTest {
    static final FileQualityEntry.FileAttempt ATTEMPT = new FileQualityEntry.FileAttempt("acme", "ing-7", 2, "mixed.csv", "ab12",
            "listings", Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-01T10:00:03Z"));

    @Test
    void aResultJsonQualityEntryBecomesThePlatformsRowWithTheFiguresRecomputedFromTheCounts() throws Exception {
        FileQualityEntry entry = FileQualityEntry.read(Json.json().readTree("""
                {"records": 10, "good": 5, "quarantined": 4, "good_share": 1.0, "min_good_share": 0.8, "flagged": false,
                 "failures": {"price.min": 2, "wrangling": 1}, "quarantine": "listings_quarantine", "later": true}"""));
        assertEquals(0.5, entry.goodShare());      // from the counts, not the app's word
        assertTrue(entry.flagged());

        Document row = entry.document(ATTEMPT);
        assertEquals("file:acme/ing-7/mixed.csv", row.getString("_id"));
        assertEquals("acme", row.getString("tenant"));
        assertEquals("file", row.getString("kind"));
        assertEquals("mixed.csv", row.getString("source"));
        assertEquals("listings", row.getString("collection"));
        assertEquals(10L, row.getLong("records"));
        assertEquals(5L, row.getLong("good"));
        assertEquals(5L, row.getLong("bad"));
        assertEquals(List.of(new Document("rule", "price.min").append("records", 2L), new Document("rule", "wrangling").append("records", 1L)),
                row.getList("failures", Document.class));
        assertEquals("ing-7", row.getString("ingestion_id"));
        assertEquals(2, row.getInteger("attempt"));
        assertEquals("ab12", row.getString("sha256"));
        assertEquals(4L, row.getLong("quarantined"));
        assertEquals("listings_quarantine", row.getString("quarantine"));
        assertEquals(Date.from(ATTEMPT.finishedAt()), row.getDate("finished_at"));
    }

    @Test
    void absentOrOddFiguresAreReadLeniently() throws Exception {
        assertNull(FileQualityEntry.read(null));
        assertNull(FileQualityEntry.read(Json.json().readTree("\"none\"")));
        FileQualityEntry sparse = FileQualityEntry.read(Json.json().readTree("{\"records\": 3, \"good\": 7}"));
        assertEquals(3, sparse.figures().good());
        assertFalse(sparse.flagged());
        assertEquals("listings_quarantine", sparse.document(ATTEMPT).getString("quarantine"));
    }
}
