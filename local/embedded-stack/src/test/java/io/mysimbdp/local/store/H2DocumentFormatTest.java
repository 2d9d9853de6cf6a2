package io.mysimbdp.local.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Documents kept as BSON survive a restart, and files written in the old (Java-serialized) format still open. */
class H2DocumentFormatTest {

    @TempDir
    Path tmp;

    static Document listing(int i) {
        return new Document("_id", "listing-" + i).append("name", "Room " + i).append("price", 50 + i)
                .append("latitude", 40.7 + i / 1000.0).append("tags", List.of("quiet", "central"))
                .append("_mysimbdp", new Document("row", i).append("at", new Date(1_700_000_000_000L + i)));
    }

    /** Runs ACTION against a server on BACKEND, then shuts the server down (H2 commits and closes its file). */
    static void withServer(MongoBackend backend, java.util.function.Consumer<MongoCollection<Document>> action) {
        MongoServer server = new MongoServer(backend);
        int port = server.bind().getPort();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            action.accept(client.getDatabase("tenant_tenant1").getCollection("listings"));
        } finally {
            server.shutdown();
        }
    }

    static MongoBackend bsonBackend(Path file) {
        return new CoredmsH2Backend(new MVStore.Builder().fileName(file.toString()).open());
    }

    @Test
    void documentsRoundTripAcrossARestart() {
        Path file = tmp.resolve("coredms.mv.db");
        withServer(bsonBackend(file), c -> {
            List<Document> docs = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                docs.add(listing(i));
            }
            c.insertMany(docs);
        });
        withServer(bsonBackend(file), c -> {
            assertEquals(300, c.countDocuments());
            Document back = c.find(Filters.eq("_id", "listing-7")).first();
            assertEquals(listing(7), back);
        });
    }

    @Test
    void aFileWrittenByThePlainH2BackendOpensAndKeepsEveryDocument() throws Exception {
        Path file = tmp.resolve("old.mv.db");
        withServer(new H2Backend(file.toString()), c -> c.insertMany(List.of(listing(1), listing(2))));
        withServer(bsonBackend(file), c -> {
            assertEquals(listing(1), c.find(Filters.eq("_id", "listing-1")).first());
            c.insertOne(listing(3));
            c.updateOne(Filters.eq("_id", "listing-2"), new Document("$set", new Document("price", 99)));
        });
        withServer(bsonBackend(file), c -> {
            assertEquals(3, c.countDocuments());
            assertEquals(99, c.find(Filters.eq("_id", "listing-2")).first().getInteger("price"));
            assertEquals(listing(3), c.find(Filters.eq("_id", "listing-3")).first());
        });
        assertTrue(Files.size(file) > 0);
    }

    @Test
    void anAcknowledgedWriteIsInTheFileBeforeTheClientHearsOfIt() {
        // the store as the platform opens it, H2's own commits off: only the backend's commit can have written them
        MVStore store = CoredmsH2Backend.openStore(tmp.resolve("durable.mv.db").toString(), 16);
        assertEquals(0, store.getAutoCommitDelay(), "no background commit");
        assertEquals(0, store.getAutoCommitMemory(), "no commit forced by unsaved memory");
        MongoServer server = new MongoServer(new CoredmsH2Backend(store));
        int port = server.bind().getPort();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            MongoCollection<Document> c = client.getDatabase("tenant_tenant1").getCollection("listings");
            c.insertMany(List.of(listing(1), listing(2)));
            assertFalse(store.hasUnsavedChanges(), "the insert was committed before it was acknowledged");
            c.deleteOne(Filters.eq("_id", "listing-1"));
            assertFalse(store.hasUnsavedChanges(), "the delete too");
            c.find().first();
        } finally {
            server.shutdown();
        }
        assertTrue(CoredmsH2Backend.changesData("insert") && CoredmsH2Backend.changesData("findAndModify"));
        assertFalse(CoredmsH2Backend.changesData("find") || CoredmsH2Backend.changesData(null));
    }

    /** A listing as the store's backend holds it (mongo-java-server's own Document class). */
    static de.bwaldvogel.mongo.bson.Document storedListing(int i) {
        de.bwaldvogel.mongo.bson.Document meta = new de.bwaldvogel.mongo.bson.Document("row", i);
        meta.put("at", java.time.Instant.ofEpochMilli(1_700_000_000_000L + i));
        de.bwaldvogel.mongo.bson.Document d = new de.bwaldvogel.mongo.bson.Document("_id", "listing-" + i);
        d.put("name", "Room " + i);
        d.put("price", 50 + i);
        d.put("latitude", 40.7 + i / 1000.0);
        d.put("tags", List.of("quiet", "central"));
        d.put("_mysimbdp", meta);
        return d;
    }

    /**
     * Compares the bytes each format writes for the same 1,000 documents (what a page holds), not
     * the sizes of two H2 files: a file's size also depends on when H2's background writer cut its
     * chunks, which made a file-size comparison fail on a loaded machine.
     */
    @Test
    void bsonIsFarSmallerThanJavaSerialization() {
        WriteBuffer bson = new WriteBuffer();
        WriteBuffer serialized = new WriteBuffer();
        ObjectDataType javaSerialization = new ObjectDataType();
        for (int i = 0; i < 1000; i++) {
            BsonDocumentType.INSTANCE.write(bson, storedListing(i));
            javaSerialization.write(serialized, storedListing(i));
        }
        int bsonBytes = bson.position();
        int serializedBytes = serialized.position();
        assertTrue(bsonBytes * 2 < serializedBytes, "bson " + bsonBytes + " B vs java serialization " + serializedBytes + " B");
        ByteBuffer written = bson.getBuffer();
        written.flip();
        assertEquals(storedListing(0), BsonDocumentType.INSTANCE.read(written), "the first document reads back whole");
    }
}
