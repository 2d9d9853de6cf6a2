package io.mysimbdp.apps.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.mysimbdp.apps.batch.read.FileHashing;
import io.mysimbdp.common.json.Json;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The app as a black box against an in-process MongoDB wire server (memory backend). */
class ClientBatchIngestAppTest {
    /** tenant1's config from config/tenants/tenant1.yaml, with tiny batches to exercise the pipeline. */
    private static final String LISTINGS_CONFIG = """
            {"collection": "listings", "keyFields": ["id"], "required": ["id", "latitude", "longitude"],
             "fields": {"id": "long", "host_id": "long", "latitude": "double", "longitude": "double", "price": "double",
                        "minimum_nights": "int", "number_of_reviews": "int", "last_review": "date",
                        "reviews_per_month": "double", "calculated_host_listings_count": "int", "availability_365": "int"},
             "rename": {"neighbourhood_group": "borough"},
             "geo": {"lat": "latitude", "lon": "longitude", "target": "location"},
             "batchSize": 2}""";
    private static final String HEADER = "id,name,host_id,host_name,neighbourhood_group,neighbourhood,latitude,longitude,"
            + "room_type,price,minimum_nights,number_of_reviews,last_review,reviews_per_month,"
            + "calculated_host_listings_count,availability_365\r\n";
    private static final Set<String> RESULT_KEYS = Set.of("tenant_name", "ingestion_id", "ingestion_type", "app", "timestamp",
            "started_at", "finished_at", "files", "data_size", "rows", "successful_rows", "failed_rows", "duplicate_rows",
            "ingestion_time", "ingestion_rate");
    private static final Set<String> FILE_KEYS = Set.of("file", "status", "reason", "sha256", "collection", "data_size", "rows",
            "successful_rows", "failed_rows", "duplicate_rows", "first_errors", "ingestion_time", "ingestion_rate",
            "rows_per_second", "timestamp");

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
    void ingestsCsvAndJsonLinesWithBadRowsAndARerunAddsNothing() throws Exception {
        Path input = dir("input");
        Path first = Records.write(input, "listings-1.csv", HEADER
                + listing(1, "Cozy, sunny loft", "40.64749", "-73.97237", "149", "2019-05-21")
                + listing(2, "\"Two\nlines\"", "40.75362", "-73.98377", "225", "")
                + listing(3, "Bad price", "40.80902", "-73.94190", "abc", "2019-01-01")
                + listing(4, "The \"\"best\"\" room", "40.68514", "-73.95976", "89", "2019-07-05")
                + "5,Too few columns,1,Ann,Brooklyn,Kensington,40.1,-73.9,Private room,10,1,0,,,1\r\n");
        Path second = Records.write(input, "listings-2.csv", HEADER
                + listing(6, "a", "40.1", "-73.9", "10", "")
                + listing(7, "no latitude", "", "-73.9", "10", "")
                + listing(8, "c", "40.3", "-73.7", "30", "2020-02-29")
                + listing(9, "d", "40.4", "-73.6", "40", ""));
        Path lines = Records.write(input, "more.jsonl", """
                {"id": 10, "name": "json one", "latitude": 40.5, "longitude": -73.5, "price": 50, "neighbourhood_group": "Queens"}
                {"id": 11, "name": broken
                {"id": "12", "name": "json three", "latitude": "40.7", "longitude": "-73.3", "last_review": "2021-03-04"}
                """);
        Files.writeString(input.resolve(".hidden.csv"), "not,ingested\n");
        Files.createDirectory(input.resolve("subdir"));

        Path output = dir("out-1");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int exit = withStdout(stdout, () -> ClientBatchIngestApp.run(env("tenant-a", input, output, LISTINGS_CONFIG, 1)));

        assertEquals(0, exit);
        MongoCollection<Document> listings = client.getDatabase("tenant_tenant_a").getCollection("listings");
        assertEquals(8, listings.countDocuments());

        JsonNode result = readResult(output);
        assertEquals(RESULT_KEYS, keys(result));
        assertEquals("tenant-a", result.get("tenant_name").asText());
        assertEquals("job-1", result.get("ingestion_id").asText());
        assertEquals("batch", result.get("ingestion_type").asText());
        assertEquals("clientbatchingestapp", result.get("app").asText());
        assertEquals(3, result.get("files").size());
        assertFile(result.get("files").get(0), "listings-1.csv", first, 5, 3, 2, 0);
        assertFile(result.get("files").get(1), "listings-2.csv", second, 4, 3, 1, 0);
        assertFile(result.get("files").get(2), "more.jsonl", lines, 3, 2, 1, 0);
        assertEquals(12, result.get("rows").asLong());
        assertEquals(8, result.get("successful_rows").asLong());
        assertEquals(4, result.get("failed_rows").asLong());
        assertEquals(0, result.get("duplicate_rows").asLong());
        assertEquals(Files.size(first) + Files.size(second) + Files.size(lines), result.get("data_size").asLong());

        JsonNode firstErrors = result.get("files").get(0).get("first_errors");
        assertEquals(3, firstErrors.get(0).get("row").asLong());
        assertEquals("field 'price': not a number: 'abc'", firstErrors.get(0).get("reason").asText());
        assertEquals("expected 16 columns (as in the header), found 15", firstErrors.get(1).get("reason").asText());
        assertEquals("required field 'latitude' is missing or empty",
                result.get("files").get(1).get("first_errors").get(0).get("reason").asText());

        List<JsonNode> rejects = readLines(output.resolve("rejects.jsonl"));
        assertEquals(4, rejects.size());
        assertEquals(Set.of("file", "row", "reason", "raw"), keys(rejects.get(0)));
        assertEquals("listings-1.csv", rejects.get(0).get("file").asText());
        assertTrue(rejects.get(0).get("raw").asText().startsWith("3,Bad price,"), rejects.get(0).toString());
        // files run side by side, so only each file's own lines keep their order
        JsonNode jsonReject = rejects.stream().filter(r -> r.get("file").asText().equals("more.jsonl")).findFirst().orElseThrow();
        assertEquals("{\"id\": 11, \"name\": broken", jsonReject.get("raw").asText());

        Document one = listings.find(new Document("_id", "1")).first();
        assertEquals("Cozy, sunny loft", one.get("name"));
        assertEquals(1L, one.get("id"));
        assertEquals(149.0, one.get("price"));
        assertEquals("Brooklyn", one.get("borough"));
        assertFalse(one.containsKey("neighbourhood_group"));
        assertEquals(Date.from(Instant.parse("2019-05-21T00:00:00Z")), one.get("last_review"));
        assertEquals(new Document("type", "Point").append("coordinates", List.of(-73.97237, 40.64749)), one.get("location"));
        Document stamp = one.get("_ingestion", Document.class);
        assertEquals("job-1", stamp.get("id"));
        assertEquals("listings-1.csv", stamp.get("file"));
        assertEquals(1L, stamp.get("row"));
        assertEquals("Two\nlines", listings.find(new Document("_id", "2")).first().get("name"));
        assertFalse(listings.find(new Document("_id", "2")).first().containsKey("last_review"));
        assertEquals(12L, listings.find(new Document("_id", "12")).first().get("id"));

        List<JsonNode> logLines = parseLines(stdout.toString(StandardCharsets.UTF_8));
        assertEquals(3, logLines.size());
        assertEquals("listings-1.csv", logLines.get(0).get("file").asText());
        assertEquals(5, logLines.get(0).get("rows").asLong());
        assertEquals(3, logLines.get(0).get("ok").asLong());
        assertEquals(2, logLines.get(0).get("failed").asLong());
        assertTrue(logLines.get(0).has("seconds") && logLines.get(0).has("rows_per_second") && logLines.get(0).has("tenant"));

        // The same job again (a retry): nothing new, everything counted as already there.
        Path output2 = dir("out-2");
        assertEquals(0, ClientBatchIngestApp.run(env("tenant-a", input, output2, LISTINGS_CONFIG, 2)));
        assertEquals(8, listings.countDocuments());
        JsonNode again = readResult(output2);
        assertEquals(8, again.get("successful_rows").asLong());
        assertEquals(8, again.get("duplicate_rows").asLong());
        assertEquals(4, again.get("failed_rows").asLong());
        assertEquals(3, again.get("files").get(0).get("duplicate_rows").asLong());
        assertEquals("job-1", listings.find(new Document("_id", "1")).first().get("_ingestion", Document.class).get("id"));
    }

