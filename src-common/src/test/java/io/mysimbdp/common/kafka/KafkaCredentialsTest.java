package io.mysimbdp.common.kafka;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaCredentialsTest {
    @Test
    void generatedPasswordsAreLongRandomAndSafeToQuote() {
        KafkaCredentials a = KafkaCredentials.generate("tenant-t1");
        KafkaCredentials b = KafkaCredentials.generate("tenant-t1");
        assertEquals(32, a.password().length());
        assertNotEquals(a.password(), b.password());
        assertTrue(a.password().matches("[A-Za-z0-9]+"));
        assertFalse(a.toString().contains(a.password()), "toString never shows the password");
    }

    @Test
    void clientSettingsAuthenticateWithScram() {
        KafkaCredentials c = new KafkaCredentials("tenant-t1", "pw1");
        assertEquals(Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"tenant-t1\" password=\"pw1\";"),
                c.clientProperties());
        assertTrue(c.librdkafkaText("127.0.0.1:9092").contains("sasl.mechanisms=PLAIN\nsasl.username=tenant-t1\nsasl.password=pw1\n"));
        assertTrue(c.javaPropertiesText("h:1").startsWith("# Kafka client settings for tenant-t1\nbootstrap.servers=h:1\nsecurity.protocol=SASL_PLAINTEXT\n"));
    }

    @Test
    void envNeedsBothVariablesOrNone() {
        assertEquals(Optional.empty(), KafkaCredentials.fromEnv(Map.of()));
        assertEquals(Optional.of(new KafkaCredentials("u", "p")),
                KafkaCredentials.fromEnv(Map.of(KafkaCredentials.ENV_USERNAME, "u", KafkaCredentials.ENV_PASSWORD, "p")));
        var e = assertThrows(IllegalArgumentException.class, () -> KafkaCredentials.fromEnv(Map.of(KafkaCredentials.ENV_USERNAME, "u")));
        assertTrue(e.getMessage().contains("only MYSIMBDP_KAFKA_USERNAME is set"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new KafkaCredentials("u", "p\"; x"));
    }

    @Test
    void filesAreOwnerOnlyGeneratedOnceAndKeepOtherKeys(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("credentials/t1/kafka.properties");
        KafkaCredentials first = KafkaCredentials.readOrCreate(file, "tenant-t1");
        assertEquals(first, KafkaCredentials.readOrCreate(file, "tenant-t1"), "generated once, then read back");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        Files.writeString(file, Files.readString(file) + "mongodb.uri=mongodb://x\n");
        KafkaCredentials rotated = first.rotated();
        rotated.write(file);
        assertEquals(rotated, KafkaCredentials.read(file));
        assertTrue(Files.readString(file).contains("mongodb.uri=mongodb\\://x"), "another part's key is kept");
        Files.writeString(file, "kafka.username=u\n");
        var e = assertThrows(java.io.IOException.class, () -> KafkaCredentials.read(file));
        assertTrue(e.getMessage().contains("missing kafka.password"), e.getMessage());
    }
}
