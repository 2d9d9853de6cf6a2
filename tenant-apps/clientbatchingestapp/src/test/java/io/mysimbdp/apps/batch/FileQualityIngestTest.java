package io.mysimbdp.apps.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.mysimbdp.common.json.Json;
import io.mysimbdp.common.quality.FileQualityEntry;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The batch app with quality rules ({@code MYSIMBDP_QUALITY_RULES}) against an in-process Mongo wire server. */
class FileQualityIngestTest {
    private static final String CONFIG = """
            {"collection": "listings", "keyFields": ["id"],
             "fields": {"id": "long", "price": "double", "minimum_nights": "int"}, "batchSize": 2}""";
    private static final String RULES = """
            {"minGoodShare": 0.8,
             "fields": {"price": {"required": true, "type": "number", "min": 10, "max": 10000},
                        "room_type": {"allowed": ["Entire home/apt", "Private room", "Shared room"]},
                        "minimum_nights": {"min": 1}}}""";
    private static final String HEADER = "id,room_type,price,minimum_nights\n";

    private static InMemoryStore store;
    private static String uri;
    private static MongoClient client;

    @TempDir
    Path work;

    @BeforeAll
    static void startStore() {
        store = InMemoryStore.start();
        uri = store.uri();
        client = store.client();
    }

    @AfterAll
    static void stopStore() {
        store.close();
    }

    @Test
    void failingRecordsGoToTheQuarantineAndAFileUnderTheThresholdIsFlagged() throws Exception {
        Path input = Files.createDirectories(work.resolve("in"));
        Records.write(input, "mixed.csv", HEADER
                + "1,Private room,100,2\n"
                + "2,Private room,5,2\n"            // price.min
                + "3,Castle,100,2\n"                // room_type.allowed
                + "4,Shared room,0,0\n"             // price.min and minimum_nights.min
                + "5,Private room,abc,1\n"          // refused by wrangling: not a number
                + "6,Entire home/apt,150,3\n"
                + "7,Entire home/apt,,3\n"          // price.required
                + "8,Private room,80,1\n"
                + "9,Private room,90,1\n"
                + "10,Private room,95,1\n");
        Records.write(input, "clean.csv", HEADER + "11,Private room,60,1\n12,Shared room,40,2\n");

        Path out1 = Files.createDirectories(work.resolve("out1"));
        assertEquals(0, ClientBatchIngestApp.run(env(input, out1, 1)));

        MongoCollection<Document> main = client.getDatabase("tenant_acme").getCollection("listings");
        MongoCollection<Document> quarantine = client.getDatabase("tenant_acme").getCollection("listings_quarantine");
        assertEquals(Set.of("1", "6", "8", "9", "10", "11", "12"), ids(main));
        assertEquals(Set.of("2", "3", "4", "7"), ids(quarantine));
        Document four = quarantine.find(new Document("_id", "4")).first();
        assertEquals(List.of("price.min", "minimum_nights.min"),
                four.getList("failed", Document.class).stream().map(d -> d.getString("rule")).toList());
        assertEquals(0.0, four.get("record", Document.class).get("price"));
        assertEquals("4,Shared room,0,0", four.getString("raw"));

        JsonNode mixed = file(out1, "mixed.csv");
        assertEquals("ok", mixed.get("status").asText());
        assertEquals(10, mixed.get("rows").asLong());
        assertEquals(5, mixed.get("successful_rows").asLong());
        assertEquals(5, mixed.get("failed_rows").asLong());   // 1 refused by wrangling + 4 quarantined
        JsonNode q = mixed.get("quality");
        assertEquals(10, q.get("records").asLong());
        assertEquals(5, q.get("good").asLong());
        assertEquals(4, q.get("quarantined").asLong());
        assertEquals(0.5, q.get("good_share").asDouble());
        assertTrue(q.get("flagged").asBoolean());
        assertEquals(Map.of("price.min", 2L, "room_type.allowed", 1L, "minimum_nights.min", 1L, "price.required", 1L,
                "wrangling", 1L), counts(q.get("failures")));
        assertEquals(1, Files.readAllLines(out1.resolve("rejects.jsonl")).size());   // only the wrangling refusal
        assertFalse(file(out1, "clean.csv").get("quality").get("flagged").asBoolean());

        // the platform's quality row is the batch manager's to write, from result.json: what it will read
        FileQualityEntry entry = FileQualityEntry.read(q);
        Document meta = entry.document(new FileQualityEntry.FileAttempt("acme", "ing-1", 1, "mixed.csv", mixed.get("sha256").asText(),
                mixed.get("collection").asText(), Instant.EPOCH, Instant.EPOCH));
        assertEquals("file", meta.getString("kind"));
        assertEquals("listings", meta.getString("collection"));
        assertEquals(10L, meta.getLong("records"));
        assertEquals(5L, meta.getLong("good"));
        assertEquals(0.5, meta.getDouble("good_share"));
        assertTrue(meta.getBoolean("flagged"));
        assertEquals(4L, meta.getLong("quarantined"));
        assertEquals("listings_quarantine", meta.getString("quarantine"));
        assertEquals(2L, meta.getList("failures", Document.class).stream()
                .filter(d -> d.getString("rule").equals("price.min")).findFirst().orElseThrow().getLong("records"));

        // A retry of the same ingestion: nothing is stored twice; the app never writes the platform's database.
        Path out2 = Files.createDirectories(work.resolve("out2"));
        assertEquals(0, ClientBatchIngestApp.run(env(input, out2, 2)));
        assertEquals(7, main.countDocuments());
        assertEquals(4, quarantine.countDocuments());
        assertFalse(client.listDatabaseNames().into(new java.util.ArrayList<>()).contains("mysimbdp_platform"));
    }