    @Test
    void withoutKeyFieldsIdsComeFromTheFileHashAndARerunAddsNothing() throws Exception {
        Path input = dir("input");
        Path file = Records.write(input, "prices.csv", HEADER + listing(1, "a", "40.1", "-73.9", "10", "")
                + listing(1, "same id, other row", "40.1", "-73.9", "11", ""));
        String config = "{\"collection\": \"prices\", \"fields\": {\"price\": \"double\"}}";

        assertEquals(0, ClientBatchIngestApp.run(env("tenant-b", input, dir("out-1"), config, 1)));
        assertEquals(0, ClientBatchIngestApp.run(env("tenant-b", input, dir("out-2"), config, 2)));

        MongoCollection<Document> prices = client.getDatabase("tenant_tenant_b").getCollection("prices");
        String prefix = FileHashing.sha256(file).substring(0, 16);
        Set<Object> ids = new HashSet<>();
        prices.find().forEach(doc -> ids.add(doc.get("_id")));
        assertEquals(Set.of(prefix + ":1", prefix + ":2"), ids);
        assertEquals(2, readResult(work.resolve("out-2")).get("duplicate_rows").asLong());
    }

    @Test
    void fileWithAnUnknownExtensionFailsAloneAndTheExitIsNonZero() throws Exception {
        Path input = dir("input");
        Records.write(input, "a.csv", HEADER + listing(1, "a", "40.1", "-73.9", "10", ""));
        Records.write(input, "b.txt", "hello\n");
        Records.write(input, "c.json", "hello, not JSON\n");
        Path output = dir("out");

        int exit = ClientBatchIngestApp.run(env("tenant-c", input, output, LISTINGS_CONFIG, 1));

        assertEquals(ClientBatchIngestApp.EXIT_FILES_FAILED, exit);
        JsonNode files = readResult(output).get("files");
        assertEquals("ok", files.get(0).get("status").asText());
        assertEquals(1, files.get(0).get("successful_rows").asLong());
        assertEquals("failed", files.get(1).get("status").asText());
        assertTrue(files.get(1).get("reason").asText().startsWith("unsupported file type"), files.get(1).toString());
        assertEquals("failed", files.get(2).get("status").asText());
        assertTrue(files.get(2).get("reason").asText().startsWith("not JSON"), files.get(2).toString());
        assertEquals(1, client.getDatabase("tenant_tenant_c").getCollection("listings").countDocuments());
    }

