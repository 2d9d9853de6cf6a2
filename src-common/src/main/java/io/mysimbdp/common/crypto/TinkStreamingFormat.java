package io.mysimbdp.common.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What the platform fixes about files encrypted with Tink's streaming AEAD (docs/encrypted-files.md):
 * the name suffix, where a tenant's keyset lives, the associated data, and the header check the
 * manager makes without any key. Needs no Tink classes, so the manager does not carry Tink.
 */
public final class TinkStreamingFormat {
    /** Staged Tink files are named {@code <name>.<type>.tink}. */
    public static final String SUFFIX = ".tink";
    /** The tenant's keyset in its key directory (config/keys/&lt;tenant&gt;/, or the Secret mysimbdp-keys-&lt;tenant&gt;): Tink's JSON keyset format. */
    public static final String KEYSET_FILE = "tink-keyset.json";
    /** The key templates tenants may use: AES-256-GCM with HKDF-SHA256 and 4 KiB or 1 MiB segments. */
    public static final java.util.List<String> TEMPLATES = java.util.List.of("AES256_GCM_HKDF_4KB", "AES256_GCM_HKDF_1MB");
    public static final String DEFAULT_TEMPLATE = "AES256_GCM_HKDF_4KB";
    /** AES-256: the derived key size of the accepted templates. */
    public static final int DERIVED_KEY_BYTES = 32;
    /** Tink's header: one length byte, the salt (as long as the derived key) and a 7-byte nonce prefix. */
    public static final int HEADER_BYTES = 1 + DERIVED_KEY_BYTES + 7;
    public static final int TAG_BYTES = 16;
    /** The shortest file Tink writes: the header and the (final, empty) first segment's tag. */
    public static final int MIN_FILE_BYTES = HEADER_BYTES + TAG_BYTES;
    /** Larger segments are refused: a reader holds one segment in memory. */
    public static final int MAX_SEGMENT_BYTES = 1 << 20;

    private TinkStreamingFormat() {
    }

    /**
     * The associated data every Tink file of {@code tenant} is encrypted with: the tenant id in
     * UTF-8. It binds a file to its tenant; the file name is not part of it, so staging may rename
     * a file (a free name on collision) and a tenant may rename before uploading.
     */
    public static byte[] associatedData(String tenant) {
        return tenant.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Null when a file's first bytes can be a Tink AES256-GCM-HKDF streaming ciphertext, otherwise
     * why not. Tink writes no magic, so this checks what it does write: the header-length byte,
     * a length that holds the header and a tag, and not the platform's own header.
     *
     * @param head the first bytes of the file
     * @param size the file's size
     */
    public static String headerProblem(byte[] head, long size) {
        byte[] magic = EncryptedFileFormat.MAGIC;
        if (head.length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length)) {
            return "it starts with the mysimbdp-enc1 header ('bin/mysimbdp encrypt'): name it <name>.<type>" + EncryptedFileFormat.SUFFIX;
        }
        if (size < MIN_FILE_BYTES) {
            return "it has " + size + " bytes; a Tink streaming ciphertext has at least " + MIN_FILE_BYTES
                    + " (a " + HEADER_BYTES + "-byte header and a " + TAG_BYTES + "-byte tag)";
        }
        if ((head[0] & 0xFF) != HEADER_BYTES) {
            return "its first byte is " + (head[0] & 0xFF) + ", but a Tink AES256_GCM_HKDF streaming ciphertext starts with its header length "
                    + HEADER_BYTES + " (is it encrypted with a streaming AEAD keyset of template " + String.join(" or ", TEMPLATES) + "?)";
        }
        return null;
    }

    /** Whether a file's first bytes look like a Tink header (for hints on misnamed files). */
    public static boolean looksLikeTink(byte[] head, long size) {
        return head.length > 0 && headerProblem(head, size) == null;
    }
}
