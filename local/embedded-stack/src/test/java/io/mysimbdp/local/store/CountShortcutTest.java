package io.mysimbdp.local.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CountShortcutTest {

    @TempDir
    Path tmp;

    /** The aggregate commands the driver sent, as the store's own Document type. */
    private final List<Document> aggregates = new CopyOnWriteArrayList<>();

    @Test
    void theDriversWholeCollectionCountIsRecognisedAndAnsweredExactly() {
        MongoServer server = new MongoServer(new CoredmsH2Backend(CoredmsH2Backend.openStore(tmp.resolve("c.mv.db").toString(), 16)));
        int port = server.bind().getPort();
        CommandListener listener = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (event.getCommandName().equals("aggregate")) {
                    aggregates.add(toStoreDocument(event.getCommand()));
                }
            }
        };
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port)).addCommandListener(listener).build();
        try (MongoClient client = MongoClients.create(settings)) {
            MongoCollection<org.bson.Document> c = client.getDatabase("tenant_t").getCollection("listings");
            assertEquals(0, c.countDocuments(), "an empty (missing) collection");
            List<org.bson.Document> docs = new ArrayList<>();
            for (int i = 0; i < 2500; i++) {
                docs.add(new org.bson.Document("_id", i).append("price", i % 100));
            }
            c.insertMany(docs);
            assertEquals(2500, c.countDocuments());
            assertEquals(250, c.countDocuments(Filters.lt("price", 10)), "a filtered count is still evaluated");
            assertEquals(100, c.countDocuments(new org.bson.Document(), new CountOptions().limit(100)));
        } finally {
            server.shutdown();
        }
        assertEquals(4, aggregates.size());
        assertEquals(Optional.of("listings"), CountShortcut.wholeCollectionCount("aggregate", aggregates.get(0)));
        assertEquals(Optional.of("listings"), CountShortcut.wholeCollectionCount("aggregate", aggregates.get(1)));
        assertEquals(Optional.empty(), CountShortcut.wholeCollectionCount("aggregate", aggregates.get(2)), "with a filter");
        assertEquals(Optional.empty(), CountShortcut.wholeCollectionCount("aggregate", aggregates.get(3)), "with a limit");
    }

    @Test
    void otherCommandsAndPipelinesAreLeftAlone() {
        Document count = new Document("aggregate", "listings");
        count.put("pipeline", List.of(new Document("$match", new Document()),
                new Document("$group", groupCount())));
        assertTrue(CountShortcut.wholeCollectionCount("aggregate", count).isPresent());
        assertTrue(CountShortcut.wholeCollectionCount("find", count).isEmpty());
        Document sum = new Document("aggregate", "listings");
        Document group = new Document("_id", 1);
        group.put("n", new Document("$sum", "$price"));
        sum.put("pipeline", List.of(new Document("$match", new Document()), new Document("$group", group)));
        assertTrue(CountShortcut.wholeCollectionCount("aggregate", sum).isEmpty(), "a sum of a field is not a count");
        Document collectionless = new Document("aggregate", 1);
        collectionless.put("pipeline", count.get("pipeline"));
        assertTrue(CountShortcut.wholeCollectionCount("aggregate", collectionless).isEmpty(), "db-level aggregate");
    }

    @Test
    void theAnswerHasNoDocumentForAnEmptyCollection() {
        Document empty = CountShortcut.answer("d", "c", 0);
        assertEquals(List.of(), ((Document) empty.get("cursor")).get("firstBatch"));
        Document some = CountShortcut.answer("d", "c", 5_000_000_000L);
        Document first = (Document) ((List<?>) ((Document) some.get("cursor")).get("firstBatch")).get(0);
        assertEquals(5_000_000_000L, first.get("n"));
        assertEquals("d.c", ((Document) some.get("cursor")).get("ns"));
    }

    private static Document groupCount() {
        Document group = new Document("_id", 1);
        group.put("n", new Document("$sum", 1));
        return group;
    }

    /** The driver's BSON as the store's Document: only the shapes the shortcut reads (documents, arrays, numbers, strings). */
    private static Document toStoreDocument(org.bson.BsonDocument bson) {
        Document d = new Document();
        bson.forEach((k, v) -> d.put(k, toStore(v)));
        return d;
    }

    private static Object toStore(org.bson.BsonValue v) {
        if (v.isDocument()) {
            return toStoreDocument(v.asDocument());
        }
        if (v.isArray()) {
            return v.asArray().stream().map(CountShortcutTest::toStore).toList();
        }
        if (v.isInt32()) {
            return v.asInt32().getValue();
        }
        if (v.isInt64()) {
            return v.asInt64().getValue();
        }
        if (v.isString()) {
            return v.asString().getValue();
        }
        return v.toString();
    }
}
