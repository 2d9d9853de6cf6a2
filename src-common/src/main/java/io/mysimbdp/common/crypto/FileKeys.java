package io.mysimbdp.common.crypto;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * What one file is encrypted with, derived from the tenant's key and the file's salt by
 * HKDF-SHA256 (RFC 5869): the AES-256-GCM key of its chunks, and a key commitment stored in the
 * header so a reader can tell a wrong key from a damaged file before decrypting anything.
 */
record FileKeys(SecretKey aesKey, byte[] commitment) {
    private static final String HMAC = "HmacSHA256";
    private static final byte[] AES_INFO = "mysimbdp-enc1 aes-256-gcm chunk key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COMMITMENT_INFO = "mysimbdp-enc1 key commitment".getBytes(StandardCharsets.US_ASCII);

    static FileKeys derive(SecretKey tenantKey, byte[] salt) {
        byte[] ikm = tenantKey.getEncoded();
        if (ikm == null || ikm.length != EncryptedFileFormat.KEY_BYTES) {
            throw new IllegalArgumentException("a tenant key has " + EncryptedFileFormat.KEY_BYTES + " bytes");
        }
        try {
            byte[] prk = hmac(salt, ikm);
            return new FileKeys(new SecretKeySpec(expand(prk, AES_INFO), "AES"), expand(prk, COMMITMENT_INFO));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + HMAC, e);
        }
    }

    /** Constant-time comparison with a header's commitment. */
    boolean commitsTo(byte[] headerCommitment) {
        return MessageDigest.isEqual(commitment, headerCommitment);
    }

    /** HKDF-Expand for one block (32 bytes): HMAC(prk, info || 0x01). */
    private static byte[] expand(byte[] prk, byte[] info) throws GeneralSecurityException {
        byte[] message = new byte[info.length + 1];
        System.arraycopy(info, 0, message, 0, info.length);
        message[info.length] = 1;
        return hmac(prk, message);
    }

    private static byte[] hmac(byte[] key, byte[] message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(HMAC);
        mac.init(new SecretKeySpec(key, HMAC));
        return mac.doFinal(message);
    }
}
