package io.mysimbdp.streammanager.credentials;

import io.mysimbdp.common.kafka.KafkaCredentials;

import java.io.IOException;

/**
 * Where the tenants' Kafka credentials are kept for their apps and for the tenant: owner-only files
 * locally ({@link CredentialFiles}), a Secret per tenant on Kubernetes ({@link CredentialSecrets}).
 * Only the keys {@link KafkaCredentials#USERNAME_KEY}/{@link KafkaCredentials#PASSWORD_KEY} are this store's:
 * other keys in the same file or Secret (the store user's, for instance) are left alone.
 */
public interface TenantCredentialStore {
    /** The stored credentials; with {@code created} true when they were generated (and stored) just now. */
    record Stored(KafkaCredentials credentials, boolean created) {
    }

    /** The tenant's credentials, generated once and stored when it has none. */
    Stored ensure(String tenant) throws IOException;

    /** The stored credentials, without creating any. */
    java.util.Optional<KafkaCredentials> read(String tenant) throws IOException;

    /** Stores new credentials for the tenant's principal (rotation), keeping the store's other keys. */
    void replace(String tenant, KafkaCredentials credentials) throws IOException;

    /** Removes the tenant's Kafka keys (offboarding); nothing to do when there are none. */
    void delete(String tenant) throws IOException;

    /** Where, in words (for logs). */
    String describe(String tenant);
}
