package io.mysimbdp.common.crypto;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import java.security.GeneralSecurityException;

/**
 * AES-256-GCM over one file's chunks: the nonce is the header's prefix followed by the chunk
 * index, and the associated data is the whole header, the index and the final flag, so a chunk
 * authenticates only in its own file, at its own position, with its own finality.
 */
final class ChunkCipher {
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int TAG_BITS = EncryptedFileFormat.TAG_BYTES * 8;

    private final EncryptedFileHeader header;
    private final FileKeys keys;
    private final Cipher cipher;
    private final byte[] nonce = new byte[EncryptedFileFormat.NONCE_BYTES];
    private final byte[] aad;

    ChunkCipher(EncryptedFileHeader header, FileKeys keys) {
        this.header = header;
        this.keys = keys;
        try {
            this.cipher = Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + TRANSFORMATION, e);
        }
        System.arraycopy(header.noncePrefix(), 0, nonce, 0, EncryptedFileFormat.NONCE_PREFIX_BYTES);
        byte[] encoded = header.encoded();
        aad = new byte[encoded.length + 5];
        System.arraycopy(encoded, 0, aad, 0, encoded.length);
    }

    /** Encrypts {@code length} bytes of {@code plain} as chunk {@code index} into {@code out}; returns the ciphertext length. */
    int seal(long index, boolean last, byte[] plain, int length, byte[] out) {
        try {
            init(Cipher.ENCRYPT_MODE, index, last);
            return cipher.doFinal(plain, 0, length, out, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** Decrypts chunk {@code index} into {@code out} and returns the plaintext length; false tags throw {@link AEADBadTagException}. */
    int open(long index, boolean last, byte[] sealed, int length, byte[] out) throws AEADBadTagException {
        try {
            init(Cipher.DECRYPT_MODE, index, last);
            return cipher.doFinal(sealed, 0, length, out, 0);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    private void init(int mode, long index, boolean last) throws GeneralSecurityException {
        int i = (int) index;   // the writer stops at 2^32 chunks, so the index fits 4 bytes
        nonce[8] = (byte) (i >>> 24);
        nonce[9] = (byte) (i >>> 16);
        nonce[10] = (byte) (i >>> 8);
        nonce[11] = (byte) i;
        int at = header.encoded().length;
        System.arraycopy(nonce, 8, aad, at, 4);
        aad[at + 4] = (byte) (last ? EncryptedFileFormat.FLAG_FINAL : EncryptedFileFormat.FLAG_MORE);
        cipher.init(mode, keys.aesKey(), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(aad);
    }
}
