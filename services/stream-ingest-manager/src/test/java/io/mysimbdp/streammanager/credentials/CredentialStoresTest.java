package io.mysimbdp.streammanager.credentials;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.mysimbdp.common.kafka.KafkaCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CredentialStoresTest {
    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theSecretGetsOnlyItsTwoKeysAndKeepsTheOthers() {
        KafkaCredentials c = new KafkaCredentials("tenant-acme", "pw");
        Secret fresh = CredentialSecrets.desired("platform", "acme", null, c);
        assertEquals("mysimbdp-tenant-acme-credentials", fresh.getMetadata().getName());
        assertEquals("acme", fresh.getMetadata().getLabels().get("mysimbdp.io/tenant"));
        assertEquals(Map.of("kafka.username", b64("tenant-acme"), "kafka.password", b64("pw")), fresh.getData());

        Secret existing = new SecretBuilder(fresh).withData(Map.of("mongodb.uri", b64("mongodb://u:p@h"), "kafka.password", b64("old"))).build();
        Secret patched = CredentialSecrets.desired("platform", "acme", existing, c);
        assertEquals(Map.of("mongodb.uri", b64("mongodb://u:p@h"), "kafka.username", b64("tenant-acme"), "kafka.password", b64("pw")),
                patched.getData(), "another part's key stays");
    }

    @Test
    void filesAreCreatedOnceAndOffboardingRemovesOnlyTheKafkaKeys(@TempDir Path var) throws Exception {
        CredentialFiles files = new CredentialFiles(var.resolve("credentials"));
        TenantCredentialStore.Stored first = files.ensure("acme");
        assertTrue(first.created());
        assertEquals("tenant-acme", first.credentials().username());
        TenantCredentialStore.Stored again = files.ensure("acme");
        assertFalse(again.created());
        assertEquals(first.credentials(), again.credentials());
        assertNotEquals(first.credentials().password(), files.ensure("beta").credentials().password());

        Path file = files.file("acme");
        Files.writeString(file, Files.readString(file) + "mongodb.uri=x\n");
        files.delete("acme");
        assertTrue(Files.exists(file));
        assertFalse(Files.readString(file).contains("kafka."), "the Kafka keys are gone, the store's key stays");
        files.delete("beta");
        assertFalse(Files.exists(files.file("beta")));
    }
}
