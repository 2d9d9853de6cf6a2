package io.mysimbdp.common.crypto;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way an encrypted file can be wrong gives its own problem and a message naming where. */
class EncryptedFilesTest {
    static final int CHUNK = 1024;
    static final TenantKey KEY = TenantKey.generate("key1", new SecureRandom());
    static final TenantKey OTHER = TenantKey.generate("key1", new SecureRandom());
    static final KeyLookup KEYS = lookup(KEY);
    /** Five full chunks and a partial one. */
    static final byte[] PLAIN = text(5 * CHUNK + 300);
    static final int HEADER = EncryptedFileFormat.MAGIC.length + 1 + 4 + 1 + "key1".length() + EncryptedFileFormat.SALT_BYTES
            + EncryptedFileFormat.NONCE_PREFIX_BYTES + EncryptedFileFormat.COMMITMENT_BYTES + EncryptedFileFormat.CHECKSUM_BYTES;
    static final int FULL_CHUNK = EncryptedFileFormat.FRAME_BYTES + CHUNK + EncryptedFileFormat.TAG_BYTES;

    static KeyLookup lookup(TenantKey... keys) {
        return id -> Arrays.stream(keys).filter(k -> k.id().equals(id)).findFirst();
    }

    static byte[] text(int n) {
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        return bytes;
    }

