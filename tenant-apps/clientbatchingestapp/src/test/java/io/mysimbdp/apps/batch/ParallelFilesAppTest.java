package io.mysimbdp.apps.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import io.mysimbdp.common.json.Json;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several files of one job at once ({@code clientbatchingestapp.files}), against an in-process store. */
class ParallelFilesAppTest {
    /** Tiny batches: every file goes through several batches, so the files contend for the shared bound. */
    private static final String CONFIG = """
            {"collection": "rows", "keyFields": ["id"], "fields": {"id": "long", "n": "int"}, "batchSize": 7}""";
    private static final int ROWS_PER_FILE = 70;

    private static InMemoryStore store;

    @TempDir
    Path work;

    @BeforeAll
    static void startStore() {
        store = InMemoryStore.start();
    }

    @AfterAll
    static void stopStore() {
        store.close();
    }

    @AfterEach
    void clearProperty() {
        System.clearProperty(ClientBatchIngestApp.FILES_PROPERTY);
    }

    @Test
    void fortyFilesFourAtATimeStoreEveryRowOnceAndResultsKeepTheInputOrder() throws Exception {
        Path input = dir("input");
        List<String> names = new ArrayList<>();
        for (int f = 0; f < 40; f++) {
            names.add(goodFile(input, f));
        }
        Path output = dir("out");
        System.setProperty(ClientBatchIngestApp.FILES_PROPERTY, "4");

        assertEquals(ClientBatchIngestApp.EXIT_OK, ClientBatchIngestApp.run(env("tenant-p", input, output)));

        MongoCollection<Document> rows = store.client().getDatabase("tenant_tenant_p").getCollection("rows");
        assertEquals(40L * ROWS_PER_FILE, rows.countDocuments());
        JsonNode files = readResult(output).get("files");
        assertEquals(40, files.size());
        for (int f = 0; f < 40; f++) {
            JsonNode entry = files.get(f);
            assertEquals(names.get(f), entry.get("file").asText());
            assertEquals("ok", entry.get("status").asText(), entry.toString());
            assertEquals(ROWS_PER_FILE, entry.get("successful_rows").asLong());
            assertEquals(0, entry.get("duplicate_rows").asLong());
            assertEquals(ROWS_PER_FILE, rows.countDocuments(new Document("_ingestion.file", names.get(f))));
        }
        JsonNode result = readResult(output);
        assertEquals(40L * ROWS_PER_FILE, result.get("successful_rows").asLong());
        // files ingested together count their common time once: never more than the run took
        double elapsed = Duration.between(Instant.parse(result.get("started_at").asText()),
                Instant.parse(result.get("finished_at").asText())).toNanos() / 1e9;
        assertTrue(result.get("ingestion_time").asDouble() <= elapsed + 0.001, result.get("ingestion_time") + " > " + elapsed);
    }

    @Test
    void aBrokenFileAmongGoodOnesFailsAloneWithItsReason() throws Exception {
        Path input = dir("input");
        List<String> names = new ArrayList<>();
        for (int f = 0; f < 9; f++) {
            names.add(goodFile(input, f));
        }
        byte[] badUtf8 = "id,n\n9001,1\n9002,\u0000".getBytes(StandardCharsets.UTF_8);
        badUtf8[badUtf8.length - 1] = (byte) 0xff;
        Records.write(input, "file-04b.csv", badUtf8);   // sorts among the good files
        names.add(5, "file-04b.csv");
        Path output = dir("out");
        System.setProperty(ClientBatchIngestApp.FILES_PROPERTY, "3");

        assertEquals(ClientBatchIngestApp.EXIT_FILES_FAILED, ClientBatchIngestApp.run(env("tenant-q", input, output)));

        JsonNode files = readResult(output).get("files");
        assertEquals(names.size(), files.size());
        for (int f = 0; f < names.size(); f++) {
            JsonNode entry = files.get(f);
            assertEquals(names.get(f), entry.get("file").asText());
            if (f == 5) {
                assertEquals("failed", entry.get("status").asText());
                assertTrue(entry.get("reason").asText().startsWith("not valid UTF-8 text"), entry.toString());
            } else {
                assertEquals("ok", entry.get("status").asText(), entry.toString());
                assertEquals(ROWS_PER_FILE, entry.get("successful_rows").asLong());
            }
        }
        MongoCollection<Document> rows = store.client().getDatabase("tenant_tenant_q").getCollection("rows");
        assertEquals(9L * ROWS_PER_FILE, rows.countDocuments(new Document("_ingestion.file", new Document("$ne", "file-04b.csv"))));
    }

    @Test
    void anInvalidFilesPropertyFailsEveryFileWithTheReason() throws Exception {
        Path input = dir("input");
        goodFile(input, 0);
        for (String invalid : List.of("0", "-1", "two")) {
            Path output = dir("out-" + invalid);
            System.setProperty(ClientBatchIngestApp.FILES_PROPERTY, invalid);

            assertEquals(ClientBatchIngestApp.EXIT_UNUSABLE, ClientBatchIngestApp.run(env("tenant-r", input, output)));

            JsonNode file = readResult(output).get("files").get(0);
            assertEquals("failed", file.get("status").asText());
            assertEquals("invalid system property clientbatchingestapp.files '" + invalid
                    + "': expected an integer >= 1 (files ingested at once)", file.get("reason").asText());
        }
        assertEquals(0, store.client().getDatabase("tenant_tenant_r").getCollection("rows").countDocuments());
    }

    @Test
    void filesPropertyIsAPositiveIntegerWithADefault() {
        assertEquals(ClientBatchIngestApp.DEFAULT_FILES, ClientBatchIngestApp.fileThreads(null));
        assertEquals(1, ClientBatchIngestApp.fileThreads("1"));
        assertEquals(8, ClientBatchIngestApp.fileThreads(" 8 "));
        assertThrows(IllegalArgumentException.class, () -> ClientBatchIngestApp.fileThreads(""));
        assertThrows(IllegalArgumentException.class, () -> ClientBatchIngestApp.fileThreads("1.5"));
    }

    /** {@value #ROWS_PER_FILE} rows with ids unique across the job. */
    private static String goodFile(Path input, int number) throws IOException {
        StringBuilder text = new StringBuilder("id,n\n");
        for (int row = 0; row < ROWS_PER_FILE; row++) {
            text.append(number * 1000 + row).append(',').append(row).append('\n');
        }
        String name = String.format("file-%02d.csv", number);
        Records.write(input, name, text.toString());
        return name;
    }

    private Path dir(String name) throws IOException {
        return Files.createDirectories(work.resolve(name));
    }

    private static Map<String, String> env(String tenant, Path input, Path output) {
        Map<String, String> env = new HashMap<>();
        env.put("MYSIMBDP_TENANT", tenant);
        env.put("MYSIMBDP_INGESTION_ID", "job-1");
        env.put("MYSIMBDP_INPUT_DIR", input.toString());
        env.put("MYSIMBDP_OUTPUT_DIR", output.toString());
        env.put("MYSIMBDP_MONGODB_URI", store.uri());
        env.put("MYSIMBDP_APP_CONFIG", CONFIG);
        return env;
    }

    private static JsonNode readResult(Path output) throws IOException {
        return Json.json().readTree(output.resolve("result.json").toFile());
    }
}
