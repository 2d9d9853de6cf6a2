package io.mysimbdp.common.store;

import java.io.IOException;
import java.util.Optional;

/**
 * Where a tenant's store connection string (its own user's, with the password) is kept for its apps:
 * an owner-only file on the local runtime ({@link TenantCredentialFiles}), the key {@value #KEY} of the
 * tenant's credentials Secret on Kubernetes (TenantStoreSecrets in src-common-kubernetes), which pods
 * reference by secretKeyRef. The first writer wins, so two managers hand out the same password.
 */
public interface TenantStoreCredentials {
    /** The name of the file, and the key in the tenant's Secret. */
    String KEY = "mongodb.uri";

    Optional<String> read(String tenant) throws IOException;

    /** Stores the URI unless one is stored; returns what is stored afterwards. */
    String createIfAbsent(String tenant, String uri) throws IOException;

    /** Replaces the URI (a rotated password). */
    void replace(String tenant, String uri) throws IOException;

    /** Removes the tenant's URI (offboarding); nothing to do when there is none. */
    void delete(String tenant) throws IOException;

    /** Where, in words (for logs). */
    String describe(String tenant);
}
