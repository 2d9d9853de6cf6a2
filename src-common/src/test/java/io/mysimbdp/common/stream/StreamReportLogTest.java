package io.mysimbdp.common.stream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamReportLogTest {
    static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant END = Instant.parse("2026-12-01T10:00:05.250Z");
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

    @Test
    void aReportStoredTwiceIsOneDocumentWithItsFigures() {
        StreamReportLog log = new StreamReportLog(client);
        StreamReportLog.Interval interval = new StreamReportLog.Interval("t1", "listings", "inst-1", START, END, 120, 3, 4096, 0.6);

        log.write(interval);
        log.write(interval);                 // a retried write
        log.write(new StreamReportLog.Interval("t1", "listings", "inst-1", END, END.plusSeconds(5), 7, 0, 70, 0.01));

        MongoCollection<Document> stored = client.getDatabase("mysimbdp_platform").getCollection("stream_reports");
        List<Document> docs = stored.find(new Document("_id", "t1.listings/inst-1@2026-12-01T10:00:05.250Z")).into(new ArrayList<>());
        assertEquals(1, docs.size());
        assertEquals(2, stored.countDocuments());
        Document d = docs.get(0);
        assertEquals("t1", d.getString("tenant"));
        assertEquals("listings", d.getString("topic"));
        assertEquals("inst-1", d.getString("instance"));
        assertEquals(Date.from(START), d.getDate("interval_start"));
        assertEquals(Date.from(END), d.getDate("interval_end"));
        assertEquals(120L, d.getLong("messages"));
        assertEquals(3L, d.getLong("failed_messages"));
        assertEquals(4096L, d.getLong("bytes"));
        assertEquals(0.6, d.getDouble("ingestion_time_s"));
        assertTrue(stored.listIndexes().into(new ArrayList<>()).stream().anyMatch(i -> StreamReportLog.INDEX.equals(i.getString("name"))));
    }
}
