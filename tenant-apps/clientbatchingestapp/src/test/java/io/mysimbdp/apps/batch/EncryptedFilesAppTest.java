package io.mysimbdp.apps.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.mysimbdp.common.crypto.EncryptedFileFormat;
import io.mysimbdp.common.crypto.EncryptingOutputStream;
import io.mysimbdp.common.crypto.KeyDirectory;
import io.mysimbdp.common.crypto.TenantKey;
import io.mysimbdp.common.json.Json;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app decrypts encrypted files while streaming; a wrong key, a flipped byte or a truncated file
 * fails that file with its reason and writes nothing of it, while the job's other files go in.
 */
class EncryptedFilesAppTest {
    static final int ROWS = 60_000;
    static final String CONFIG = "{\"collection\": \"prices\", \"fields\": {\"id\": \"long\", \"price\": \"double\"}, \"batchSize\": 1000}";

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

    static void writeRows(OutputStream out, int from, int rows) throws IOException {
        try (Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            w.write("id,price\n");
            for (int i = from; i < from + rows; i++) {
                w.write(i + "," + (i % 997) + ".25\n");
            }
        }
    }

    static Path encrypted(Path dir, String name, TenantKey key, int from, int rows) throws IOException {
        Path file = dir.resolve(name);
        writeRows(new EncryptingOutputStream(Files.newOutputStream(file), key), from, rows);
        return file;
    }

    Map<String, String> env(String tenant, Path input, Path output, Path keys) {
        Map<String, String> env = new HashMap<>();
        env.put("MYSIMBDP_TENANT", tenant);
        env.put("MYSIMBDP_INGESTION_ID", "job-" + output.getFileName());
        env.put("MYSIMBDP_INPUT_DIR", input.toString());
        env.put("MYSIMBDP_OUTPUT_DIR", output.toString());
        env.put("MYSIMBDP_MONGODB_URI", uri);
        env.put("MYSIMBDP_APP_CONFIG", CONFIG);
        if (keys != null) {
            env.put(KeyDirectory.KEYS_DIR_ENV, keys.toString());
        }
        return env;
    }

    static Map<String, JsonNode> filesOf(Path output) throws IOException {
        Map<String, JsonNode> files = new HashMap<>();
        Json.json().readTree(output.resolve("result.json").toFile()).get("files").forEach(f -> files.put(f.get("file").asText(), f));
        return files;
    }

    static long stored(MongoCollection<Document> c, String file) {
        return c.countDocuments(Filters.eq("_ingestion.file", file));
    }

    @Test
    void goodFilesGoInAndWrongKeyTamperingAndTruncationFailWithNothingWritten() throws Exception {
        Path keys = work.resolve("keys/tenant-x");
        TenantKey key1 = TenantKey.generate("key1", new SecureRandom());
        TenantKey key2 = TenantKey.generate("key2", new SecureRandom());
        new KeyDirectory(keys).write(key1);
        new KeyDirectory(keys).write(key2);
        Path input = Files.createDirectories(work.resolve("in"));
        Path big = encrypted(input, "big.csv.enc", key1, 0, ROWS);
        encrypted(input, "rotated.csv.enc", key2, 1_000_000, 10);
        encrypted(input, "wrongkey.csv.enc", TenantKey.generate("key1", new SecureRandom()), 2_000_000, 5_000);
        Path flipped = encrypted(input, "flipped.csv.enc", key1, 3_000_000, 50_000);
        byte[] bytes = Files.readAllBytes(flipped);
        int late = bytes.length - 10_000;   // near the end: every chunk before it is good and must still not be written
        bytes[late] ^= 0x01;
        Files.write(flipped, bytes);
        Path cut = encrypted(input, "truncated.csv.enc", key1, 4_000_000, 50_000);
        byte[] whole = Files.readAllBytes(cut);
        Files.write(cut, Arrays.copyOf(whole, whole.length - 3_000));
        Files.writeString(input.resolve("plain.csv"), "id,price\n5000000,1.5\n5000001,2.5\n");
        Path output = Files.createDirectories(work.resolve("out"));

        int exit = ClientBatchIngestApp.run(env("tenant-x", input, output, keys));

        assertEquals(ClientBatchIngestApp.EXIT_FILES_FAILED, exit);
        MongoCollection<Document> prices = client.getDatabase("tenant_tenant_x").getCollection("prices");
        Map<String, JsonNode> files = filesOf(output);
        JsonNode ok = files.get("big.csv.enc");
        assertEquals("ok", ok.get("status").asText(), ok.toString());
        assertEquals(ROWS, ok.get("rows").asLong());
        assertEquals(ROWS, ok.get("successful_rows").asLong());
        assertTrue(ok.get("data_size").asLong() < Files.size(big), "data_size counts the plaintext bytes");
        assertEquals(ROWS, stored(prices, "big.csv.enc"));
        Document first = prices.find(Filters.eq("id", 7L)).first();
        assertEquals(7.25, first.getDouble("price"), "decrypted, then wrangled into typed fields");
        assertEquals(10, stored(prices, "rotated.csv.enc"), "the second key id of the rotation");
        assertEquals(2, stored(prices, "plain.csv"));

        assertFailed(files, prices, "wrongkey.csv.enc", "cannot decrypt: wrong key: key 'key1' in " + keys
                + " is not the key this file was encrypted with");
        assertFailed(files, prices, "flipped.csv.enc", "cannot decrypt: chunk ");
        assertTrue(files.get("flipped.csv.enc").get("reason").asText().contains("does not authenticate: the file was modified"));
        assertFailed(files, prices, "truncated.csv.enc", "cannot decrypt: truncated: the file ends inside chunk ");
        assertEquals(ROWS + 10 + 2, prices.countDocuments(), "nothing else reached the store");
    }

