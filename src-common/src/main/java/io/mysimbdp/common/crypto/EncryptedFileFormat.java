package io.mysimbdp.common.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Constants and names of the platform's encrypted file format (docs/encrypted-files.md):
 * AES-256-GCM in authenticated chunks under a per-file key derived from the tenant's key.
 */
public final class EncryptedFileFormat {
    /** First bytes of every encrypted file; what the batch-ingest-manager sniffs. */
    public static final byte[] MAGIC = "MYSIMBDP-ENC1".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;
    /** Staged encrypted files are named {@code <name>.<type>.enc}: the inner extension is the data type. */
    public static final String SUFFIX = ".enc";
    /** Plaintext bytes per chunk unless the writer is told otherwise. */
    public static final int DEFAULT_CHUNK_SIZE = 64 * 1024;
    public static final int MIN_CHUNK_SIZE = 1024;
    public static final int MAX_CHUNK_SIZE = 16 * 1024 * 1024;
    public static final int KEY_BYTES = 32;
    public static final int SALT_BYTES = 32;
    public static final int NONCE_PREFIX_BYTES = 8;
    public static final int COMMITMENT_BYTES = 32;
    public static final int CHECKSUM_BYTES = 4;
    public static final int TAG_BYTES = 16;
    public static final int NONCE_BYTES = 12;
    /** One flag byte and a 4-byte ciphertext length before each chunk's ciphertext. */
    public static final int FRAME_BYTES = 5;
    public static final int FLAG_MORE = 0;
    public static final int FLAG_FINAL = 1;
    public static final int MAX_KEY_ID_LENGTH = 64;
    /** Key ids name key files ({@code <id>.key}) and Secret keys, so they are plain and path-safe. */
    public static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** The longest header: magic, version, chunk size, key id length, key id, salt, nonce prefix, commitment, checksum. */
    public static final int MAX_HEADER_BYTES = MAGIC.length + 1 + 4 + 1 + MAX_KEY_ID_LENGTH + SALT_BYTES
            + NONCE_PREFIX_BYTES + COMMITMENT_BYTES + CHECKSUM_BYTES;

    private EncryptedFileFormat() {
    }

    /** Null when {@code id} can be a key id, otherwise why not. */
    public static String keyIdProblem(String id) {
        if (id == null || id.isEmpty()) {
            return "must not be empty";
        }
        if (!KEY_ID.matcher(id).matches()) {
            return "'" + id + "' must be 1-" + MAX_KEY_ID_LENGTH + " letters, digits, '.', '_' or '-', starting with a letter or digit";
        }
        return null;
    }

    /** Whether a staged file's name marks it as encrypted ({@code data.csv.enc}). */
    public static boolean isEncryptedName(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(SUFFIX) && name.length() > SUFFIX.length();
    }

    /** The name without {@code .enc} ({@code data.csv.enc} → {@code data.csv}); other names as they are. */
    public static String plainName(String name) {
        return isEncryptedName(name) ? name.substring(0, name.length() - SUFFIX.length()) : name;
    }
}