    static byte[] encrypt(byte[] plain, TenantKey key) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (EncryptingOutputStream enc = new EncryptingOutputStream(out, key, CHUNK, new SecureRandom())) {
            enc.write(plain);
        }
        return out.toByteArray();
    }

    static byte[] decrypt(byte[] file, KeyLookup keys) throws IOException {
        try (DecryptingInputStream in = DecryptingInputStream.open(new ByteArrayInputStream(file), keys)) {
            return in.readAllBytes();
        }
    }

    static EncryptionException failure(byte[] file, KeyLookup keys) {
        return assertThrows(EncryptionException.class, () -> decrypt(file, keys));
    }

    static int chunkStart(int i) {
        return HEADER + i * FULL_CHUNK;
    }

    @Test
    void roundTripsAnySizeIncludingEmptyAndExactChunkMultiples() throws IOException {
        for (int size : new int[]{0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, PLAIN.length}) {
            byte[] plain = text(size);
            byte[] file = encrypt(plain, KEY);
            assertArrayEquals(plain, decrypt(file, KEYS), "size " + size);
            int chunks = Math.max(1, (size + CHUNK - 1) / CHUNK);
            assertEquals(HEADER + (long) chunks * (EncryptedFileFormat.FRAME_BYTES + EncryptedFileFormat.TAG_BYTES) + size, file.length,
                    "size " + size + ": header, then " + chunks + " framed chunks");
        }
    }

    @Test
    void writtenByteByByteReadsTheSame() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (EncryptingOutputStream enc = new EncryptingOutputStream(out, KEY, CHUNK, new SecureRandom())) {
            for (byte b : PLAIN) {
                enc.write(b);
            }
        }
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        try (DecryptingInputStream in = DecryptingInputStream.open(new ByteArrayInputStream(out.toByteArray()), KEYS)) {
            int b;
            while ((b = in.read()) >= 0) {
                read.write(b);
            }
        }
        assertArrayEquals(PLAIN, read.toByteArray());
    }

    @Test
    void twoEncryptionsOfTheSameDataDiffer() throws IOException {
        assertTrue(!Arrays.equals(encrypt(PLAIN, KEY), encrypt(PLAIN, KEY)), "fresh salt and nonce prefix per file");
    }

    @Test
    void wrongKeyIsToldApartFromDamage() throws IOException {
        EncryptionException e = failure(encrypt(PLAIN, KEY), lookup(OTHER));
        assertEquals(EncryptionException.Problem.WRONG_KEY, e.problem());
        assertTrue(e.getMessage().contains("wrong key: key 'key1'"), e.getMessage());
    }

    @Test
    void missingKeyIsNamed() throws IOException {
        KeyLookup none = new KeyLookup() {
            @Override
            public Optional<TenantKey> find(String keyId) {
                return Optional.empty();
            }

            @Override
            public String describe() {
                return "/keys/t1";
            }
        };
        EncryptionException e = failure(encrypt(PLAIN, KEY), none);
        assertEquals(EncryptionException.Problem.UNKNOWN_KEY, e.problem());
        assertEquals("encrypted with key id 'key1', but there is no such key in /keys/t1", e.getMessage());
    }

    @Test
    void aFlippedHeaderByteIsHeaderDamage() throws IOException {
        byte[] file = encrypt(PLAIN, KEY);
        file[HEADER - 40] ^= 0x01;   // inside the nonce prefix / commitment
        EncryptionException e = failure(file, KEYS);
        assertEquals(EncryptionException.Problem.HEADER_CORRUPT, e.problem());
        assertTrue(e.getMessage().startsWith("the encrypted file's header is damaged"), e.getMessage());
    }

    @Test
    void aHeaderEditedWithAValidChecksumStillFailsBecauseChunksAuthenticateIt() throws IOException {
        byte[] file = encrypt(PLAIN, KEY);
        int prefixAt = HEADER - EncryptedFileFormat.CHECKSUM_BYTES - EncryptedFileFormat.COMMITMENT_BYTES - EncryptedFileFormat.NONCE_PREFIX_BYTES;
        file[prefixAt] ^= 0x01;
        CRC32C crc = new CRC32C();
        crc.update(file, 0, HEADER - EncryptedFileFormat.CHECKSUM_BYTES);
        ByteBuffer.wrap(file, HEADER - EncryptedFileFormat.CHECKSUM_BYTES, 4).putInt((int) crc.getValue());
        EncryptionException e = failure(file, KEYS);
        assertEquals(EncryptionException.Problem.TAMPERED, e.problem());
        assertTrue(e.getMessage().startsWith("chunk 0 (at byte " + HEADER + ") does not authenticate"), e.getMessage());
    }

    @Test
    void magicAndVersionAreChecked() throws IOException {
        byte[] file = encrypt(PLAIN, KEY);
        byte[] plain = "id,price\n1,2\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(EncryptionException.Problem.NOT_ENCRYPTED, failure(plain, KEYS).problem());
        file[EncryptedFileFormat.MAGIC.length] = 2;
        EncryptionException e = failure(file, KEYS);
        assertEquals(EncryptionException.Problem.UNSUPPORTED_VERSION, e.problem());
        assertEquals("encrypted file format version 2 is not supported (this build reads version 1)", e.getMessage());
        assertEquals(EncryptionException.Problem.TRUNCATED_HEADER, failure(Arrays.copyOf(encrypt(PLAIN, KEY), 30), KEYS).problem());
    }

    @Test
    void aFlippedBodyByteFailsThatChunk() throws IOException {
        byte[] file = encrypt(PLAIN, KEY);
        file[chunkStart(2) + EncryptedFileFormat.FRAME_BYTES + 100] ^= 0x20;
        EncryptionException e = failure(file, KEYS);
        assertEquals(EncryptionException.Problem.TAMPERED, e.problem());
        assertTrue(e.getMessage().startsWith("chunk 2 (at byte " + chunkStart(2) + ") does not authenticate: the file was modified"),
                e.getMessage());
    }

    @Test
    void aFlippedTagByteFailsThatChunk() throws IOException {
        byte[] file = encrypt(PLAIN, KEY);
        file[chunkStart(2) - 1] ^= 0x01;   // last byte of chunk 1's tag
        EncryptionException e = failure(file, KEYS);
        assertEquals(EncryptionException.Problem.TAMPERED, e.problem());
        assertTrue(e.getMessage().startsWith("chunk 1 "), e.getMessage());
    }

    @Test
    void aChangedFrameIsReported() throws IOException {
        byte[] file = encrypt(PLAIN, KEY);
        file[chunkStart(1) + 3] ^= 0x01;   // the length of chunk 1
        EncryptionException e = failure(file, KEYS);
        assertEquals(EncryptionException.Problem.CHUNK_FRAME_CORRUPT, e.problem());
        assertTrue(e.getMessage().startsWith("chunk 1 (at byte " + chunkStart(1) + ") has a damaged frame"), e.getMessage());

        byte[] flagged = encrypt(PLAIN, KEY);
        flagged[chunkStart(1)] = EncryptedFileFormat.FLAG_FINAL;   // claim chunk 1 is the last, to cut the file there
        assertEquals(EncryptionException.Problem.TAMPERED, failure(Arrays.copyOf(flagged, chunkStart(2)), KEYS).problem());
    }

    @Test
    void truncationAtAChunkBoundaryIsMissingTheFinalChunk() throws IOException {
        byte[] file = Arrays.copyOf(encrypt(PLAIN, KEY), chunkStart(3));
        EncryptionException e = failure(file, KEYS);
        assertEquals(EncryptionException.Problem.MISSING_FINAL_CHUNK, e.problem());
        assertEquals("truncated: the file ends after chunk 2 (at byte " + chunkStart(3)
                + "), which is not its final chunk; chunks are missing from the end", e.getMessage());
        assertEquals(EncryptionException.Problem.MISSING_FINAL_CHUNK, failure(Arrays.copyOf(file, HEADER), KEYS).problem());
    }

    @Test
    void truncationInsideAChunkSaysSo() throws IOException {
        byte[] file = Arrays.copyOf(encrypt(PLAIN, KEY), chunkStart(3) + 500);
        EncryptionException e = failure(file, KEYS);
        assertEquals(EncryptionException.Problem.TRUNCATED_CHUNK, e.problem());
        assertEquals("truncated: the file ends inside chunk 3 (at byte " + chunkStart(3) + "; 500 of its " + FULL_CHUNK
                + " bytes are there)", e.getMessage());
        assertEquals(EncryptionException.Problem.TRUNCATED_CHUNK, failure(Arrays.copyOf(file, chunkStart(3) + 2), KEYS).problem());
    }

    @Test
    void swappedChunksAreReordered() throws IOException {
        byte[] file = encrypt(PLAIN, KEY);
        byte[] one = Arrays.copyOfRange(file, chunkStart(1), chunkStart(2));
        System.arraycopy(file, chunkStart(3), file, chunkStart(1), FULL_CHUNK);
        System.arraycopy(one, 0, file, chunkStart(3), FULL_CHUNK);
        EncryptionException e = failure(file, KEYS);
        assertEquals(EncryptionException.Problem.REORDERED, e.problem());
        assertEquals("chunks were reordered: the chunk at position 1 (at byte " + chunkStart(1) + ") is chunk 3 of the file", e.getMessage());
    }

    @Test
    void appendedDataIsRefusedAndTheFinalChunkNotReleased() throws IOException {
        byte[] file = encrypt(PLAIN, KEY);
        byte[] longer = Arrays.copyOf(file, file.length + 7);
        ByteArrayOutputStream released = new ByteArrayOutputStream();
        EncryptionException e = assertThrows(EncryptionException.class, () -> {
            try (DecryptingInputStream in = DecryptingInputStream.open(new ByteArrayInputStream(longer), KEYS)) {
                in.transferTo(released);
            }
        });
        assertEquals(EncryptionException.Problem.APPENDED, e.problem());
        assertEquals("7 bytes were appended after the final chunk 5 (at byte " + file.length + ")", e.getMessage());
        assertEquals(5 * CHUNK, released.size(), "the five full chunks, not the final one");
    }

    @Test
    void nothingOfAFailingChunkIsReleased() throws IOException {
        byte[] file = encrypt(PLAIN, KEY);
        file[chunkStart(4) + 10] ^= 0x01;
        ByteArrayOutputStream released = new ByteArrayOutputStream();
        assertThrows(EncryptionException.class, () -> {
            try (DecryptingInputStream in = DecryptingInputStream.open(new ByteArrayInputStream(file), KEYS)) {
                in.transferTo(released);
            }
        });
        assertArrayEquals(Arrays.copyOf(PLAIN, 4 * CHUNK), released.toByteArray());
        assertThrows(EncryptionException.class, () -> DecryptingInputStream.verify(new ByteArrayInputStream(file), KEYS));
        assertEquals(PLAIN.length, DecryptingInputStream.verify(new ByteArrayInputStream(encrypt(PLAIN, KEY)), KEYS));
    }

    @Test
    void eachDamageHasItsOwnProblem() throws IOException {
        byte[] file = encrypt(PLAIN, KEY);
        Map<String, byte[]> damaged = new java.util.LinkedHashMap<>();
        damaged.put("header", flip(file, 20));
        damaged.put("body", flip(file, chunkStart(1) + 50));
        damaged.put("at boundary", Arrays.copyOf(file, chunkStart(2)));
        damaged.put("mid-chunk", Arrays.copyOf(file, chunkStart(2) + 9));
        damaged.put("appended", Arrays.copyOf(file, file.length + 1));
        var problems = new java.util.HashSet<EncryptionException.Problem>();
        problems.add(failure(file, lookup(OTHER)).problem());
        damaged.values().forEach(d -> problems.add(failure(d, KEYS).problem()));
        assertEquals(damaged.size() + 1, problems.size(), "wrong key and " + damaged.keySet() + " are told apart: " + problems);
    }

    @Test
    void probeReadsTheKeyIdWithoutAKey() throws IOException {
        byte[] file = encrypt(PLAIN, KEY);
        byte[] head = Arrays.copyOf(file, 4096);
        EncryptedFileHeader.Probe probe = EncryptedFileHeader.probe(head);
        assertTrue(probe.ok());
        assertEquals("key1", probe.keyId());
        EncryptedFileHeader.Probe damaged = EncryptedFileHeader.probe(flip(head, 30));
        assertEquals(EncryptionException.Problem.HEADER_CORRUPT, damaged.problem());
        assertEquals(EncryptionException.Problem.NOT_ENCRYPTED, EncryptedFileHeader.probe("a,b\n".getBytes(StandardCharsets.UTF_8)).problem());
    }

    static byte[] flip(byte[] file, int at) {
        byte[] copy = file.clone();
        copy[at] ^= 0x01;
        return copy;
    }
}
