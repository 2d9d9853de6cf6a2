package io.mysimbdp.common.crypto;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tink files made with Tink's own API, as a tenant does: they decrypt with the tenant's keyset and
 * tenant id; every way one can be wrong is refused with a reason saying which.
 */
class TinkStreamingFilesTest {
    static final String TENANT = "tenant2";
    /** Several 4 KiB segments and a partial one. */
    static final byte[] PLAIN = EncryptedFilesTest.text(5 * 4096 + 300);

    /** Encrypts as a tenant's own code does: Tink's primitive, associated data = the tenant id. */
    static byte[] tenantEncrypts(byte[] plain, KeysetHandle keyset, String associatedData) throws Exception {
        TinkKeysets.generate(TinkStreamingFormat.DEFAULT_TEMPLATE);   // registers Tink's streaming AEAD
        StreamingAead aead = keyset.getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream enc = aead.newEncryptingStream(out, associatedData.getBytes(StandardCharsets.UTF_8))) {
            enc.write(plain);
        }
        return out.toByteArray();
    }

    static byte[] decrypt(byte[] file, KeysetHandle keyset, String tenant) throws IOException {
        try (InputStream in = TinkStreamingFiles.decrypting(new ByteArrayInputStream(file), keyset, "keys/tink-keyset.json", tenant)) {
            return in.readAllBytes();
        }
    }

    static EncryptionException failure(byte[] file, KeysetHandle keyset) {
        return assertThrows(EncryptionException.class, () -> decrypt(file, keyset, TENANT));
    }

    @Test
    void aFileATenantEncryptedWithTinkDecryptsWithTheKeysetAndTenantId() throws Exception {
        for (String template : TinkStreamingFormat.TEMPLATES) {
            KeysetHandle keyset = TinkKeysets.generate(template);
            byte[] file = tenantEncrypts(PLAIN, keyset, TENANT);
            assertArrayEquals(PLAIN, decrypt(file, keyset, TENANT), template);
            assertNull(TinkStreamingFormat.headerProblem(Arrays.copyOf(file, 4096), file.length), template);
            assertArrayEquals(new byte[0], decrypt(tenantEncrypts(new byte[0], keyset, TENANT), keyset, TENANT), "empty file, " + template);
        }
        assertEquals(TinkStreamingFormat.MIN_FILE_BYTES, tenantEncrypts(new byte[0], TinkKeysets.generate("AES256_GCM_HKDF_4KB"), TENANT).length,
                "the shortest Tink file is what the manager's size check expects");
    }

    @Test
    void anotherKeysetOrAnotherTenantIdIsAWrongKey() throws Exception {
        KeysetHandle keyset = TinkKeysets.generate(TinkStreamingFormat.DEFAULT_TEMPLATE);
        byte[] file = tenantEncrypts(PLAIN, keyset, TENANT);
        EncryptionException other = failure(file, TinkKeysets.generate(TinkStreamingFormat.DEFAULT_TEMPLATE));
        assertEquals(EncryptionException.Problem.WRONG_KEY, other.problem());
        assertTrue(other.getMessage().contains("no key of the Tink keyset keys/tink-keyset.json decrypts the file's first segment"), other.getMessage());
        assertTrue(other.getMessage().contains("associated data 'tenant2'"), other.getMessage());

        byte[] forTenant1 = tenantEncrypts(PLAIN, keyset, "tenant1");
        assertEquals(EncryptionException.Problem.WRONG_KEY, failure(forTenant1, keyset).problem(), "the tenant id is bound to the file");
    }

    @Test
    void aModifiedByteInALaterSegmentIsTamperingAndNamesTheSegment() throws Exception {
        KeysetHandle keyset = TinkKeysets.generate(TinkStreamingFormat.DEFAULT_TEMPLATE);
        byte[] file = tenantEncrypts(PLAIN, keyset, TENANT);
        file[3 * 4096 + 100] ^= 1;
        EncryptionException e = failure(file, keyset);
        assertEquals(EncryptionException.Problem.TAMPERED, e.problem());
        assertTrue(e.getMessage().startsWith("segment 3 does not authenticate ("), e.getMessage());
        assertTrue(e.getMessage().contains("modified or damaged after it was encrypted"), e.getMessage());
    }

    @Test
    void aTruncatedFileIsRefusedAsTruncatedAtABoundaryAndInsideASegment() throws Exception {
        KeysetHandle keyset = TinkKeysets.generate(TinkStreamingFormat.DEFAULT_TEMPLATE);
        byte[] file = tenantEncrypts(PLAIN, keyset, TENANT);
        for (int length : new int[]{2 * 4096, 2 * 4096 + 700, file.length - 1}) {
            EncryptionException e = failure(Arrays.copyOf(file, length), keyset);
            assertEquals(EncryptionException.Problem.TRUNCATED_CHUNK, e.problem(), "cut at " + length);
            assertTrue(e.getMessage().startsWith("truncated or modified at its end: segment "), e.getMessage());
        }
        EncryptionException inFirst = failure(Arrays.copyOf(file, 1000), keyset);
        assertEquals(EncryptionException.Problem.WRONG_KEY, inFirst.problem());
        assertTrue(inFirst.getMessage().contains("or that segment was modified, damaged or truncated after it was encrypted (1000 bytes read)"), inFirst.getMessage());
    }

    @Test
    void bytesAppendedAfterTheFinalSegmentAreRefused() throws Exception {
        KeysetHandle keyset = TinkKeysets.generate(TinkStreamingFormat.DEFAULT_TEMPLATE);
        byte[] file = tenantEncrypts(PLAIN, keyset, TENANT);
        byte[] longer = Arrays.copyOf(file, file.length + 7);
        EncryptionException e = failure(longer, keyset);
        assertTrue(e.problem() == EncryptionException.Problem.TRUNCATED_CHUNK || e.problem() == EncryptionException.Problem.TAMPERED, e.getMessage());
    }

    @Test
    void afterARotationNewFilesUseTheNewKeyAndOldFilesStillDecrypt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys/tenant2").resolve(TinkStreamingFormat.KEYSET_FILE);
        KeysetHandle first = TinkKeysets.generate(TinkStreamingFormat.DEFAULT_TEMPLATE);
        TinkKeysets.write(file, first, false);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertThrows(FileAlreadyExistsException.class, () -> TinkKeysets.write(file, first, false), "a keyset is never overwritten by a new one");
        byte[] old = tenantEncrypts(PLAIN, TinkKeysets.read(file), TENANT);

        KeysetHandle rotated = TinkKeysets.rotate(TinkKeysets.read(file), "AES256_GCM_HKDF_1MB");
        TinkKeysets.write(file, rotated, true);
        KeysetHandle read = TinkKeysets.read(file);
        assertEquals(2, read.size());
        byte[] fresh = tenantEncrypts(PLAIN, read, TENANT);
        assertArrayEquals(PLAIN, decrypt(old, read, TENANT), "a file under the old key");
        assertArrayEquals(PLAIN, decrypt(fresh, read, TENANT), "a file under the new primary");
        assertEquals(EncryptionException.Problem.WRONG_KEY, failure(fresh, first).problem(), "the new file is under the new key");
    }

    @Test
    void aKeysetOfAnotherKindIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(TinkStreamingFormat.KEYSET_FILE);
        EncryptionException missing = assertThrows(EncryptionException.class, () -> TinkKeysets.read(file));
        assertTrue(missing.getMessage().startsWith("there is no Tink keyset " + file), missing.getMessage());

        Files.writeString(file, TinkKeysets.toJson(KeysetHandle.generateNew(
                com.google.crypto.tink.KeyTemplates.get("AES128_GCM_HKDF_4KB"))));
        EncryptionException aes128 = assertThrows(EncryptionException.class, () -> TinkKeysets.read(file));
        assertTrue(aes128.getMessage().contains("derives 16-byte AES keys, not 32 (AES-256)"), aes128.getMessage());

        Files.writeString(file, "{\"primaryKeyId\": 1}");
        EncryptionException garbage = assertThrows(EncryptionException.class, () -> TinkKeysets.read(file));
        assertTrue(garbage.getMessage().startsWith("the Tink keyset " + file + " is not a JSON keyset Tink can read"), garbage.getMessage());
    }

    @Test
    void theManagersHeaderCheckTellsTinkFromTheOtherFormatAndFromText() throws GeneralSecurityException, Exception {
        byte[] enc1 = EncryptedFilesTest.encrypt(PLAIN, EncryptedFilesTest.KEY);
        assertTrue(TinkStreamingFormat.headerProblem(enc1, enc1.length).contains("name it <name>.<type>.enc"));
        byte[] csv = "id,price\n1,2.5\n".repeat(10).getBytes(StandardCharsets.UTF_8);
        assertTrue(TinkStreamingFormat.headerProblem(csv, csv.length).startsWith("its first byte is 105"));
        assertNotNull(TinkStreamingFormat.headerProblem(new byte[]{40, 1, 2}, 3), "too short");
    }
}
