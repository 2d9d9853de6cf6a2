package io.mysimbdp.common.crypto;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.util.Objects;

/** One of a tenant's AES-256 keys and the id files name it by. */
public record TenantKey(String id, SecretKey key) {
    public TenantKey {
        String problem = EncryptedFileFormat.keyIdProblem(id);
        if (problem != null) {
            throw new IllegalArgumentException("key id " + problem);
        }
        Objects.requireNonNull(key, "key");
        if (key.getEncoded() == null || key.getEncoded().length != EncryptedFileFormat.KEY_BYTES) {
            throw new IllegalArgumentException("key '" + id + "' must have " + EncryptedFileFormat.KEY_BYTES + " bytes (AES-256)");
        }
    }

    public static TenantKey of(String id, byte[] bytes) {
        return new TenantKey(id, new SecretKeySpec(bytes, "AES"));
    }

    public static TenantKey generate(String id, SecureRandom random) {
        byte[] bytes = new byte[EncryptedFileFormat.KEY_BYTES];
        random.nextBytes(bytes);
        return of(id, bytes);
    }

    @Override
    public String toString() {
        return "TenantKey[" + id + "]";   // never the key itself
    }
}