    @Test
    void noKeysOrAnUnknownKeyIdFailOnlyTheEncryptedFiles() throws Exception {
        Path input = Files.createDirectories(work.resolve("in"));
        encrypted(input, "a.csv.enc", TenantKey.generate("key9", new SecureRandom()), 0, 3);
        Files.writeString(input.resolve("b.csv"), "id,price\n1,1.5\n");
        Path noKeys = Files.createDirectories(work.resolve("out-none"));
        assertEquals(ClientBatchIngestApp.EXIT_FILES_FAILED, ClientBatchIngestApp.run(env("tenant-y", input, noKeys, null)));
        JsonNode a = filesOf(noKeys).get("a.csv.enc");
        assertTrue(a.get("reason").asText().startsWith("cannot decrypt: the file is encrypted but the app was given no keys (MYSIMBDP_KEYS_DIR is not set"),
                a.toString());
        assertEquals("ok", filesOf(noKeys).get("b.csv").get("status").asText());

        Path keys = Files.createDirectories(work.resolve("keys/tenant-y"));
        Path unknown = Files.createDirectories(work.resolve("out-unknown"));
        ClientBatchIngestApp.run(env("tenant-y", input, unknown, keys));
        assertEquals("cannot decrypt: encrypted with key id 'key9', but there is no such key in " + keys,
                filesOf(unknown).get("a.csv.enc").get("reason").asText());
        assertEquals(1, client.getDatabase("tenant_tenant_y").getCollection("prices").countDocuments());
    }

    @Test
    void theSameDataReEncryptedIsNotIngestedTwice() throws Exception {
        Path keys = work.resolve("keys/tenant-z");
        TenantKey key = TenantKey.generate("key1", new SecureRandom());
        new KeyDirectory(keys).write(key);
        Path once = Files.createDirectories(work.resolve("in-1"));
        Path again = Files.createDirectories(work.resolve("in-2"));
        encrypted(once, "p.csv.enc", key, 0, 100);
        encrypted(again, "p.csv.enc", key, 0, 100);
        assertTrue(!Arrays.equals(Files.readAllBytes(once.resolve("p.csv.enc")), Files.readAllBytes(again.resolve("p.csv.enc"))));
        assertEquals(0, ClientBatchIngestApp.run(env("tenant-z", once, Files.createDirectories(work.resolve("o1")), keys)));
        Path second = Files.createDirectories(work.resolve("o2"));
        assertEquals(0, ClientBatchIngestApp.run(env("tenant-z", again, second, keys)));
        assertEquals(100, filesOf(second).get("p.csv.enc").get("duplicate_rows").asLong(), "ids come from the plaintext's hash");
        assertEquals(100, client.getDatabase("tenant_tenant_z").getCollection("prices").countDocuments());
        assertTrue(EncryptedFileFormat.isEncryptedName("p.csv.enc"));
    }

    private static void assertFailed(Map<String, JsonNode> files, MongoCollection<Document> prices, String name, String reasonStart) {
        JsonNode f = files.get(name);
        assertEquals("failed", f.get("status").asText(), f.toString());
        assertTrue(f.get("reason").asText().startsWith(reasonStart), f.get("reason").asText());
        assertEquals(0, f.get("successful_rows").asLong());
        assertEquals(0, stored(prices, name), "nothing of " + name + " in the store");
    }
}