    @Test
    void unreachableStoreFailsEveryFileWithAReason() throws Exception {
        Path input = dir("input");
        Records.write(input, "a.csv", HEADER + listing(1, "a", "40.1", "-73.9", "10", ""));
        Records.write(input, "b.csv", HEADER + listing(2, "b", "40.1", "-73.9", "10", ""));
        Path output = dir("out");
        Map<String, String> env = env("tenant-d", input, output, LISTINGS_CONFIG, 1);
        env.put("MYSIMBDP_MONGODB_URI", "mongodb://127.0.0.1:" + closedPort() + "/?serverSelectionTimeoutMS=300&connectTimeoutMS=300");

        int exit = ClientBatchIngestApp.run(env);

        assertEquals(io.mysimbdp.common.runtime.BatchAppExit.STORE_UNAVAILABLE, exit);   // the attempt does not count
        JsonNode files = readResult(output).get("files");
        assertEquals(2, files.size());
        for (JsonNode file : files) {
            assertEquals("failed", file.get("status").asText());
            assertTrue(file.get("reason").asText().contains("store unreachable"), file.toString());
        }
        assertEquals(1, files.get(0).get("rows").asLong());
        assertEquals(0, files.get(0).get("successful_rows").asLong());
        assertTrue(files.get(1).get("reason").asText().startsWith("not attempted"), files.get(1).toString());
    }

    @Test
    void brokenConfigFailsEveryFileWithTheReason() throws Exception {
        Path input = dir("input");
        Records.write(input, "a.csv", HEADER);
        Records.write(input, "b.csv", HEADER);
        Path output = dir("out");

        int exit = ClientBatchIngestApp.run(env("tenant-e", input, output, "{\"fields\": {\"price\": \"money\"}}", 1));

        assertEquals(ClientBatchIngestApp.EXIT_UNUSABLE, exit);
        JsonNode files = readResult(output).get("files");
        assertEquals(2, files.size());
        for (JsonNode file : files) {
            assertEquals("failed", file.get("status").asText());
            assertTrue(file.get("reason").asText().startsWith("invalid MYSIMBDP_APP_CONFIG: 'fields.price': unknown type"),
                    file.toString());
        }
    }

