package io.mysimbdp.batch.schedule;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.mysimbdp.batch.ledger.IngestionLedger;
import io.mysimbdp.batch.ledger.LedgerEntry;
import io.mysimbdp.batch.model.AppResult;
import io.mysimbdp.batch.model.JobOutcome;
import io.mysimbdp.common.json.Json;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The batch manager, not the app, writes a settled file's row of mysimbdp_platform.quality, from result.json. */
class SettledQualityRowTest {
    static final Instant NOW = Instant.parse("2026-12-01T10:00:03Z");
    private MongoServer server;
    private MongoClient client;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    private static AppResult.FileResult file(String json) throws Exception {
        AppResult r = AppResult.parse(Json.json().readTree("{\"files\": [" + json + "]}")).result().orElseThrow();
        return r.files().values().iterator().next();
    }

    private static IngestionJob job(int attempt) {
        IngestionJob job = new IngestionJob("job-1", "acme", "clientbatchingestapp", Instant.EPOCH, null);
        job.attempt = attempt;
        job.startedAt = NOW.minusSeconds(3);
        return job;
    }

    static final String MIXED = """
            {"file": "mixed.csv", "status": "ok", "sha256": "ab12", "collection": "listings", "rows": 10,
             "quality": {"records": 10, "good": 5, "quarantined": 4, "min_good_share": 0.8,
                         "failures": {"price.min": 2}, "quarantine": "listings_quarantine"}}""";

    @Test
    void aDoneOrFailedFileWithQualityFiguresGetsItsRowAndARetriedOrUnratedOneNone() throws Exception {
        AppResult.FileResult mixed = file(MIXED);
        Document row = AttemptSettlement.qualityRow(job(2), new JobOutcome.FileOutcome("mixed.csv", JobOutcome.Status.DONE, null, mixed), NOW);
        assertEquals("file:acme/job-1/mixed.csv", row.getString("_id"));
        assertEquals("listings", row.getString("collection"));
        assertEquals(2, row.getInteger("attempt"));
        assertEquals(true, row.getBoolean("flagged"));
        assertEquals(java.util.Date.from(NOW.minusSeconds(3)), row.getDate("started_at"));

        assertTrue(AttemptSettlement.qualityRow(job(1), new JobOutcome.FileOutcome("mixed.csv", JobOutcome.Status.FAILED, "x", mixed), NOW) != null);
        assertNull(AttemptSettlement.qualityRow(job(1), new JobOutcome.FileOutcome("mixed.csv", JobOutcome.Status.RETRY, "x", mixed), NOW));
        assertNull(AttemptSettlement.qualityRow(job(1), new JobOutcome.FileOutcome("b.csv", JobOutcome.Status.DONE, null,
                file("{\"file\": \"b.csv\", \"status\": \"ok\"}")), NOW));
        assertNull(AttemptSettlement.qualityRow(job(1), new JobOutcome.FileOutcome("c.csv", JobOutcome.Status.FAILED, "no result", null), NOW));
    }

    @Test
    void theLedgerWritesTheRowWithTheFilesLedgerRowAndARetriedAttemptReplacesIt() throws Exception {
        AppResult.FileResult mixed = file(MIXED);
        MongoCollection<Document> quality = client.getDatabase("mysimbdp_platform").getCollection("quality");
        try (IngestionLedger ledger = new IngestionLedger(client)) {
            for (int attempt = 1; attempt <= 2; attempt++) {
                IngestionJob job = job(attempt);
                JobOutcome.FileOutcome o = new JobOutcome.FileOutcome("mixed.csv", JobOutcome.Status.DONE, null, mixed);
                LedgerEntry entry = new LedgerEntry(LedgerEntry.attemptId(job.id, attempt, "mixed.csv"), "acme", job.id, "mixed.csv",
                        100, "ab12", LedgerEntry.Status.DONE, job.app, attempt, NOW, NOW, NOW, 10L, 5L, 5L, 0L, null, null, "local");
                ledger.record(entry, AttemptSettlement.qualityRow(job, o, NOW), () -> { });
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> quality.find(new Document("attempt", 2)).first() != null);
        }
        List<Document> rows = quality.find().into(new ArrayList<>());
        assertEquals(1, rows.size(), rows.toString());
        assertEquals(10L, rows.get(0).getLong("records"));
        assertEquals(5L, rows.get(0).getLong("good"));
        assertEquals(2, client.getDatabase("mysimbdp_platform").getCollection("ingestions").countDocuments());
    }
}
