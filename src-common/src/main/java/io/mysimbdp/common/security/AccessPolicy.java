package io.mysimbdp.common.security;

import io.mysimbdp.common.contract.ServiceConfigEnv;
import java.util.Map;
import java.util.Optional;

/**
 * Who may read what, as pure decisions. A tenant key reads only its tenant's endpoints; the operator
 * key reads everything. Messages never name a key, and a tenant asking for another tenant learns
 * nothing about it (403 whether it exists or not); only the operator is told a tenant is unknown.
 */
public final class AccessPolicy {
    static final String NO_KEY = "no API key: send 'Authorization: Bearer <key>' (or 'X-API-Key: <key>')";
    static final String UNKNOWN_KEY = "the API key is not valid";
    static final String OTHER_TENANT = "this API key may read only its own tenant's endpoints";
    static final String TENANT_ON_OPERATOR_ENDPOINT = "this endpoint needs the operator key; a tenant key reads /api/tenants/<its tenant>/…";
    private static final String DAAS_HASH_ENV = ServiceConfigEnv.of(OperatorKeySource.DAAS_HASH_KEY);
    static final String NO_OPERATOR_KEY = "no operator key is configured on this daas: set " + DAAS_HASH_ENV
            + " (config " + OperatorKeySource.DAAS_HASH_KEY + ") to the SHA-256 of a secret key, e.g. "
            + DAAS_HASH_ENV + "=$(" + ApiKeys.HOW_TO_HASH + " | cut -d' ' -f1), restart daas, "
            + "and send the key itself as 'Authorization: Bearer secret'";

    private AccessPolicy() {
    }

    /** Null when allowed, otherwise the HTTP status and message to answer with. */
    public record Denial(int status, String message) {
    }

    /**
     * The caller owning a presented key. Every hash is compared (no early exit), so timing does not
     * tell which tenant, if any, matched.
     */
    public static Optional<Caller> identify(String presentedKey, String operatorHash, Map<String, String> tenantHashes) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return Optional.empty();
        }
        String hash = ApiKeys.sha256Hex(presentedKey);
        Caller found = null;
        if (ApiKeys.sameHash(hash, operatorHash)) {
            found = new Caller.Operator();
        }
        for (Map.Entry<String, String> e : tenantHashes.entrySet()) {
            if (ApiKeys.sameHash(hash, e.getValue()) && found == null) {
                found = new Caller.Tenant(e.getKey());
            }
        }
        return Optional.ofNullable(found);
    }

    public static Denial operatorEndpoint(boolean keyPresented, Optional<Caller> caller, boolean operatorConfigured) {
        if (!operatorConfigured) {
            return new Denial(401, NO_OPERATOR_KEY);
        }
        if (!keyPresented) {
            return new Denial(401, NO_KEY);
        }
        if (caller.isEmpty()) {
            return new Denial(401, UNKNOWN_KEY);
        }
        return caller.get() instanceof Caller.Operator ? null : new Denial(403, TENANT_ON_OPERATOR_ENDPOINT);
    }

    public static Denial tenantEndpoint(String tenant, boolean keyPresented, Optional<Caller> caller, boolean tenantKnown) {
        if (!keyPresented) {
            return new Denial(401, NO_KEY);
        }
        if (caller.isEmpty()) {
            return new Denial(401, UNKNOWN_KEY);
        }
        if (caller.get() instanceof Caller.Tenant t) {
            return t.id().equals(tenant) ? null : new Denial(403, OTHER_TENANT);
        }
        return tenantKnown ? null : new Denial(404, "no tenant '" + tenant + "' (no profile in the tenants directory)");
    }
}
