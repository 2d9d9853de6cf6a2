package io.mysimbdp.local.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.List;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The guard as clients see it, through the real MongoDB driver. */
class GuardedBackendTest {

    HeapGuard guard;
    MongoServer server;
    MongoClient client;
    MongoCollection<Document> listings;

    @BeforeEach
    void start() {
        guard = new HeapGuard(85, 75);
        server = new MongoServer(new GuardedBackend(new MemoryBackend(), guard));
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        listings = client.getDatabase("tenant_tenant1").getCollection("listings");
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void aFullStoreRefusesWritesWithItsCodeButStillServesReadsAndDeletes() {
        listings.insertMany(List.of(new Document("_id", "a"), new Document("_id", "b")));
        guard.update(guard.maxHeapBytes()); // 100 % in use after GC

        MongoException refused = assertThrows(MongoException.class, () -> listings.insertOne(new Document("_id", "c")));
        assertEquals(StoreFullError.CODE, refused.getCode());
        assertTrue(refused.getMessage().contains("MONGO_HEAP") && refused.getMessage().contains("MONGODB_URI"), refused.getMessage());
        assertThrows(MongoException.class, () -> listings.updateOne(Filters.eq("_id", "a"), new Document("$set", new Document("x", 1))));

        assertEquals(2, listings.countDocuments());
        listings.deleteOne(Filters.eq("_id", "b"));
        assertEquals(1, listings.countDocuments());
        assertFalse(state().getBoolean("writable"));

        guard.update(0);
        listings.insertOne(new Document("_id", "c"));
        assertEquals(List.of("a", "c"), listings.find().map(d -> d.getString("_id")).into(new java.util.ArrayList<>()));
        assertTrue(state().getBoolean("writable"));
    }

    @Test
    void writeCommandsAreRecognisedWhateverTheirCase() {
        assertTrue(GuardedBackend.isWrite("insert"));
        assertTrue(GuardedBackend.isWrite("findAndModify"));
        assertTrue(GuardedBackend.isWrite("createIndexes"));
        assertFalse(GuardedBackend.isWrite("delete"));
        assertFalse(GuardedBackend.isWrite("find"));
        assertFalse(GuardedBackend.isWrite(null));
    }

    @Test
    void makeStatusProbeSeesTheStoreFull() throws Exception {
        int port = server.getLocalAddress().getPort();
        assertEquals("ok", probe(port));
        guard.update(guard.maxHeapBytes());
        assertTrue(probe(port).startsWith("store full: refusing writes"), probe(port));
        guard.update(0);
        assertEquals("ok", probe(port));
    }

    /** local/lib/probes.sh's probe_mongo, as local/status.sh runs it. */
    static String probe(int port) throws Exception {
        Path probes = Path.of("..", "lib", "probes.sh").toAbsolutePath().normalize();
        Process p = new ProcessBuilder("bash", "-c", "source '" + probes + "' && probe_mongo 127.0.0.1:" + port)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "probe_mongo did not finish");
        return out;
    }

    private Document state() {
        return client.getDatabase("admin").runCommand(new Document(GuardedBackend.STATE_COMMAND, 1));
    }
}
