package io.mysimbdp.daas.api;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mysimbdp.daas.DaasTestEnvironment;
import io.mysimbdp.common.security.ApiKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** With mysimbdp.profiles.source=kubernetes daas knows the tenants (and their keys) of the profile ConfigMaps, live. */
@QuarkusTest
@TestProfile(ConfigMapTenantsTest.Profiles.class)
@QuarkusTestResource(value = DaasTestEnvironment.class, restrictToAnnotatedClass = true)
@WithKubernetesTestServer(crud = true)
class ConfigMapTenantsTest {
    static final String NS = "daas-profiles";

    public static class Profiles implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mysimbdp.profiles.source", "kubernetes", "mysimbdp.profiles.namespace", NS);
        }
    }

    @Inject
    KubernetesClient client;

    int status() {
        return given().header("X-API-Key", DaasTestEnvironment.ALPHA_KEY).get("/api/tenants/alpha/stats").then().extract().statusCode();
    }

    @Test
    void aTenantsKeyWorksWhileItsProfileConfigMapExists() {
        // the tenants directory (alpha.yaml) is not the source now: alpha is unknown until its ConfigMap exists
        await().atMost(Duration.ofSeconds(20)).until(() -> status() == 401);
        client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("tenant-profile-alpha")
                .addToLabels("mysimbdp.io/kind", "tenant-profile").addToLabels("mysimbdp.io/tenant", "alpha").endMetadata()
                .withData(Map.of("profile.yaml", "access: {apiKeySha256: " + ApiKeys.sha256Hex(DaasTestEnvironment.ALPHA_KEY) + "}\n"))
                .build()).create();
        await().atMost(Duration.ofSeconds(20)).until(() -> status() == 200);
        client.configMaps().inNamespace(NS).withName("tenant-profile-alpha").delete();
        await().atMost(Duration.ofSeconds(20)).until(() -> status() == 401);
    }
}
