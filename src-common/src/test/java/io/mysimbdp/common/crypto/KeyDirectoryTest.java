package io.mysimbdp.common.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyDirectoryTest {
    @Test
    void writesKeyFilesOnlyTheOwnerCanReadAndReadsThemBack(@TempDir Path dir) throws IOException {
        KeyDirectory keys = new KeyDirectory(dir.resolve("keys/tenant1"));
        TenantKey key = TenantKey.generate("key-2026.1", new SecureRandom());
        Path file = keys.write(key);
        assertEquals(dir.resolve("keys/tenant1/key-2026.1.key"), file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertEquals(45, Files.size(file), "one line of base64");
        assertArrayEquals(key.key().getEncoded(), keys.find("key-2026.1").orElseThrow().key().getEncoded());
        assertArrayEquals(key.key().getEncoded(), KeyDirectory.read(file).key().getEncoded());
        assertTrue(keys.find("key2").isEmpty());
        assertThrows(FileAlreadyExistsException.class, () -> keys.write(TenantKey.generate("key-2026.1", new SecureRandom())),
                "a key is never overwritten");
    }

    @Test
    void aBrokenKeyFileIsNamed(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("short.key"), "c2hvcnQ=\n");
        Files.writeString(dir.resolve("junk.key"), "not base64!\n");
        KeyDirectory keys = new KeyDirectory(dir);
        EncryptionException e = assertThrows(EncryptionException.class, () -> keys.find("short"));
        assertEquals("key file " + dir.resolve("short.key") + " holds 5 bytes; an AES-256 key has 32", e.getMessage());
        e = assertThrows(EncryptionException.class, () -> keys.find("junk"));
        assertEquals("key file " + dir.resolve("junk.key") + " is not one line of base64", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> keys.find("../tenant2/key1"), "ids are names, never paths");
    }
}
