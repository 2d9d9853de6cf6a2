package io.mysimbdp.daas.security;

import io.mysimbdp.common.security.ApiKeys;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessPolicyTest {
    static final String OPERATOR = ApiKeys.sha256Hex("op-secret");
    static final Map<String, String> TENANTS = Map.of("alpha", ApiKeys.sha256Hex("alpha-key"), "beta", ApiKeys.sha256Hex("beta-key"));

    @Test
    void sha256HexIsWhatSha256sumPrints() {
        // echo -n tenant1-demo-key | sha256sum
        assertEquals(ApiKeys.sha256Hex("tenant1-demo-key"), ApiKeys.normalizeHash(ApiKeys.sha256Hex("tenant1-demo-key").toUpperCase() + "  -"));
        assertEquals("2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b", ApiKeys.sha256Hex("secret"));
        assertNull(ApiKeys.normalizeHash(" "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiKeys.normalizeHash("my-plain-key"));
        assertFalse(e.getMessage().contains("my-plain-key"), "the message never repeats what might be a key");
    }

    @Test
    void keysIdentifyTheirOwner() {
        assertEquals(Optional.of(new Caller.Operator()), AccessPolicy.identify("op-secret", OPERATOR, TENANTS));
        assertEquals(Optional.of(new Caller.Tenant("beta")), AccessPolicy.identify("beta-key", OPERATOR, TENANTS));
        assertEquals(Optional.empty(), AccessPolicy.identify("nope", OPERATOR, TENANTS));
        assertEquals(Optional.empty(), AccessPolicy.identify(null, OPERATOR, TENANTS));
        assertEquals(Optional.empty(), AccessPolicy.identify("op-secret", null, TENANTS));
    }

    @Test
    void tenantsReadOnlyThemselvesAndLearnNothingOfOthers() {
        Optional<Caller> alpha = Optional.of(new Caller.Tenant("alpha"));
        assertNull(AccessPolicy.tenantEndpoint("alpha", true, alpha, true));
        assertEquals(403, AccessPolicy.tenantEndpoint("beta", true, alpha, true).status());
        assertEquals(AccessPolicy.tenantEndpoint("beta", true, alpha, true), AccessPolicy.tenantEndpoint("ghost", true, alpha, false),
                "another tenant, existing or not, gets the same answer");
        assertEquals(401, AccessPolicy.tenantEndpoint("alpha", false, Optional.empty(), true).status());
        assertEquals(401, AccessPolicy.tenantEndpoint("alpha", true, Optional.empty(), true).status());
    }

    @Test
    void theOperatorReadsEverythingAndIsToldOfUnknownTenants() {
        Optional<Caller> op = Optional.of(new Caller.Operator());
        assertNull(AccessPolicy.tenantEndpoint("alpha", true, op, true));
        assertEquals(404, AccessPolicy.tenantEndpoint("ghost", true, op, false).status());
        assertNull(AccessPolicy.operatorEndpoint(true, op, true));
        assertEquals(403, AccessPolicy.operatorEndpoint(true, Optional.of(new Caller.Tenant("alpha")), true).status());
        assertEquals(401, AccessPolicy.operatorEndpoint(false, Optional.empty(), true).status());
    }

    @Test
    void withoutAnOperatorKeyConfiguredTheAnswerSaysHowToSetOne() {
        AccessPolicy.Denial d = AccessPolicy.operatorEndpoint(true, Optional.of(new Caller.Tenant("alpha")), false);
        assertEquals(401, d.status());
        assertTrue(d.message().contains("MYSIMBDP_DAAS_OPERATOR_KEY_SHA256") && d.message().contains("echo -n secret | sha256sum"), d.message());
    }
}
