package io.mysimbdp.apps.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.mysimbdp.common.crypto.KeyDirectory;
import io.mysimbdp.common.crypto.TenantKey;
import io.mysimbdp.common.crypto.TinkKeysets;
import io.mysimbdp.common.crypto.TinkStreamingFormat;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;

import static io.mysimbdp.apps.batch.EncryptedFilesAppTest.filesOf;
import static io.mysimbdp.apps.batch.EncryptedFilesAppTest.stored;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files a tenant encrypted with Tink's own API, exactly as the Python example in
 * docs/encrypted-files.md does (the JSON keyset from {@code bin/mysimbdp keyset}, the streaming AEAD
 * primitive, the tenant id as associated data), are decrypted while streamed and ingested with exact
 * row counts; a tampered, truncated or foreign file fails with its reason and writes nothing; the
 * platform's own format still works in the same job.
 */
class TinkFilesAppTest {
    static final String TENANT = "tenant-t";
    static final int CSV_ROWS = 60_000;
    static final int JSON_ROWS = 20_000;
    /** About 2.8 MB: three 1 MiB segments, so a damaged later segment is told from a wrong keyset. */
    static final int LARGE_ROWS = 200_000;

    private static InMemoryStore holder;

    @TempDir
    Path work;

    @BeforeAll
    static void startStore() {
        holder = InMemoryStore.start();
    }

    @AfterAll
    static void stopStore() {
        holder.close();
    }

    static Map<String, String> env(String tenant, Path input, Path output, Path keys) {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("MYSIMBDP_TENANT", tenant);
        env.put("MYSIMBDP_INGESTION_ID", "job-" + tenant);
        env.put("MYSIMBDP_INPUT_DIR", input.toString());
        env.put("MYSIMBDP_OUTPUT_DIR", output.toString());
        env.put("MYSIMBDP_MONGODB_URI", holder.uri());
        env.put("MYSIMBDP_APP_CONFIG", EncryptedFilesAppTest.CONFIG);
        env.put(KeyDirectory.KEYS_DIR_ENV, keys.toString());
        return env;
    }

    /**
     * What the tenant runs, line for line the docs' Python example:
     * parse the JSON keyset, get the StreamingAead primitive, encrypt the file with the tenant id as associated data.
     */
    static void tenantEncrypts(Path keysetFile, Path plaintext, Path ciphertext, String associatedData) throws Exception {
        StreamingAeadConfig.register();                                                          // streaming_aead.register()
        KeysetHandle keysetHandle = TinkJsonProtoKeysetFormat.parseKeyset(                       // tink.json_proto_keyset_format.parse(
                Files.readString(keysetFile), InsecureSecretKeyAccess.get());                    //     f.read(), secret_key_access.TOKEN)
        StreamingAead primitive = keysetHandle.getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
        try (InputStream src = Files.newInputStream(plaintext);
             OutputStream enc = primitive.newEncryptingStream(Files.newOutputStream(ciphertext),
                     associatedData.getBytes(StandardCharsets.UTF_8))) {                          // b"tenant2"
            src.transferTo(enc);                                                                 // shutil.copyfileobj(src, enc)
        }
    }

    static Path csv(Path dir, String name, int from, int rows) throws Exception {
        Path file = dir.resolve(name);
        EncryptedFilesAppTest.writeRows(Files.newOutputStream(file), from, rows);
        return file;
    }

    static Path jsonLines(Path dir, String name, int from, int rows) throws Exception {
        Path file = dir.resolve(name);
        try (Writer w = Files.newBufferedWriter(file)) {
            for (int i = from; i < from + rows; i++) {
                w.write("{\"id\": " + i + ", \"price\": " + (i % 991) + ".5}\n");
            }
        }
        return file;
    }

