package io.mysimbdp.apps.batch;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import io.mysimbdp.apps.batch.quality.FileQuality;
import io.mysimbdp.apps.batch.quality.RejectsLog;
import io.mysimbdp.apps.batch.write.BatchWriter;
import io.mysimbdp.common.quality.QualityRules;
import io.mysimbdp.common.store.DirectDocumentCodec;
import io.mysimbdp.common.store.IdempotentBulkWriter;
import io.mysimbdp.common.store.RawBsonBulkWriter;
import io.mysimbdp.common.wrangle.WrangleConfig;
import org.bson.ByteBuf;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app's writers encode the documents themselves ({@link RawBsonBulkWriter}); before, the driver encoded them
 * through the collection's codec ({@code IdempotentBulkWriter<Document>} over {@link DirectDocumentCodec}). Every
 * batch of real files goes through both paths into two databases: the stored documents are the same bytes, and
 * every batch's outcome (inserted, duplicates, failures by index) is the same, for the main collection and the
 * quarantine, on the first ingestion and on a rerun that meets only duplicates.
 */
class RawBsonStoreTest {
    /** Quarantines the listings priced outside 300..3000 (a good share of the Oslo excerpt). */
    private static final String RULES = """
            {"minGoodShare": 0.1, "fields": {"price": {"required": true, "type": "number", "min": 300, "max": 3000}}}""";

    private static InMemoryStore store;
    private static MongoClient client;

    @TempDir
    Path work;

    private final ExecutorService writers = Executors.newFixedThreadPool(2, ClientBatchIngestApp.daemonThreads("test-writer-"));

    @BeforeAll
    static void startStore() {
        store = InMemoryStore.start();
        client = store.client();
    }

    @AfterAll
    static void stopStore() {
        store.close();
    }

    @AfterEach
    void stopWriters() {
        writers.shutdownNow();
    }

    /** What the app wrote with before: the driver encoding each Document with the app's codec. */
    private static BatchWriter driverPath(MongoCollection<Document> collection) {
        return new IdempotentBulkWriter<>(collection)::insert;
    }

    /** What the app writes with now. */
    private static BatchWriter rawPath(MongoCollection<Document> collection) {
        return new RawBsonBulkWriter(collection)::insert;
    }

    private static MongoCollection<Document> collection(String database, String name) {
        return client.getDatabase(database).getCollection(name)
                .withCodecRegistry(DirectDocumentCodec.registryOver(MongoClientSettings.getDefaultCodecRegistry()));
    }

    /** Each batch through the old path, then the same list through the new one; both outcomes kept. */
    private static BatchWriter both(BatchWriter old, BatchWriter raw, List<List<IdempotentBulkWriter.Outcome>> outcomes) {
        return batch -> {
            IdempotentBulkWriter.Outcome before = old.insert(batch);
            IdempotentBulkWriter.Outcome now = raw.insert(batch);
            outcomes.add(List.of(before, now));
            return now;
        };
    }

