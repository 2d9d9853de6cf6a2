package io.mysimbdp.common.kubernetes;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TenantPodsTest {
    @Test
    void tenantPodsGetThePlatformsTracingSettingsAndNothingElseOfItsEnvironment() {
        List<EnvVar> env = TenantPods.tracingEnv(Map.of(
                "OTEL_SDK_DISABLED", "false",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317",
                "MYSIMBDP_MONGODB_URI", "mongodb://secret@store",
                "PATH", "/usr/bin"));
        assertEquals(List.of(new EnvVar("OTEL_SDK_DISABLED", "false", null),
                new EnvVar("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317", null)), env);
    }

    @Test
    void withoutTracingConfiguredThePodsGetNone() {
        assertEquals(List.of(), TenantPods.tracingEnv(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", " ", "HOME", "/root")));
    }

    @Test
    void eachTenantsServiceAccountHasNoTokenAndCarriesTheTenantLabel() {
        ServiceAccount sa = TenantPods.serviceAccount("tenant1", "platform");
        assertEquals("mysimbdp-tenant-tenant1", sa.getMetadata().getName());
        assertEquals("platform", sa.getMetadata().getNamespace());
        assertEquals(Boolean.FALSE, sa.getAutomountServiceAccountToken());
        assertEquals(Map.of("app.kubernetes.io/part-of", "mysimbdp", "mysimbdp.io/tenant", "tenant1"), sa.getMetadata().getLabels());
        assertEquals("mysimbdp-tenant-tenant2", TenantPods.serviceAccount("tenant2", "platform").getMetadata().getName());
    }
}
