package io.mysimbdp.deploy;

import io.fabric8.kubernetes.api.model.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** tenantKeys renders one Secret per tenant under the name the batch Jobs mount: mysimbdp-keys-<tenant>. */
class TenantKeysChartTest {
    static final String KEY1 = "q4VhXlYc3b1y0n2Qm8Zr6tUw9pLkJiHgFeDcBa098Ts=";
    static final String KEY2 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    static Path values(Path dir, String yaml) throws IOException {
        return Files.writeString(dir.resolve("keys.yaml"), yaml);
    }

    @Test
    void oneSecretPerTenantWithOneKeyFileEach(@TempDir Path dir) throws IOException {
        RenderedChart chart = RenderedChart.render(Map.of(), values(dir, """
                tenantKeys:
                  tenant2: {key1: "%s", key2: "%s"}
                  tenant1: {k-2026.1: "%s"}
                """.formatted(KEY1, KEY2, KEY1)));
        List<Secret> secrets = chart.component(Secret.class, "tenant-keys");
        assertEquals(2, secrets.size());
        Secret t2 = chart.get(Secret.class, "mysimbdp-keys-tenant2");
        assertEquals(Map.of("key1.key", KEY1, "key2.key", KEY2), t2.getStringData());
        assertEquals("tenant2", t2.getMetadata().getLabels().get("mysimbdp.io/tenant"));
        assertEquals("tenant-keys", t2.getMetadata().getLabels().get("mysimbdp.io/kind"));
        assertEquals("mysimbdp", t2.getMetadata().getLabels().get("app.kubernetes.io/part-of"));
        assertEquals(Map.of("k-2026.1.key", KEY1), chart.get(Secret.class, "mysimbdp-keys-tenant1").getStringData());
        assertTrue(chart.byTemplate().get("secret-tenant-keys.yaml").stream().allMatch(Secret.class::isInstance));
    }

    @Test
    void noKeysNoSecrets() {
        assertTrue(RenderedChart.render(Map.of()).component(Secret.class, "tenant-keys").isEmpty());
    }

    @Test
    void badKeysFailTheRenderNamingTheValue(@TempDir Path dir) throws IOException {
        var notAKey = assertThrows(IllegalStateException.class, () -> RenderedChart.render(Map.of(),
                values(dir, "tenantKeys: {tenant2: {key1: \"secret\"}}")));
        assertTrue(notAKey.getMessage().contains("tenantKeys.tenant2.key1: not a key file's content"), notAKey.getMessage());
        var badTenant = assertThrows(IllegalStateException.class, () -> RenderedChart.render(Map.of(),
                values(dir, "tenantKeys: {Tenant_2: {key1: \"%s\"}}".formatted(KEY1))));
        assertTrue(badTenant.getMessage().contains("tenantKeys.Tenant_2: a tenant id is a DNS-1123 label"), badTenant.getMessage());
    }
}