    @Test
    void realFilesAreStoredAsTheDriverStoredThemAndARerunCountsEveryRowAsADuplicate() throws Exception {
        Path input = Files.createDirectories(work.resolve("in"));
        Path oslo = copy(input, "oslo-listings-excerpt.csv", RealListingsAppTest.OSLO_BAD_ROWS);
        Path toronto = copy(input, "toronto-listings-excerpt.csv", RealListingsAppTest.TORONTO_BAD_ROWS);

        List<List<IdempotentBulkWriter.Outcome>> first = Collections.synchronizedList(new ArrayList<>());
        FileIngestor.FileIngestion osloFirst = ingest(RealListingsAppTest.OSLO_CONFIG, oslo, first, "out-1");
        FileIngestor.FileIngestion torontoFirst = ingest(RealListingsAppTest.TORONTO_CONFIG, toronto, first, "out-2");

        assertEquals("ok", osloFirst.result().status(), String.valueOf(osloFirst.result().reason()));
        assertEquals("ok", torontoFirst.result().status(), String.valueOf(torontoFirst.result().reason()));
        for (String collection : List.of("listings_oslo", "listings_oslo_quarantine", "listings_toronto", "listings_toronto_quarantine")) {
            assertSameStored(collection);
        }
        long osloStored = client.getDatabase("tenant_new").getCollection("listings_oslo").countDocuments();
        long quarantined = client.getDatabase("tenant_new").getCollection("listings_oslo_quarantine").countDocuments();
        assertTrue(quarantined > 10 && osloStored > 10, "both collections in use: " + osloStored + " stored, " + quarantined + " quarantined");
        assertEquals(osloFirst.result().successfulRows(), osloStored);
        assertEquals(0, osloFirst.result().duplicateRows());
        assertSameOutcomes(first);

        // The same files again (a retry): every batch meets only duplicates, counted as such by both paths.
        List<List<IdempotentBulkWriter.Outcome>> rerun = Collections.synchronizedList(new ArrayList<>());
        FileIngestor.FileIngestion osloAgain = ingest(RealListingsAppTest.OSLO_CONFIG, oslo, rerun, "out-3");
        FileIngestor.FileIngestion torontoAgain = ingest(RealListingsAppTest.TORONTO_CONFIG, toronto, rerun, "out-4");

        assertEquals(osloFirst.result().successfulRows(), osloAgain.result().duplicateRows());
        assertEquals(osloFirst.result().successfulRows(), osloAgain.result().successfulRows());
        assertEquals(torontoFirst.result().successfulRows(), torontoAgain.result().duplicateRows());
        assertSameOutcomes(rerun);
        for (List<IdempotentBulkWriter.Outcome> pair : rerun) {
            assertEquals(0, pair.get(1).inserted());
            assertTrue(pair.get(1).duplicates() > 0);
        }
        assertSameStored("listings_oslo");
    }

    private FileIngestor.FileIngestion ingest(String config, Path file, List<List<IdempotentBulkWriter.Outcome>> outcomes,
                                              String outputName) throws Exception {
        WrangleConfig wrangle = WrangleConfig.parse(config);
        String name = wrangle.collection();
        String quarantine = name + "_quarantine";
        FileQuality quality = new FileQuality(QualityRules.fromJson(RULES),
                both(driverPath(collection("tenant_old", quarantine)), rawPath(collection("tenant_new", quarantine)), outcomes),
                wrangle.batchSize());
        Path output = Files.createDirectories(work.resolve(outputName));
        try (RejectsLog rejects = new RejectsLog(output)) {
            FileIngestor ingestor = new FileIngestor(wrangle, "job-1",
                    both(driverPath(collection("tenant_old", name)), rawPath(collection("tenant_new", name)), outcomes),
                    writers, new Semaphore(4), rejects, null, quality);
            FileIngestor.FileIngestion ingestion = ingestor.ingest(file);
            assertNull(ingestion.storeFailure());
            return ingestion;
        }
    }

    private static void assertSameOutcomes(List<List<IdempotentBulkWriter.Outcome>> outcomes) {
        assertTrue(outcomes.size() >= 6, "batches written: " + outcomes.size());
        for (List<IdempotentBulkWriter.Outcome> pair : outcomes) {
            assertEquals(pair.get(0), pair.get(1));
        }
    }

    /** The collection's documents in both databases, as the bytes the store holds, in _id order. */
    private static void assertSameStored(String collection) {
        List<String> old = storedBytes(client.getDatabase("tenant_old"), collection);
        List<String> now = storedBytes(client.getDatabase("tenant_new"), collection);
        assertTrue(!now.isEmpty(), collection + " is empty");
        assertEquals(old, now, collection);
    }

    private static List<String> storedBytes(MongoDatabase database, String collection) {
        List<String> hex = new ArrayList<>();
        for (RawBsonDocument d : database.getCollection(collection, RawBsonDocument.class).find().sort(Sorts.ascending("_id"))) {
            ByteBuf buffer = d.getByteBuffer();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            hex.add(HexFormat.of().formatHex(bytes));
        }
        return hex;
    }

    private static Path copy(Path dir, String excerpt, String extraRows) throws Exception {
        try (InputStream in = RawBsonStoreTest.class.getResourceAsStream("/insideairbnb/" + excerpt)) {
            return Records.write(dir, excerpt, new String(in.readAllBytes(), StandardCharsets.UTF_8) + extraRows);
        }
    }
}
