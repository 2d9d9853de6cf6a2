package io.mysimbdp.common.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.mysimbdp.common.json.Json;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportRecordsTest {
    static JsonNode json(String s) throws Exception {
        return Json.json().readTree(s);
    }

    @Test
    void aReportWithQualityGivesTheIntervalsRowAndOneQualityRowNamedByInstanceAndIntervalEnd() throws Exception {
        JsonNode report = json("""
                {"tenant_name": "forged", "topic": "forged", "instance_id": "inst-1", "timestamp": "2026-12-01T10:00:05.250Z",
                 "interval_start": "2026-12-01T10:00:00Z", "predefined_time": 5, "messages": 120, "failed_messages": 3,
                 "data_size": 4096, "ingestion_time": 0.6, "quality_messages": 117, "quality_good_messages": 100,
                 "quality_failures": {"price.min": 12, "wrangling": 3, "room_type.allowed": 5, "bogus": "x"},
                 "quality_min_good_share": 0.9, "quality_collection": "listings", "quality_failures_to": "dlq", "extra": 1}""");
        ReportRecords.Records r = ReportRecords.of("t1", "listings", report);

        assertEquals(new StreamReportLog.Interval("t1", "listings", "inst-1", Instant.parse("2026-12-01T10:00:00Z"),
                Instant.parse("2026-12-01T10:00:05.250Z"), 120, 3, 4096, 0.6), r.interval());   // tenant from the topic
        Document q = r.quality().document();
        assertEquals("stream:t1.listings/inst-1@2026-12-01T10:00:05.250Z", q.getString("_id"));
        assertEquals("t1", q.getString("tenant"));
        assertEquals("stream", q.getString("kind"));
        assertEquals("listings", q.getString("source"));
        assertEquals("listings", q.getString("collection"));
        assertEquals(117L, q.getLong("records"));
        assertEquals(100L, q.getLong("good"));
        assertEquals(17L, q.getLong("bad"));
        assertTrue(q.getBoolean("flagged"));                                    // 100/117 < 0.9
        assertEquals(List.of(new Document("rule", "price.min").append("records", 12L),
                new Document("rule", "room_type.allowed").append("records", 5L),
                new Document("rule", "wrangling").append("records", 3L)), q.getList("failures", Document.class));
        assertEquals("inst-1", q.getString("instance"));
        assertEquals("listings_quarantine", q.getString("quarantine"));
        assertEquals("dlq", q.getString("failures_to"));
        assertEquals(Date.from(Instant.parse("2026-12-01T10:00:00Z")), q.getDate("started_at"));
        assertEquals(Date.from(Instant.parse("2026-12-01T10:00:05.250Z")), q.getDate("finished_at"));
    }

    @Test
    void anOlderReportWithoutIntervalStartOrQualityFiguresStillGivesItsIntervalRow() throws Exception {
        ReportRecords.Records r = ReportRecords.of("t1", "prices", json("""
                {"instance_id": "i", "timestamp": "2026-12-01T10:00:05+01:00", "predefined_time": 2.5, "messages": 7}"""));
        assertEquals(Instant.parse("2026-12-01T09:00:02.500Z"), r.interval().start());
        assertEquals(Instant.parse("2026-12-01T09:00:05Z"), r.interval().end());
        assertEquals(7, r.interval().messages());
        assertNull(r.quality());

        ReportRecords.Records nullQuality = ReportRecords.of("t1", "prices", json("""
                {"instance_id": "i", "timestamp": "2026-12-01T10:00:05Z", "quality_messages": null, "messages": 0}"""));
        assertNull(nullQuality.quality());
    }

    @Test
    void theSameReportGivesTheSameIdsAndImpossibleCountsAreCut() throws Exception {
        String payload = """
                {"instance_id": "i", "timestamp": "2026-12-01T10:00:05Z", "messages": 3, "quality_messages": 3,
                 "quality_good_messages": 9}""";
        ReportRecords.Records a = ReportRecords.of("t1", "x", json(payload));
        ReportRecords.Records b = ReportRecords.of("t1", "x", json(payload));
        assertEquals(a.interval().id(), b.interval().id());
        assertEquals(a.quality().batch().id(), b.quality().batch().id());
        assertEquals(3, a.quality().figures().good());
        assertFalse(a.quality().figures().flagged());
    }

    @Test
    void aReportWithoutInstanceOrTimestampIsRefusedNamingTheField() {
        var e = assertThrows(IllegalArgumentException.class, () -> ReportRecords.of("t1", "x", json("{\"timestamp\": \"2026-12-01T10:00:05Z\"}")));
        assertTrue(e.getMessage().contains("instance_id"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ReportRecords.of("t1", "x", json("{\"instance_id\": \"i\", \"timestamp\": \"yesterday\"}")));
        assertTrue(e.getMessage().contains("timestamp"), e.getMessage());
    }
}
