package io.mysimbdp.cli.crypto;

import io.mysimbdp.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** keygen, encrypt and decrypt as a user runs them. */
class CryptoCommandsTest {
    @TempDir
    Path dir;

    String keys() {
        return dir.resolve("keys").toString();
    }

    Path data() throws IOException {
        StringBuilder csv = new StringBuilder("id,price\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append(i).append(',').append(i % 100).append(".5\n");
        }
        return Files.writeString(dir.resolve("prices.csv"), csv);
    }

    @Test
    void keygenEncryptDecryptRoundTrip() throws IOException {
        CliRun keygen = CliRun.of("keygen", "--tenant", "tenant2", "--key-id", "key1", "--keys-dir", keys());
        assertEquals(0, keygen.exitCode(), keygen.err());
        Path keyFile = dir.resolve("keys/tenant2/key1.key");
        assertTrue(keygen.out().startsWith("wrote key 'key1' for tenant 'tenant2' to " + keyFile + " (mode 600)"), keygen.out());
        assertTrue(keygen.out().contains("mysimbdp-keys-tenant2"), keygen.out());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));

        Path plain = data();
        CliRun encrypt = CliRun.of("encrypt", "--tenant", "tenant2", "--key-file", keyFile.toString(), plain.toString(),
                dir.resolve("stage/prices.csv.enc").toString());
        assertEquals(1, encrypt.exitCode(), "no such directory: " + encrypt.err());
        Files.createDirectories(dir.resolve("stage"));
        encrypt = CliRun.of("encrypt", "--tenant", "tenant2", "--key-file", keyFile.toString(), plain.toString(),
                dir.resolve("stage/prices.csv.enc").toString());
        assertEquals(0, encrypt.exitCode(), encrypt.err());
        Path enc = dir.resolve("stage/prices.csv.enc");
        assertTrue(Files.size(enc) > Files.size(plain));
        assertFalse(Files.exists(dir.resolve("stage/prices.csv.enc.part")));

        CliRun byId = CliRun.of("encrypt", "--tenant", "tenant2", "--key-id", "key1", "--keys-dir", keys(), plain.toString());
        assertEquals(0, byId.exitCode(), byId.err());
        assertTrue(Files.exists(dir.resolve("prices.csv.enc")), "default output: IN.enc");

        Path back = dir.resolve("back.csv");
        CliRun decrypt = CliRun.of("decrypt", "--tenant", "tenant2", "--keys-dir", keys(), enc.toString(), back.toString());
        assertEquals(0, decrypt.exitCode(), decrypt.err());
        assertArrayEquals(Files.readAllBytes(plain), Files.readAllBytes(back));
    }

    @Test
    void failuresAreClearAndLeaveNothing() throws IOException {
        assertEquals(0, CliRun.of("keygen", "--tenant", "tenant2", "--key-id", "key1", "--keys-dir", keys()).exitCode());
        CliRun again = CliRun.of("keygen", "--tenant", "tenant2", "--key-id", "key1", "--keys-dir", keys());
        assertEquals(1, again.exitCode());
        assertTrue(again.err().contains("a key with id 'key1' exists already"), again.err());

        Path plain = data();
        CliRun badName = CliRun.of("encrypt", "--tenant", "tenant2", "--key-id", "key1", "--keys-dir", keys(), plain.toString(),
                dir.resolve("x.csv").toString());
        assertEquals(2, badName.exitCode());
        assertTrue(badName.err().contains("name it <name>.<type>.enc"), badName.err());
        CliRun noKey = CliRun.of("encrypt", "--tenant", "tenant2", "--key-id", "key7", "--keys-dir", keys(), plain.toString());
        assertEquals(2, noKey.exitCode());
        assertTrue(noKey.err().contains("no key 'key7' in"), noKey.err());
        assertEquals(2, CliRun.of("keygen", "--tenant", "Tenant_2", "--keys-dir", keys()).exitCode());

        assertEquals(0, CliRun.of("encrypt", "--tenant", "tenant2", "--key-id", "key1", "--keys-dir", keys(), plain.toString()).exitCode());
        Path enc = dir.resolve("prices.csv.enc");
        byte[] bytes = Files.readAllBytes(enc);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(enc, bytes);
        Path out = dir.resolve("out.csv");
        CliRun tampered = CliRun.of("decrypt", "--tenant", "tenant2", "--keys-dir", keys(), enc.toString(), out.toString());
        assertEquals(1, tampered.exitCode());
        assertTrue(tampered.err().contains("does not authenticate: the file was modified"), tampered.err());
        assertFalse(Files.exists(out) || Files.exists(dir.resolve("out.csv.part")), "no plaintext of a bad file is left");

        assertEquals(0, CliRun.of("keygen", "--tenant", "tenant3", "--key-id", "key1", "--keys-dir", keys()).exitCode());
        CliRun other = CliRun.of("decrypt", "--tenant", "tenant2", "--key-file", dir.resolve("keys/tenant3/key1.key").toString(),
                dir.resolve("prices.csv.enc").toString(), out.toString());
        assertEquals(1, other.exitCode());
        assertTrue(other.err().contains("wrong key"), other.err());
    }
}
