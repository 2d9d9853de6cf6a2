package io.mysimbdp.common.store;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.ByteBuf;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link RawBsonBulkWriter} against the driver's path it replaces ({@link IdempotentBulkWriter} of {@link Document}s
 * through the app's codec): the same outcome per index, the same stored bytes.
 */
class RawBsonBulkWriterTest {
    private static MongoServer server;
    private static MongoClient client;
    private MongoCollection<Document> old;
    private MongoCollection<Document> now;

    @BeforeAll
    static void startStore() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
    }

    @AfterAll
    static void stopStore() {
        client.close();
        server.shutdownNow();
    }

    @BeforeEach
    void freshCollections() {
        old = collection("old");
        now = collection("now");
        old.drop();
        now.drop();
    }

    private static MongoCollection<Document> collection(String name) {
        return client.getDatabase("tenant_raw_writer_test").getCollection(name)
                .withCodecRegistry(DirectDocumentCodec.registryOver(MongoClientSettings.getDefaultCodecRegistry()));
    }

    @Test
    void newDuplicateAndRefusedDocumentsHaveTheDriversOutcomeByIndex() {
        List<Document> existing = List.of(new Document("_id", "1").append("v", 1));
        assertEquals(new IdempotentBulkWriter<>(old).insert(existing), new RawBsonBulkWriter(now).insert(existing));

        List<Document> batch = List.of(
                new Document("_id", "2").append("v", 2).append("when", new java.util.Date(0)),
                new Document("v", "again").append("_id", "1"),              // already stored; _id not first
                new Document("_id", List.of(1, 2)).append("v", 3),          // the store refuses an array _id
                new Document("_id", "3").append("v", new Document("n", List.of(4L, 4.5, "four"))),
                new Document("_id", "3").append("v", 5));                   // twice in the batch
        IdempotentBulkWriter.Outcome before = new IdempotentBulkWriter<>(old).insert(batch);
        IdempotentBulkWriter.Outcome after = new RawBsonBulkWriter(now).insert(batch);

        assertEquals(before, after);
        assertEquals(2, after.inserted());
        assertEquals(2, after.duplicates());
        assertEquals(List.of(2), after.failures().stream().map(IdempotentBulkWriter.Failure::index).toList());
        assertEquals(stored(old), stored(now));
        assertEquals(3, stored(now).size());
    }

    @Test
    void aDocumentWithoutIdGetsAnObjectIdFirstAsTheDriverGivesIt() {
        Document noId = new Document("v", 1);
        assertEquals(1, new RawBsonBulkWriter(now).insert(List.of(noId)).inserted());

        assertTrue(noId.get("_id") instanceof ObjectId, String.valueOf(noId.get("_id")));
        RawBsonDocument stored = now.withDocumentClass(RawBsonDocument.class).find().first();
        assertEquals("_id", stored.getFirstKey());
        assertEquals(noId.getObjectId("_id"), stored.getObjectId("_id").getValue());
    }

    @Test
    void anEmptyBatchIsNoWrite() {
        assertEquals(IdempotentBulkWriter.Outcome.NONE, new RawBsonBulkWriter(now).insert(List.of()));
    }

    @Test
    void severalThreadsShareOneWriter() throws Exception {
        RawBsonBulkWriter writer = new RawBsonBulkWriter(now);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<IdempotentBulkWriter.Outcome>> outcomes = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                List<Document> batch = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    batch.add(new Document("_id", t + ":" + i).append("name", "listing " + i + " ☀").append("t", t));
                }
                outcomes.add(threads.submit(() -> writer.insert(batch)));
                List<Document> copy = batch.stream().map(Document::new).toList();
                new IdempotentBulkWriter<>(old).insert(copy);
            }
            for (Future<IdempotentBulkWriter.Outcome> outcome : outcomes) {
                assertEquals(500, outcome.get().inserted());
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(stored(old), stored(now));
    }

    /** The documents as the bytes the store holds, in _id order. */
    private static List<String> stored(MongoCollection<Document> collection) {
        List<String> hex = new ArrayList<>();
        for (RawBsonDocument d : collection.withDocumentClass(RawBsonDocument.class).find().sort(Sorts.ascending("_id"))) {
            ByteBuf buffer = d.getByteBuffer();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            hex.add(HexFormat.of().formatHex(bytes));
        }
        return hex;
    }
}
