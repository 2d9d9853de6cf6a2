package io.mysimbdp.streammanager.usage;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.streammanager.model.TopicKey;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Run records written the way daas reads them (InstanceRunQueries), against the Mongo wire server. */
class MongoInstanceRunsTest {
    static final TopicKey KEY = new TopicKey("alpha", "listings");
    static final Instant T0 = Instant.parse("2025-01-01T09:00:00Z");

    MongoServer server;
    MongoClient client;
    MongoInstanceRuns runs;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        String uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        client = MongoClients.create(uri);
        runs = new MongoInstanceRuns(uri, Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        runs.close();
        client.close();
        server.shutdownNow();
    }

    MongoCollection<Document> collection() {
        return client.getDatabase(TenantNames.PLATFORM_DATABASE).getCollection(MongoInstanceRuns.COLLECTION);
    }

    Document run() {
        return collection().find(new Document("_id", MongoInstanceRuns.runId(KEY, "alpha-listings-1", T0))).first();
    }

    @Test
    void aRunIsRecordedFromStartThroughHeartbeatsToItsEnd() {
        runs.started(KEY, "alpha-listings-1", T0);
        runs.alive(KEY, "alpha-listings-1", T0, T0.plusSeconds(10));   // within the heartbeat: not written
        runs.alive(KEY, "alpha-listings-1", T0, T0.plusSeconds(31));
        await().atMost(Duration.ofSeconds(10)).until(() -> run() != null
                && Date.from(T0.plusSeconds(31)).equals(run().getDate("last_seen_at")));
        Document open = run();
        assertEquals("alpha", open.getString("tenant"));
        assertEquals("listings", open.getString("topic"));
        assertEquals("alpha-listings-1", open.getString("instance"));
        assertEquals(Date.from(T0), open.getDate("started_at"));
        assertNull(open.get("ended_at"));

        runs.ended(KEY, "alpha-listings-1", T0, T0.plusSeconds(45), "exit code 0");
        await().atMost(Duration.ofSeconds(10)).until(() -> run().get("ended_at") != null);
        assertEquals(Date.from(T0.plusSeconds(45)), run().getDate("ended_at"));
        assertEquals(Date.from(T0.plusSeconds(45)), run().getDate("last_seen_at"));
        assertEquals("exit code 0", run().getString("exit"));

        // adopting the same instance after a manager restart keeps its one record and start time
        runs.started(KEY, "alpha-listings-1", T0);
        await().atMost(Duration.ofSeconds(10)).until(() -> collection().countDocuments() == 1);
        assertEquals(Date.from(T0.plusSeconds(45)), run().getDate("last_seen_at"), "a late start does not move the last sighting back");
    }
}
