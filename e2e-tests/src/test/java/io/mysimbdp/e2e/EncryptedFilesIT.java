package io.mysimbdp.e2e;

import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Encrypted files end to end, as a tenant uses them: keys made and files encrypted with the
 * packaged CLI, staged for tenant2 (whose example profile accepts key1 and key2), ingested by the
 * packaged app; a wrong key, a flipped byte and a truncated file fail with their reason and leave
 * no document, while tenant1's plain file goes in alongside.
 */
class EncryptedFilesIT {
    static final Duration WAIT = Duration.ofMinutes(3);
    static final int ROWS = 60_000;

    @TempDir
    Path tmp;
    Platform platform;
    Path keys;

    @BeforeEach
    void startPlatform() throws IOException {
        keys = tmp.resolve("keys");
        platform = new Platform(tmp, Map.of(), Map.of("MYSIMBDP_TENANT_KEYS_DIR", keys.toString()));
    }

    @AfterEach
    void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    Path encrypt(Path plain, Path keyFile, String name) throws Exception {
        Path out = Files.createDirectories(tmp.resolve("enc")).resolve(name);
        platform.cli("encrypt", "--tenant", "tenant2", "--key-file", keyFile.toString(), plain.toString(), out.toString());
        return out;
    }

    long documentsOf(String file) {
        return platform.mongo.getDatabase("tenant_tenant2").getCollection("prices").countDocuments(Filters.eq("_ingestion.file", file));
    }

    Document failedReason(String file) throws IOException {
        return Document.parse(Files.readString(platform.var.resolve("failed/tenant2").resolve(file + ".reason.json")));
    }

    @Test
    void goodEncryptedFilesAreIngestedAndBadOnesFailWithTheirReasonAndNothingWritten() throws Exception {
        platform.cli("keygen", "--tenant", "tenant2", "--key-id", "key1", "--keys-dir", keys.toString());
        platform.cli("keygen", "--tenant", "intruder", "--key-id", "key1", "--keys-dir", keys.toString());
        Path key1 = keys.resolve("tenant2/key1.key");
        Path foreign = keys.resolve("intruder/key1.key");

        Path plain = Platform.files(platform.sampleData("prices", "--format", "csv", "--rows", Integer.toString(ROWS),
                "--prefix", "prices", "--start-id", "100000")).get(0);
        Path small = Platform.files(platform.sampleData("small", "--format", "csv", "--rows", "2000", "--prefix", "small",
                "--start-id", "900000")).get(0);
        Path good = encrypt(plain, key1, "prices.csv.enc");
        Path wrongKey = encrypt(small, foreign, "wrongkey.csv.enc");
        Path flipped = encrypt(small, key1, "flipped.csv.enc");
        byte[] bytes = Files.readAllBytes(flipped);
        bytes[bytes.length - 1000] ^= 0x01;   // in the last chunk: the chunks before it are good and still not written
        Files.write(flipped, bytes);
        Path truncated = encrypt(small, key1, "truncated.csv.enc");
        byte[] whole = Files.readAllBytes(truncated);
        Files.write(truncated, Arrays.copyOf(whole, whole.length - 500));
        Path listings = Platform.files(platform.sampleData("t1", "--format", "csv", "--rows", "500", "--prefix", "listings")).get(0);

        Path staging2 = Files.createDirectories(platform.var.resolve("staging/tenant2"));
        for (Path f : new Path[]{good, wrongKey, flipped, truncated}) {
            Files.copy(f, staging2.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.copy(listings, Files.createDirectories(platform.var.resolve("staging/tenant1")).resolve(listings.getFileName()));

        await().atMost(WAIT).until(() -> platform.ledgerCount("tenant2", "DONE") == 1 && platform.ledgerCount("tenant2", "FAILED") == 3
                && platform.ledgerCount("tenant1", "DONE") == 1);
        Document done = platform.ledger().find(Filters.and(Filters.eq("tenant", "tenant2"), Filters.eq("status", "DONE"))).first();
        assertEquals("prices.csv.enc", done.getString("file"));
        assertEquals((long) ROWS, done.getLong("rows_ok"));
        assertEquals(ROWS, documentsOf("prices.csv.enc"));
        assertEquals(ROWS, platform.documents("tenant_tenant2", "prices"), "nothing of the bad files");
        assertEquals(500, platform.documents("tenant_tenant1", "listings"), "another tenant is not affected");

        assertTrue(failedReason("wrongkey.csv.enc").getString("reason").contains("cannot decrypt: wrong key: key 'key1'"),
                failedReason("wrongkey.csv.enc").toJson());
        assertTrue(failedReason("flipped.csv.enc").getString("reason").contains("does not authenticate"), failedReason("flipped.csv.enc").toJson());
        assertTrue(failedReason("truncated.csv.enc").getString("reason").contains("cannot decrypt: truncated: the file ends inside chunk"),
                failedReason("truncated.csv.enc").toJson());
        for (String bad : new String[]{"wrongkey.csv.enc", "flipped.csv.enc", "truncated.csv.enc"}) {
            assertEquals(0, documentsOf(bad), bad);
            Document row = platform.ledger().find(Filters.and(Filters.eq("file", bad), Filters.eq("status", "FAILED"))).first();
            assertTrue(row.getString("reason").contains("cannot decrypt: "), row.toJson());
        }
    }
}
