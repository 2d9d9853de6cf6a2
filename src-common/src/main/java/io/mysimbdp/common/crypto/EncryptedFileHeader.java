package io.mysimbdp.common.crypto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32C;

import static io.mysimbdp.common.crypto.EncryptedFileFormat.CHECKSUM_BYTES;
import static io.mysimbdp.common.crypto.EncryptedFileFormat.COMMITMENT_BYTES;
import static io.mysimbdp.common.crypto.EncryptedFileFormat.MAGIC;
import static io.mysimbdp.common.crypto.EncryptedFileFormat.MAX_CHUNK_SIZE;
import static io.mysimbdp.common.crypto.EncryptedFileFormat.MIN_CHUNK_SIZE;
import static io.mysimbdp.common.crypto.EncryptedFileFormat.NONCE_PREFIX_BYTES;
import static io.mysimbdp.common.crypto.EncryptedFileFormat.SALT_BYTES;
import static io.mysimbdp.common.crypto.EncryptedFileFormat.VERSION;

/**
 * The header of an encrypted file (docs/encrypted-files.md). Its exact bytes are part of every
 * chunk's associated data, so no field can be changed without every chunk failing; the CRC32C at
 * its end only lets a reader report accidental damage as such rather than as a wrong key.
 *
 * @param encoded the header's bytes as in the file, checksum included
 */
public record EncryptedFileHeader(int version, int chunkSize, String keyId, byte[] salt, byte[] noncePrefix,
                                  byte[] commitment, byte[] encoded) {

    /** What the manager learns from a file's first bytes without any key: the key id, or why not. */
    public record Probe(String keyId, EncryptionException.Problem problem, String message) {
        public boolean ok() {
            return problem == null;
        }
    }

    /** A new header for a file encrypted with {@code tenantKey}: fresh salt and nonce prefix. */
    static EncryptedFileHeader create(TenantKey tenantKey, int chunkSize, SecureRandom random) {
        if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("chunk size must be within " + MIN_CHUNK_SIZE + ".." + MAX_CHUNK_SIZE + " (got " + chunkSize + ")");
        }
        byte[] salt = new byte[SALT_BYTES];
        byte[] prefix = new byte[NONCE_PREFIX_BYTES];
        random.nextBytes(salt);
        random.nextBytes(prefix);
        byte[] commitment = FileKeys.derive(tenantKey.key(), salt).commitment();
        byte[] id = tenantKey.id().getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(EncryptedFileFormat.MAX_HEADER_BYTES);
        out.writeBytes(MAGIC);
        out.write(VERSION);
        out.writeBytes(ByteBuffer.allocate(4).putInt(chunkSize).array());
        out.write(id.length);
        out.writeBytes(id);
        out.writeBytes(salt);
        out.writeBytes(prefix);
        out.writeBytes(commitment);
        out.writeBytes(ByteBuffer.allocate(4).putInt(checksum(out.toByteArray(), out.size())).array());
        return new EncryptedFileHeader(VERSION, chunkSize, tenantKey.id(), salt, prefix, commitment, out.toByteArray());
    }

    /** Reads and checks the header at the start of {@code in}, leaving {@code in} at the first chunk. */
    static EncryptedFileHeader read(InputStream in) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream(EncryptedFileFormat.MAX_HEADER_BYTES);
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!Arrays.equals(magic, 0, magic.length, MAGIC, 0, magic.length) || magic.length == 0) {
            throw new EncryptionException(EncryptionException.Problem.NOT_ENCRYPTED,
                    "not a mysimbdp encrypted file: it does not start with '" + new String(MAGIC, StandardCharsets.US_ASCII) + "'");
        }
        seen.writeBytes(magic);
        if (magic.length < MAGIC.length) {
            throw truncated(seen.size());
        }
        int version = take(in, 1, seen)[0] & 0xFF;
        if (version != VERSION) {
            throw new EncryptionException(EncryptionException.Problem.UNSUPPORTED_VERSION,
                    "encrypted file format version " + version + " is not supported (this build reads version " + VERSION + ")");
        }
        int chunkSize = ByteBuffer.wrap(take(in, 4, seen)).getInt();
        int idLength = take(in, 1, seen)[0] & 0xFF;
        byte[] id = take(in, idLength, seen);
        byte[] salt = take(in, SALT_BYTES, seen);
        byte[] prefix = take(in, NONCE_PREFIX_BYTES, seen);
        byte[] commitment = take(in, COMMITMENT_BYTES, seen);
        int expected = checksum(seen.toByteArray(), seen.size());
        int stored = ByteBuffer.wrap(take(in, CHECKSUM_BYTES, seen)).getInt();
        if (stored != expected) {
            throw new EncryptionException(EncryptionException.Problem.HEADER_CORRUPT,
                    "the encrypted file's header is damaged (checksum " + hex(stored) + ", computed " + hex(expected) + ")");
        }
        String keyId = new String(id, StandardCharsets.US_ASCII);
        String idProblem = EncryptedFileFormat.keyIdProblem(keyId);
        if (idProblem != null || chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
            throw new EncryptionException(EncryptionException.Problem.HEADER_CORRUPT, "the encrypted file's header is invalid: "
                    + (idProblem != null ? "key id " + idProblem : "chunk size " + chunkSize + " is outside " + MIN_CHUNK_SIZE + ".." + MAX_CHUNK_SIZE));
        }
        return new EncryptedFileHeader(version, chunkSize, keyId, salt, prefix, commitment, seen.toByteArray());
    }

    /** The key id of a file from its first bytes (at least {@link EncryptedFileFormat#MAX_HEADER_BYTES}, or the whole file). */
    public static Probe probe(byte[] head) {
        try {
            return new Probe(read(new java.io.ByteArrayInputStream(head)).keyId(), null, null);
        } catch (EncryptionException e) {
            return new Probe(null, e.problem(), e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading a byte array does not fail", e);
        }
    }

    private static byte[] take(InputStream in, int n, ByteArrayOutputStream seen) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw truncated(seen.size() + bytes.length);
        }
        seen.writeBytes(bytes);
        return bytes;
    }

    private static EncryptionException truncated(int bytes) {
        return new EncryptionException(EncryptionException.Problem.TRUNCATED_HEADER,
                "truncated: the encrypted file ends inside its header (after " + bytes + " bytes)");
    }

    private static int checksum(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }

    private static String hex(int value) {
        return HexFormat.of().toHexDigits(value);
    }
}
