package io.mysimbdp.batch;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.mysimbdp.common.crypto.EncryptingOutputStream;
import io.mysimbdp.common.crypto.TenantKey;
import io.mysimbdp.common.crypto.TinkKeysets;
import io.mysimbdp.common.crypto.TinkStreamingFiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import static io.mysimbdp.batch.BatchIngestManagerTest.WAIT;
import static io.mysimbdp.batch.BatchIngestManagerTest.csv;
import static io.mysimbdp.batch.BatchIngestManagerTest.reason;
import static io.mysimbdp.batch.BatchTestEnvironment.var;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The manager admits encrypted files on their header alone and hands only the tenant's own key directory to its app. */
@QuarkusTest
@QuarkusTestResource(BatchTestEnvironment.class)
class EncryptedStagingTest {
    @Inject
    MongoClient mongo;

    static void profile(String tenant, String encryption) throws IOException {
        Files.writeString(BatchTestEnvironment.tenants.resolve(tenant + ".yaml"), """
                constraints: {fileTypes: [csv]}
                %s
                batch:
                  schedule: {batchingWindow: 300ms}
                  apps: [{name: fake, command: [%s]}]
                """.formatted(encryption, BatchTestEnvironment.app));
    }

    static void stageEncrypted(String tenant, String name, String keyId) throws IOException {
        Path dir = Files.createDirectories(var.resolve("staging").resolve(tenant));
        Path part = dir.resolve(name + ".part");
        try (OutputStream out = new EncryptingOutputStream(Files.newOutputStream(part), TenantKey.generate(keyId, new SecureRandom()))) {
            out.write(csv(3).getBytes(StandardCharsets.UTF_8));
        }
        Files.move(part, dir.resolve(name));
    }

    long ledger(String tenant, String file, String status) {
        return mongo.getDatabase("mysimbdp_platform").getCollection("ingestions").countDocuments(Filters.and(
                Filters.eq("tenant", tenant), Filters.eq("file", file), Filters.eq("status", status)));
    }

    @Test
    void encryptedFilesAreAdmittedByKeyIdAndPlainOnesRefusedWhenRequired() throws Exception {
        profile("vault", "encryption: {required: true, keyIds: [key1, key2]}");
        profile("open", "");
        await().atMost(WAIT).untilAsserted(() -> given().header("X-API-Key", "test-operator-key").get("/api/status").then().body("tenants.tenant", hasItem("open")));
        stageEncrypted("vault", "prices.csv.enc", "key2");
        stageEncrypted("vault", "old.csv.enc", "key0");
        BatchIngestManagerTest.stage("vault", "plain.csv", csv(2));
        stageEncrypted("open", "secret.csv.enc", "key1");
        BatchIngestManagerTest.stage("open", "plain.csv", csv(2));

        await().atMost(WAIT).until(() -> ledger("vault", "prices.csv.enc", "DONE") == 1 && ledger("open", "plain.csv", "DONE") == 1
                && ledger("vault", "plain.csv", "INVALID") == 1 && ledger("vault", "old.csv.enc", "INVALID") == 1
                && ledger("open", "secret.csv.enc", "INVALID") == 1);
        assertEquals("encryption-key-id", reason(var.resolve("invalid/vault/old.csv.enc")).getString("rule"));
        assertEquals("encryption-required", reason(var.resolve("invalid/vault/plain.csv")).getString("rule"));
        Document off = reason(var.resolve("invalid/open/secret.csv.enc"));
        assertEquals("encryption", off.getString("rule"));
        assertEquals("tenant 'open' does not accept encrypted files (its profile has no encryption section)", off.getString("reason"));

        Path home = BatchTestEnvironment.root;
        String vaultEnv = Files.readString(envFile("vault"));
        assertTrue(vaultEnv.contains("MYSIMBDP_KEYS_DIR=" + home.resolve("config/keys/vault").toAbsolutePath()), vaultEnv);
        String openEnv = Files.readString(envFile("open"));
        assertFalse(openEnv.contains("MYSIMBDP_KEYS_DIR"), "no keys for a tenant without encryption: " + openEnv);
    }

    @Test
    void aTinkFileIsAdmittedWhenTheProfileListsTinkAndTheOtherFormatIsRefused() throws Exception {
        profile("sealed", "encryption: {required: true, formats: [tink-streaming-aead]}");
        await().atMost(WAIT).untilAsserted(() -> given().header("X-API-Key", "test-operator-key").get("/api/status").then().body("tenants.tenant", hasItem("sealed")));
        Path dir = Files.createDirectories(var.resolve("staging").resolve("sealed"));
        Path part = dir.resolve("prices.csv.tink.part");
        try (OutputStream out = TinkStreamingFiles.encrypting(Files.newOutputStream(part), TinkKeysets.generate("AES256_GCM_HKDF_4KB"), "sealed")) {
            out.write(csv(3).getBytes(StandardCharsets.UTF_8));
        }
        Files.move(part, dir.resolve("prices.csv.tink"));
        stageEncrypted("sealed", "old.csv.enc", "key1");
        BatchIngestManagerTest.stage("sealed", "text.csv.tink", csv(2));

        await().atMost(WAIT).until(() -> ledger("sealed", "prices.csv.tink", "DONE") == 1
                && ledger("sealed", "old.csv.enc", "INVALID") == 1 && ledger("sealed", "text.csv.tink", "INVALID") == 1);
        assertEquals("encryption-format", reason(var.resolve("invalid/sealed/old.csv.enc")).getString("rule"));
        assertEquals("content-type", reason(var.resolve("invalid/sealed/text.csv.tink")).getString("rule"));
        String env = Files.readString(envFile("sealed"));
        assertTrue(env.contains("MYSIMBDP_KEYS_DIR=" + BatchTestEnvironment.root.resolve("config/keys/sealed").toAbsolutePath()), env);
    }

    static Path envFile(String tenant) throws IOException {
        try (var files = Files.walk(var.resolve("results").resolve(tenant))) {
            return files.filter(p -> p.endsWith("env.txt")).findFirst().orElseThrow();
        }
    }
}