    @Test
    void unusableRulesFailTheRunWithTheVariableNamed() throws Exception {
        Path input = Files.createDirectories(work.resolve("in"));
        Records.write(input, "a.csv", HEADER + "1,Private room,100,2\n");
        Path out = Files.createDirectories(work.resolve("out"));
        Map<String, String> env = env(input, out, 1);
        env.put("MYSIMBDP_QUALITY_RULES", "{\"fields\": {\"price\": {\"min\": 5, \"max\": 1}}}");
        assertEquals(ClientBatchIngestApp.EXIT_UNUSABLE, ClientBatchIngestApp.run(env));
        String reason = file(out, "a.csv").get("reason").asText();
        assertTrue(reason.contains("MYSIMBDP_QUALITY_RULES") && reason.contains("quality.fields.price.min"), reason);
    }

    private static JsonNode file(Path output, String name) throws IOException {
        for (JsonNode f : Json.json().readTree(output.resolve("result.json").toFile()).get("files")) {
            if (f.get("file").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no entry for " + name);
    }

    private static Map<String, Long> counts(JsonNode failures) {
        Map<String, Long> counts = new HashMap<>();
        failures.fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return counts;
    }

    private static Set<String> ids(MongoCollection<Document> collection) {
        return collection.find().map(d -> d.getString("_id")).into(new java.util.ArrayList<>()).stream().collect(Collectors.toSet());
    }

    private static Map<String, String> env(Path input, Path output, int attempt) {
        Map<String, String> env = new HashMap<>();
        env.put("MYSIMBDP_TENANT", "acme");
        env.put("MYSIMBDP_INGESTION_ID", "job-q");
        env.put("MYSIMBDP_ATTEMPT", String.valueOf(attempt));
        env.put("MYSIMBDP_INPUT_DIR", input.toString());
        env.put("MYSIMBDP_OUTPUT_DIR", output.toString());
        env.put("MYSIMBDP_MONGODB_URI", uri);
        env.put("MYSIMBDP_APP_CONFIG", CONFIG);
        env.put("MYSIMBDP_QUALITY_RULES", RULES);
        return env;
    }
}