    @Test
    void unusableEnvironmentExitsNonZeroAndStillNamesTheFiles() throws Exception {
        Path input = dir("input");
        Records.write(input, "a.csv", HEADER);
        Path output = dir("out");
        Map<String, String> env = env("tenant-f", input, output, "{}", 1);
        env.remove("MYSIMBDP_MONGODB_URI");

        assertEquals(ClientBatchIngestApp.EXIT_UNUSABLE, ClientBatchIngestApp.run(env));
        JsonNode file = readResult(output).get("files").get(0);
        assertEquals("failed", file.get("status").asText());
        assertTrue(file.get("reason").asText().contains("MYSIMBDP_MONGODB_URI is not set"), file.toString());
    }

    @Test
    void emptyInputDirectoryIsASuccessWithNoFiles() throws Exception {
        Path output = dir("out");

        assertEquals(0, ClientBatchIngestApp.run(env("tenant-g", dir("input"), output, "{}", 1)));
        JsonNode result = readResult(output);
        assertEquals(0, result.get("files").size());
        assertEquals(0, result.get("rows").asLong());
        assertTrue(Files.exists(output.resolve("rejects.jsonl")));
    }

    private static void assertFile(JsonNode entry, String name, Path file, long rows, long ok, long failed, long duplicates)
            throws IOException {
        assertEquals(FILE_KEYS, keys(entry));
        assertEquals(name, entry.get("file").asText());
        assertEquals("ok", entry.get("status").asText(), entry.toString());
        assertTrue(entry.get("reason").isNull());
        assertEquals(FileHashing.sha256(file), entry.get("sha256").asText());
        assertEquals("listings", entry.get("collection").asText());
        assertEquals(Files.size(file), entry.get("data_size").asLong());
        assertEquals(rows, entry.get("rows").asLong());
        assertEquals(ok, entry.get("successful_rows").asLong());
        assertEquals(failed, entry.get("failed_rows").asLong());
        assertEquals(duplicates, entry.get("duplicate_rows").asLong());
        assertEquals(failed, entry.get("first_errors").size());
        assertTrue(entry.get("ingestion_time").asDouble() >= 0);
    }

    private static String listing(long id, String name, String lat, String lon, String price, String lastReview) {
        String quotedName = name.contains(",") && !name.startsWith("\"") ? "\"" + name + "\"" : name;
        if (name.contains("\"\"") && !name.startsWith("\"")) {
            quotedName = "\"" + name + "\"";
        }
        return id + "," + quotedName + ",42,Host,Brooklyn,Kensington," + lat + "," + lon + ",Private room," + price
                + ",1,9," + lastReview + "," + (lastReview.isEmpty() ? "" : "0.21") + ",6,365\r\n";
    }

    private Path dir(String name) throws IOException {
        return Files.createDirectories(work.resolve(name));
    }

    private static Map<String, String> env(String tenant, Path input, Path output, String config, int attempt) {
        Map<String, String> env = new HashMap<>();
        env.put("MYSIMBDP_TENANT", tenant);
        env.put("MYSIMBDP_INGESTION_ID", "job-" + attempt);
        env.put("MYSIMBDP_ATTEMPT", String.valueOf(attempt));
        env.put("MYSIMBDP_INPUT_DIR", input.toString());
        env.put("MYSIMBDP_OUTPUT_DIR", output.toString());
        env.put("MYSIMBDP_MONGODB_URI", uri);
        env.put("MYSIMBDP_APP_CONFIG", config);
        env.put("TRACEPARENT", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        return env;
    }

    private static JsonNode readResult(Path output) throws IOException {
        return Json.json().readTree(output.resolve("result.json").toFile());
    }

    private static List<JsonNode> readLines(Path file) throws IOException {
        return parseLines(Files.readString(file));
    }

    private static List<JsonNode> parseLines(String text) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                lines.add(Json.json().readTree(line));
            }
        }
        return lines;
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> keys = new HashSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        return keys;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private interface IntAction {
        int run() throws Exception;
    }

    private static int withStdout(ByteArrayOutputStream capture, IntAction action) throws Exception {
        PrintStream original = System.out;
        System.setOut(new PrintStream(capture, true, StandardCharsets.UTF_8));
        try {
            return action.run();
        } finally {
            System.setOut(original);
        }
    }
}
