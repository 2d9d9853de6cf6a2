package io.mysimbdp.daas.metrics;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DaasEndpointTest {
    static final Set<String> KNOWN = Set.of("alpha");

    static DaasEndpoint of(String path) {
        return DaasEndpoint.of(path, KNOWN::contains);
    }

    @Test
    void routesAreLabelledByTemplateNeverByTheirVariableParts() {
        assertEquals(new DaasEndpoint("documents", "alpha"), of("/api/tenants/alpha/collections/listings/documents"));
        assertEquals(new DaasEndpoint("documents", "alpha"), of("/api/tenants/alpha/collections/other.coll/documents"));
        assertEquals(new DaasEndpoint("collections", "alpha"), of("/api/tenants/alpha/collections"));
        assertEquals(new DaasEndpoint("stats", "alpha"), of("/api/tenants/alpha/stats"));
        assertEquals(new DaasEndpoint("usage", "alpha"), of("/api/tenants/alpha/usage"));
        assertEquals(new DaasEndpoint("stats", DaasEndpoint.ALL_TENANTS), of("/api/stats"));
        assertEquals(new DaasEndpoint("other", "alpha"), of("/api/tenants/alpha/whatever/x/y"));
    }

    @Test
    void aTenantWithoutAProfileIsOneLabelWhateverItsName() {
        assertEquals(new DaasEndpoint("stats", DaasEndpoint.UNKNOWN_TENANT), of("/api/tenants/made-up-1/stats"));
        assertEquals(new DaasEndpoint("other", DaasEndpoint.UNKNOWN_TENANT), of("/api/tenants/"));
    }

    @Test
    void pathsOutsideTheApiAreNotCounted() {
        assertNull(of("/q/metrics"));
        assertNull(of("/q/swagger-ui/index.html"));
        assertNull(of(null));
    }
}