    @Test
    void tinkFilesGoInWithExactCountsAndBadOnesFailWithTheirReasonAndNothingWritten() throws Exception {
        Path keys = work.resolve("keys").resolve(TENANT);
        Path keyset = keys.resolve(TinkStreamingFormat.KEYSET_FILE);
        TinkKeysets.write(keyset, TinkKeysets.generate("AES256_GCM_HKDF_4KB"), false);   // bin/mysimbdp keyset --tenant tenant-t
        Path plain = Files.createDirectories(work.resolve("plain"));
        Path input = Files.createDirectories(work.resolve("in"));

        tenantEncrypts(keyset, jsonLines(plain, "listings.json", 0, JSON_ROWS), input.resolve("listings.json.tink"), TENANT);
        // rotation: a 1 MiB-segment key becomes the primary; files under the first key still decrypt
        TinkKeysets.write(keyset, TinkKeysets.rotate(TinkKeysets.read(keyset), "AES256_GCM_HKDF_1MB"), true);
        tenantEncrypts(keyset, csv(plain, "prices.csv", 100_000, CSV_ROWS), input.resolve("prices.csv.tink"), TENANT);

        tenantEncrypts(keyset, csv(plain, "t.csv", 200_000, LARGE_ROWS), input.resolve("tampered.csv.tink"), TENANT);
        byte[] tampered = Files.readAllBytes(input.resolve("tampered.csv.tink"));
        tampered[(1 << 20) + 5_000] ^= 0x01;   // in the second 1 MiB segment
        Files.write(input.resolve("tampered.csv.tink"), tampered);

        tenantEncrypts(keyset, csv(plain, "c.csv", 400_000, LARGE_ROWS), input.resolve("truncated.csv.tink"), TENANT);
        byte[] whole = Files.readAllBytes(input.resolve("truncated.csv.tink"));
        Files.write(input.resolve("truncated.csv.tink"), Arrays.copyOf(whole, whole.length - 3_000));

        tenantEncrypts(keyset, csv(plain, "o.csv", 700_000, 100), input.resolve("othertenant.csv.tink"), "tenant-u");
        Path foreignKeyset = work.resolve("foreign").resolve(TinkStreamingFormat.KEYSET_FILE);
        TinkKeysets.write(foreignKeyset, TinkKeysets.generate("AES256_GCM_HKDF_4KB"), false);
        tenantEncrypts(foreignKeyset, csv(plain, "f.csv", 800_000, 100), input.resolve("foreignkeyset.csv.tink"), TENANT);

        TenantKey key1 = TenantKey.generate("key1", new SecureRandom());
        new KeyDirectory(keys).write(key1);
        EncryptedFilesAppTest.encrypted(input, "old.csv.enc", key1, 900_000, 1_000);
        Path output = Files.createDirectories(work.resolve("out"));

        int exit = ClientBatchIngestApp.run(env(TENANT, input, output, keys));

        assertEquals(ClientBatchIngestApp.EXIT_FILES_FAILED, exit);
        MongoCollection<Document> prices = holder.client().getDatabase("tenant_tenant_t").getCollection("prices");
        Map<String, JsonNode> files = filesOf(output);
        assertOk(files, prices, "prices.csv.tink", CSV_ROWS, plain.resolve("prices.csv"));
        assertOk(files, prices, "listings.json.tink", JSON_ROWS, plain.resolve("listings.json"));
        assertOk(files, prices, "old.csv.enc", 1_000, null);
        assertEquals(100_007 % 997 + 0.25, prices.find(new Document("id", 100_007L)).first().getDouble("price"), "decrypted, then wrangled");

        assertFailed(files, prices, "tampered.csv.tink", "cannot decrypt: segment ");
        assertTrue(reason(files, "tampered.csv.tink").contains("does not authenticate ("), reason(files, "tampered.csv.tink"));
        assertFailed(files, prices, "truncated.csv.tink", "cannot decrypt: truncated or modified at its end: segment ");
        String wrong = "cannot decrypt: no key of the Tink keyset " + keyset + " decrypts the file's first segment with associated data '"
                + TENANT + "' (the tenant id)";
        assertFailed(files, prices, "othertenant.csv.tink", wrong);
        assertFailed(files, prices, "foreignkeyset.csv.tink", wrong);
        assertEquals(CSV_ROWS + JSON_ROWS + 1_000, prices.countDocuments(), "nothing else reached the store");
    }

    @Test
    void withoutAKeysetOnlyTheTinkFilesFailAndTheReasonSaysWhereItShouldBe() throws Exception {
        Path keys = Files.createDirectories(work.resolve("keys").resolve("tenant-v"));
        Path keyset = work.resolve("elsewhere").resolve(TinkStreamingFormat.KEYSET_FILE);
        TinkKeysets.write(keyset, TinkKeysets.generate("AES256_GCM_HKDF_4KB"), false);
        Path plain = Files.createDirectories(work.resolve("plain"));
        Path input = Files.createDirectories(work.resolve("in"));
        tenantEncrypts(keyset, csv(plain, "a.csv", 0, 10), input.resolve("a.csv.tink"), "tenant-v");
        Files.writeString(input.resolve("b.csv"), "id,price\n1,1.5\n");
        Path output = Files.createDirectories(work.resolve("out"));

        assertEquals(ClientBatchIngestApp.EXIT_FILES_FAILED,
                ClientBatchIngestApp.run(env("tenant-v", input, output, keys)));

        assertTrue(reason(filesOf(output), "a.csv.tink").startsWith("cannot decrypt: there is no Tink keyset "
                + keys.resolve(TinkStreamingFormat.KEYSET_FILE) + " (make one with 'bin/mysimbdp keyset --tenant <tenant>'"), reason(filesOf(output), "a.csv.tink"));
        assertEquals("ok", filesOf(output).get("b.csv").get("status").asText());
    }

    private static String reason(Map<String, JsonNode> files, String name) {
        return files.get(name).get("reason").asText();
    }

    private static void assertOk(Map<String, JsonNode> files, MongoCollection<Document> prices, String name, int rows, Path plaintext)
            throws Exception {
        JsonNode f = files.get(name);
        assertEquals("ok", f.get("status").asText(), f.toString());
        assertEquals(rows, f.get("rows").asLong());
        assertEquals(rows, f.get("successful_rows").asLong());
        assertEquals(rows, stored(prices, name));
        if (plaintext != null) {
            assertEquals(Files.size(plaintext), f.get("data_size").asLong(), "data_size counts the plaintext bytes");
        }
    }

    private static void assertFailed(Map<String, JsonNode> files, MongoCollection<Document> prices, String name, String reasonStart) {
        JsonNode f = files.get(name);
        assertEquals("failed", f.get("status").asText(), f.toString());
        assertTrue(f.get("reason").asText().startsWith(reasonStart), f.get("reason").asText());
        assertEquals(0, f.get("successful_rows").asLong());
        assertEquals(0, stored(prices, name), "nothing of " + name + " in the store");
    }
}
