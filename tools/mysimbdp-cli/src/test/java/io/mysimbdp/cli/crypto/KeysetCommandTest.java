package io.mysimbdp.cli.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import io.mysimbdp.cli.CliRun;
import io.mysimbdp.common.crypto.TinkKeysets;
import io.mysimbdp.common.crypto.TinkStreamingFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** keyset, and encrypt/decrypt of .tink files, as an operator and a tenant run them. */
class KeysetCommandTest {
    @TempDir
    Path dir;

    String keys() {
        return dir.resolve("keys").toString();
    }

    @Test
    void theKeysetIsMadeOncePrintedForTheTenantRotatedAndUsedByEncryptAndDecrypt() throws Exception {
        CliRun make = CliRun.of("keyset", "--tenant", "tenant2", "--keys-dir", keys(), "--print");
        assertEquals(0, make.exitCode(), make.err());
        Path file = dir.resolve("keys/tenant2/tink-keyset.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(make.err().startsWith("wrote a new AES256_GCM_HKDF_4KB Tink keyset of tenant 'tenant2': " + file), make.err());
        assertTrue(make.err().contains("associated data 'tenant2'"), make.err());
        KeysetHandle printed = TinkJsonProtoKeysetFormat.parseKeyset(make.out(), InsecureSecretKeyAccess.get());
        assertTrue(printed.equalsKeyset(TinkKeysets.read(file)), "what is printed is the keyset the platform decrypts with");

        CliRun again = CliRun.of("keyset", "--tenant", "tenant2", "--keys-dir", keys());
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains("has a keyset already"), again.err());

        Path plain = Files.writeString(dir.resolve("prices.csv"), "id,price\n" + "1,2.5\n".repeat(50_000));
        CliRun encrypt = CliRun.of("encrypt", "--tenant", "tenant2", "--keys-dir", keys(), "--tink", plain.toString());
        assertEquals(0, encrypt.exitCode(), encrypt.err());
        Path tink = dir.resolve("prices.csv.tink");
        assertFalse(Files.exists(dir.resolve("prices.csv.tink.part")));
        try (InputStream in = TinkStreamingFiles.decrypting(Files.newInputStream(tink), printed, "printed", "tenant2")) {
            assertArrayEquals(Files.readAllBytes(plain), in.readAllBytes(), "the tenant's own Tink code with the printed keyset reads it");
        }

        CliRun rotate = CliRun.of("keyset", "--tenant", "tenant2", "--keys-dir", keys(), "--rotate", "--template", "AES256_GCM_HKDF_1MB");
        assertEquals(0, rotate.exitCode(), rotate.err());
        assertEquals(2, TinkKeysets.read(file).size());
        Path back = dir.resolve("back.csv");
        CliRun decrypt = CliRun.of("decrypt", "--tenant", "tenant2", "--keys-dir", keys(), tink.toString(), back.toString());
        assertEquals(0, decrypt.exitCode(), decrypt.err());
        assertArrayEquals(Files.readAllBytes(plain), Files.readAllBytes(back), "a file of the old primary after the rotation");

        CliRun otherTenant = CliRun.of("decrypt", "--tenant", "tenant1", "--keys-dir", keys(), "--keyset", file.toString(),
                tink.toString(), dir.resolve("x.csv").toString());
        assertEquals(1, otherTenant.exitCode());
        assertTrue(otherTenant.err().contains("with associated data 'tenant1' (the tenant id)"), otherTenant.err());
        assertFalse(Files.exists(dir.resolve("x.csv")));
    }

    @Test
    void anImportedKeysetIsCheckedAndEncryptRefusesMixedOptions() throws Exception {
        com.google.crypto.tink.streamingaead.StreamingAeadConfig.register();
        Path aes128 = dir.resolve("theirs.json");
        Files.writeString(aes128, TinkKeysets.toJson(KeysetHandle.generateNew(KeyTemplates.get("AES128_GCM_HKDF_4KB"))));
        CliRun refused = CliRun.of("keyset", "--tenant", "tenant3", "--keys-dir", keys(), "--import", aes128.toString());
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().contains("derives 16-byte AES keys, not 32 (AES-256)"), refused.err());
        assertFalse(Files.exists(dir.resolve("keys/tenant3/tink-keyset.json")));

        Path theirs = dir.resolve("good.json");
        Files.writeString(theirs, TinkKeysets.toJson(TinkKeysets.generate("AES256_GCM_HKDF_1MB")));
        CliRun imported = CliRun.of("keyset", "--tenant", "tenant3", "--keys-dir", keys(), "--import", theirs.toString());
        assertEquals(0, imported.exitCode(), imported.err());
        assertTrue(TinkKeysets.read(theirs).equalsKeyset(TinkKeysets.read(dir.resolve("keys/tenant3/tink-keyset.json"))));

        Path plain = Files.writeString(dir.resolve("p.csv"), "id\n1\n");
        CliRun mixed = CliRun.of("encrypt", "--tenant", "tenant3", "--keys-dir", keys(), "--key-id", "key1", plain.toString(),
                dir.resolve("p.csv.tink").toString());
        assertEquals(2, mixed.exitCode());
        assertTrue(mixed.err().contains("--key-id/--key-file are for .enc files"), mixed.err());
        CliRun noKey = CliRun.of("encrypt", "--tenant", "tenant3", "--keys-dir", keys(), plain.toString());
        assertEquals(2, noKey.exitCode());
        assertTrue(noKey.err().contains("an .enc file needs --key-id or --key-file (or use --tink)"), noKey.err());
    }
}
