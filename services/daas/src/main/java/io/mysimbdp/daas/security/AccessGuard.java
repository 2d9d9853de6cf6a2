package io.mysimbdp.daas.security;

import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.common.security.PresentedKey;
import io.mysimbdp.daas.api.ApiError;
import io.mysimbdp.daas.config.TenantDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;

import java.util.Optional;

/**
 * Reads the request's API key ({@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}) and
 * applies {@link AccessPolicy}, throwing the error answer when access is denied. Never logs headers.
 */
@ApplicationScoped
public class AccessGuard {
    public static final String API_KEY_HEADER = PresentedKey.API_KEY_HEADER;
    private final TenantDirectory tenants;
    private final OperatorKey operator;

    public AccessGuard(TenantDirectory tenants, OperatorKey operator) {
        this.tenants = tenants;
        this.operator = operator;
    }

    public Caller requireOperator(HttpHeaders headers) {
        String key = presentedKey(headers);
        Optional<Caller> caller = identify(key);
        deny(AccessPolicy.operatorEndpoint(key != null, caller, operator.hash() != null));
        return caller.orElseThrow();
    }

    public Caller requireTenant(String tenant, HttpHeaders headers) {
        String key = presentedKey(headers);
        Optional<Caller> caller = identify(key);
        boolean known = TenantNames.isValidTenantId(tenant) && tenants.known(tenant);
        AccessPolicy.Denial denial = AccessPolicy.tenantEndpoint(tenant, key != null, caller, known);
        if (denial != null && denial.status() == 404 && !TenantNames.isValidTenantId(tenant)) {
            denial = new AccessPolicy.Denial(404, "no such tenant (tenant ids are DNS-1123 labels: lower-case letters, digits, '-')");
        }
        deny(denial);
        return caller.orElseThrow();
    }

    private Optional<Caller> identify(String key) {
        return AccessPolicy.identify(key, operator.hash(), tenants.keyHashes());
    }

    private static void deny(AccessPolicy.Denial denial) {
        if (denial != null) {
            throw ApiError.of(denial.status(), denial.message());
        }
    }

    /** The key sent, or null; a malformed Authorization header counts as no key. */
    static String presentedKey(HttpHeaders headers) {
        return PresentedKey.of(headers.getHeaderString(HttpHeaders.AUTHORIZATION), headers.getHeaderString(API_KEY_HEADER));
    }
}
