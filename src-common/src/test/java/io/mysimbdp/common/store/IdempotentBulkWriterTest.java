package io.mysimbdp.common.store;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.bulk.WriteConcernError;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdempotentBulkWriterTest {
    private static final int SOME_OTHER_ERROR = 121;   // document failed validation

    private static MongoServer server;
    private static MongoClient client;
    private MongoCollection<Document> collection;

    @BeforeAll
    static void startStore() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
    }

    @AfterAll
    static void stopStore() {
        client.close();
        server.shutdownNow();
    }

    @BeforeEach
    void freshCollection() {
        collection = client.getDatabase("tenant_writer_test").getCollection("docs");
        collection.drop();
    }

    @Test
    void insertsNewDocuments() {
        var outcome = new IdempotentBulkWriter<>(collection).insert(docs("a", "b", "c"));

        assertEquals(new IdempotentBulkWriter.Outcome(3, 0, List.of()), outcome);
        assertEquals(3, collection.countDocuments());
    }

    @Test
    void countsExistingIdsAsDuplicatesAndInsertsTheRest() {
        var writer = new IdempotentBulkWriter<>(collection);
        writer.insert(docs("a", "b"));

        var outcome = writer.insert(docs("a", "new", "b"));

        assertEquals(1, outcome.inserted());
        assertEquals(2, outcome.duplicates());
        assertEquals(0, outcome.failed());
        assertEquals(3, outcome.stored());
        assertEquals(3, collection.countDocuments());
    }

    @Test
    void rewritingTheSameBatchIsANoOp() {
        var writer = new IdempotentBulkWriter<>(collection);
        writer.insert(docs("x", "y"));

        var again = writer.insert(docs("x", "y"));

        assertEquals(new IdempotentBulkWriter.Outcome(0, 2, List.of()), again);
        assertEquals(2, collection.countDocuments());
    }

    @Test
    void emptyBatchDoesNotTouchTheStore() {
        AtomicInteger calls = new AtomicInteger();
        var writer = new IdempotentBulkWriter<>(collectionThrowing(() -> {
            calls.incrementAndGet();
            return new IllegalStateException("must not be called");
        }));

        assertSame(IdempotentBulkWriter.Outcome.NONE, writer.insert(List.of()));
        assertEquals(0, calls.get());
    }

    @Test
    void reportsNonDuplicateErrorsPerDocumentIndex() {
        var error = bulkError(List.of(
                new BulkWriteError(IdempotentBulkWriter.DUPLICATE_KEY_CODE, "E11000 duplicate key", new BsonDocument(), 0),
                new BulkWriteError(SOME_OTHER_ERROR, "Document failed validation", new BsonDocument(), 2),
                new BulkWriteError(IdempotentBulkWriter.DUPLICATE_KEY_CODE, "E11000 duplicate key", new BsonDocument(), 3)),
                null);
        var writer = new IdempotentBulkWriter<>(collectionThrowing(() -> error));

        var outcome = writer.insert(docs("a", "b", "c", "d", "e"));

        assertEquals(2, outcome.inserted());
        assertEquals(2, outcome.duplicates());
        assertEquals(List.of(new IdempotentBulkWriter.Failure(2, SOME_OTHER_ERROR, "Document failed validation")),
                outcome.failures());
    }

    @Test
    void writeConcernErrorMakesTheWholeBatchFail() {
        var error = bulkError(List.of(), new WriteConcernError(64, "WriteConcernFailed", "waiting for replication timed out", new BsonDocument()));
        var writer = new IdempotentBulkWriter<>(collectionThrowing(() -> error));

        assertThrows(MongoBulkWriteException.class, () -> writer.insert(docs("a")));
    }

    @Test
    void storeErrorsOtherThanBulkWriteErrorsPropagate() {
        var writer = new IdempotentBulkWriter<>(collectionThrowing(() -> new MongoTimeoutException("no server")));

        var thrown = assertThrows(MongoTimeoutException.class, () -> writer.insert(docs("a")));
        assertTrue(thrown.getMessage().contains("no server"));
    }

    private static List<Document> docs(String... ids) {
        return Arrays.stream(ids).map(id -> new Document("_id", id).append("v", id.length())).toList();
    }

    private static MongoBulkWriteException bulkError(List<BulkWriteError> errors, WriteConcernError concernError) {
        return new MongoBulkWriteException(BulkWriteResult.unacknowledged(), errors, concernError,
                new ServerAddress("127.0.0.1", ServerAddress.defaultPort()), Set.of());
    }

    /** A collection whose insertMany throws what the supplier gives; everything else is unsupported. */
    @SuppressWarnings("unchecked")
    private static MongoCollection<Document> collectionThrowing(Supplier<RuntimeException> error) {
        return (MongoCollection<Document>) Proxy.newProxyInstance(
                IdempotentBulkWriterTest.class.getClassLoader(),
                new Class<?>[] {MongoCollection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("insertMany")) {
                        throw error.get();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
