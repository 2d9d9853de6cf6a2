package io.mysimbdp.local.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a SIGKILLed store leaves is its file as of the last commit (a commit torn half way is rolled back
 * by H2 to the chunk before). Copies of the file taken while four clients insert stand for such kills: in
 * every copy, each collection's documents and its {@code _id} index must hold the same number of keys. A
 * commit between a document's two writes (the bug SupervisorChaosIT found) shows as a mismatch here.
 */
class CrashConsistencyTest {

    /** mongo-java-server's H2 map of a collection's unique _id index: {@code <db>.<collection>._index__id_}. */
    static final String ID_INDEX_SUFFIX = "._index__id_";
    static final int WRITERS = 4;
    static final int KILLS = 30;
    static final int MIN_DOCUMENTS = 20_000;

    @TempDir
    Path tmp;

    @Test
    void everyCommittedStateHasAnIndexEntryForEachDocument() throws Exception {
        Path file = tmp.resolve("coredms.mv.db");
        MVStore store = CoredmsH2Backend.openStore(file.toString(), 16);
        MongoServer server = new MongoServer(new CoredmsH2Backend(store));
        int port = server.bind().getPort();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Path> copies = new ArrayList<>();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                MongoCollection<Document> c = client.getDatabase("tenant_t" + (w % 2)).getCollection("listings");
                int writer = w;
                done.add(writers.submit(() -> insertUntilStopped(c, writer, writing, written)));
            }
            long deadline = System.nanoTime() + 120_000_000_000L;
            int taken = 0;
            while ((taken < KILLS || written.get() < MIN_DOCUMENTS) && System.nanoTime() < deadline) {
                Thread.sleep(50);
                Path copy = tmp.resolve("kill-" + (taken++ % KILLS) + ".mv.db");
                Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                assertDocumentsMatchTheirIndex(copy);
                copies.add(copy);
            }
            writing.set(false);
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            writers.shutdownNow();
            server.shutdown();
        }
        assertTrue(written.get() >= MIN_DOCUMENTS, "the writers wrote only " + written.get() + " documents");
        assertEquals(written.get(), assertDocumentsMatchTheirIndex(file), "the closed store holds every document");
        assertTrue(copies.size() >= KILLS);
    }

    private static Void insertUntilStopped(MongoCollection<Document> c, int writer, AtomicBoolean writing,
            AtomicInteger written) {
        int n = 0;
        while (writing.get()) {
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++, n++) {
                batch.add(new Document("_id", "w" + writer + "-" + n).append("name", "Room " + n).append("price", n));
            }
            c.insertMany(batch);
            written.addAndGet(batch.size());
        }
        return null;
    }

    /** Opens a copy as a restarted store would; returns the documents it holds in tenant collections. */
    static int assertDocumentsMatchTheirIndex(Path copy) {
        MVStore reopened = new MVStore.Builder().fileName(copy.toString()).readOnly().open();
        try {
            int documents = 0;
            for (String name : reopened.getMapNames()) {
                if (!name.startsWith(CoredmsH2Database.DATA_PREFIX) || name.contains(".system.")) {
                    continue;
                }
                String collection = name.substring(CoredmsH2Database.DATA_PREFIX.length());
                long data = reopened.openMap(name, new MVMap.Builder<Object, de.bwaldvogel.mongo.bson.Document>()
                        .valueType(BsonDocumentType.INSTANCE)).sizeAsLong();
                long index = reopened.hasMap(collection + ID_INDEX_SUFFIX)
                        ? reopened.openMap(collection + ID_INDEX_SUFFIX).sizeAsLong() : 0;
                assertEquals(data, index, copy.getFileName() + ": " + collection + " holds " + data
                        + " documents but its _id index " + index + " keys");
                documents += (int) data;
            }
            return documents;
        } finally {
            reopened.close();
        }
    }
}
