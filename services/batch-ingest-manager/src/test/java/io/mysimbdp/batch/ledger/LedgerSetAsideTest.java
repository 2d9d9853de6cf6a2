package io.mysimbdp.batch.ledger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.mysimbdp.common.naming.TenantNames;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A row the store can never take (over MongoDB's 16 MB) is set aside, and the rows behind it reach the store. */
class LedgerSetAsideTest {
    static LedgerEntry row(String id, String tenant, String reason) {
        Instant t = Instant.now();
        return new LedgerEntry(id, tenant, "job", id + ".csv", 10, null, LedgerEntry.Status.FAILED, "app", 1,
                t, t, t, null, null, null, null, null, reason, "local");
    }

    @Test
    void anUnwritableRowIsSetAsideAndLaterRowsFlow(@TempDir Path dir) throws Exception {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        InetSocketAddress a = server.getLocalAddress();
        Path file = dir.resolve("ledger-set-aside.jsonl");
        List<String> counted = new CopyOnWriteArrayList<>();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + a.getPort())) {
            IngestionLedger ledger = new IngestionLedger(client, 2, file, e -> counted.add(e.tenant()));
            ledger.record(row("huge", "hostile", "r".repeat(17_000_000)));
            ledger.record(row("next", "tenant2", "fine"));
            MongoCollection<Document> rows = client.getDatabase(TenantNames.PLATFORM_DATABASE).getCollection(TenantNames.INGESTIONS_COLLECTION);
            await().atMost(Duration.ofSeconds(30)).until(() -> rows.find(new Document("_id", "next")).first() != null);
            assertNull(rows.find(new Document("_id", "huge")).first());
            assertEquals(List.of("hostile"), counted);
            List<String> lines = Files.readAllLines(file);
            assertEquals(1, lines.size());
            Document kept = Document.parse(lines.get(0));
            assertEquals("huge", kept.getString("_id"));
            assertEquals(17_000_000, kept.getInteger("reason_length"));
            assertTrue(kept.getString("reason").length() <= IngestionLedger.SET_ASIDE_REASON_CHARS);
            ledger.close();
        } finally {
            server.shutdownNow();
        }
    }
}
