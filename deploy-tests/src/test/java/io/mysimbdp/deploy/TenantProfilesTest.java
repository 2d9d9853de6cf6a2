package io.mysimbdp.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.mysimbdp.common.kubernetes.TenantProfileConfigMaps;
import io.mysimbdp.common.profile.ProfileParser;
import io.mysimbdp.common.profile.ProfileResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tenant profiles as ConfigMaps, from the chart's values and from k8s/tenant-profiles/, read as the managers read them. */
class TenantProfilesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> EXAMPLE_TENANTS = List.of("tenant1", "tenant2");

    @Test
    void chartRendersOneValidProfileConfigMapPerTenant(@TempDir Path dir) throws IOException {
        ObjectNode values = YAML.createObjectNode();
        ObjectNode tenants = values.putObject("tenants");
        for (String tenant : EXAMPLE_TENANTS) {
            tenants.set(tenant, localProfile(tenant));
        }
        Path valuesFile = dir.resolve("tenants.yaml");
        YAML.writeValue(valuesFile.toFile(), values);

        RenderedChart chart = RenderedChart.render(Map.of(), valuesFile);
        List<ConfigMap> profiles = chart.component(ConfigMap.class, "tenant-profile");
        assertEquals(EXAMPLE_TENANTS.size(), profiles.size());
        for (String tenant : EXAMPLE_TENANTS) {
            ConfigMap map = chart.configMap("tenant-profile-" + tenant);
            assertEquals(List.of("profile.yaml"), List.copyOf(map.getData().keySet()));
            assertProfileConfigMap(tenant, map);
        }
    }

    @Test
    void k8sTenantProfilesAreTheLocalProfilesAsConfigMaps() {
        List<Path> files = Checkout.list(Checkout.K8S.resolve("tenant-profiles"), "*.yaml");
        assertEquals(EXAMPLE_TENANTS, files.stream().map(f -> f.getFileName().toString().replace(".yaml", "")).toList());
        for (Path file : files) {
            String tenant = file.getFileName().toString().replace(".yaml", "");
            ConfigMap map = assertInstanceOf(ConfigMap.class, StrictManifests.parse(file.toString(), Checkout.read(file)));
            assertEquals("tenant-profile-" + tenant, map.getMetadata().getName());
            assertEquals("mysimbdp", map.getMetadata().getLabels().get("app.kubernetes.io/part-of"));
            assertEquals("tenant-profile", map.getMetadata().getLabels().get("app.kubernetes.io/component"));
            assertProfileConfigMap(tenant, map);

            JsonNode profile = tree(map.getData().get("profile.yaml"));
            for (JsonNode app : profile.path("batch").path("apps")) {
                assertTrue(app.hasNonNull("image") && app.hasNonNull("command"),
                        tenant + " batch app " + app.path("name") + ": image for Kubernetes, command for the local runtime");
            }
            JsonNode streamApp = profile.path("stream").path("app");
            if (!streamApp.isMissingNode()) {
                assertTrue(streamApp.hasNonNull("image") && streamApp.hasNonNull("command"), tenant + " stream app");
            }
        }
    }

    @Test
    void refusesATenantIdThatIsNotADnsLabel() {
        var e = assertThrows(IllegalStateException.class,
                () -> RenderedChart.template(RenderedChart.RELEASE, Map.of("tenants.Tenant_1.priority", 1)));
        assertTrue(e.getMessage().contains("tenants.Tenant_1: a tenant id is a DNS-1123 label"), e.getMessage());
    }

    /** What a manager would do with the ConfigMap: label selector, key profile.yaml, ProfileParser; same as the local file. */
    private static void assertProfileConfigMap(String tenant, ConfigMap map) {
        Map<String, String> labels = map.getMetadata().getLabels();
        assertEquals("tenant-profile", labels.get("mysimbdp.io/kind"), tenant);
        assertEquals(tenant, labels.get("mysimbdp.io/tenant"), tenant);
        String yaml = map.getData().get("profile.yaml");
        // read by the services' ConfigMap profile source, and the same as the file would be
        ProfileResult result = TenantProfileConfigMaps.read(map);
        assertEquals(ProfileParser.parse(tenant + ".yaml", yaml.getBytes(StandardCharsets.UTF_8)).getClass(), result.getClass(), tenant);
        if (result instanceof ProfileResult.Invalid invalid) {
            throw new AssertionError(tenant + ": profile.yaml is not a valid profile: " + invalid.message());
        }
        assertEquals(tenant, assertInstanceOf(ProfileResult.Valid.class, result).profile().tenant());
        assertEquals(localProfile(tenant), tree(yaml), tenant + ": the same profile as config/tenants/" + tenant + ".yaml");
        assertFalse(tree(yaml).isEmpty(), tenant);
    }

    private static JsonNode localProfile(String tenant) {
        return tree(Checkout.read(Checkout.TENANTS.resolve(tenant + ".yaml")));
    }

    private static JsonNode tree(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new AssertionError("not YAML: " + e.getMessage(), e);
        }
    }
}
