package io.mysimbdp.common.crypto;

import java.util.Optional;

/** Where a reader finds the key a file's header names. */
@FunctionalInterface
public interface KeyLookup {
    /**
     * The key with this id, or empty when there is none.
     *
     * @throws EncryptionException (problem {@code UNKNOWN_KEY}) when a key exists but cannot be used
     */
    Optional<TenantKey> find(String keyId) throws EncryptionException;

    /** Where keys come from, for messages ("no key 'k1' in …"). */
    default String describe() {
        return "the key lookup";
    }
}
