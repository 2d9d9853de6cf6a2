package io.mysimbdp.common.kubernetes;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tenant's store URI in its credentials Secret, next to its Kafka keys; pods reference it, never copy it. */
@EnableKubernetesMockClient(crud = true)
class TenantStoreSecretsTest {
    static final String NS = "mysimbdp";
    static final String SECRET = "mysimbdp-tenant-acme-credentials";
    KubernetesClient client;

    @Test
    void theUriJoinsTheKafkaKeysAndTheFirstWriterWins() {
        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName(SECRET).endMetadata()
                .addToData("kafka.username", b64("tenant-acme")).addToData("kafka.password", b64("kpw")).build()).create();
        TenantStoreSecrets store = new TenantStoreSecrets(client, NS);
        assertEquals(Optional.empty(), store.read("acme"));
        assertEquals("mongodb://mysimbdp-tenant-acme:one@m/", store.createIfAbsent("acme", "mongodb://mysimbdp-tenant-acme:one@m/"));
        assertEquals("mongodb://mysimbdp-tenant-acme:one@m/", new TenantStoreSecrets(client, NS)
                .createIfAbsent("acme", "mongodb://mysimbdp-tenant-acme:two@m/"), "a second manager gets the first one's password");
        Secret secret = client.secrets().inNamespace(NS).withName(SECRET).get();
        assertEquals(b64("kpw"), secret.getData().get("kafka.password"), "the Kafka keys are kept");
        store.replace("acme", "mongodb://mysimbdp-tenant-acme:rotated@m/");
        assertEquals(Optional.of("mongodb://mysimbdp-tenant-acme:rotated@m/"), store.read("acme"));
        store.delete("acme");
        secret = client.secrets().inNamespace(NS).withName(SECRET).get();
        assertNull(secret.getData().get("mongodb.uri"));
        assertEquals(b64("tenant-acme"), secret.getData().get("kafka.username"));
    }

    @Test
    void aNewSecretCarriesTheTenantsLabelsAndGoesWithItsLastKey() {
        TenantStoreSecrets store = new TenantStoreSecrets(client, NS);
        store.createIfAbsent("acme", "mongodb://mysimbdp-tenant-acme:one@m/");
        Secret secret = client.secrets().inNamespace(NS).withName(SECRET).get();
        assertEquals(Map.of("app.kubernetes.io/part-of", "mysimbdp", "mysimbdp.io/tenant", "acme"), secret.getMetadata().getLabels());
        store.delete("acme");
        assertNull(client.secrets().inNamespace(NS).withName(SECRET).get());
    }

    @Test
    void aPodGetsTheTenantsOwnUriByReferenceAndNeverTheStoresKeys() {
        EnvVar plain = TenantPods.storeUriEnv("acme", "mongodb://store:27017");
        assertEquals("mongodb://store:27017", plain.getValue(), "a store without users: nothing secret to hide");
        EnvVar own = TenantPods.storeUriEnv("acme", "mongodb://mysimbdp-tenant-acme:pw@store:27017/tenant_acme?authSource=admin");
        assertNull(own.getValue());
        assertEquals(SECRET, own.getValueFrom().getSecretKeyRef().getName());
        assertEquals("mongodb.uri", own.getValueFrom().getSecretKeyRef().getKey());
        var platform = assertThrows(IllegalStateException.class, () -> TenantPods.storeUriEnv("acme", "mongodb://root:pw@store:27017"));
        assertTrue(platform.getMessage().contains("store user root"), platform.getMessage());
        assertThrows(IllegalStateException.class, () -> TenantPods.storeUriEnv("acme", "mongodb://mysimbdp-tenant-acme-eu:pw@store/"),
                "a look-alike tenant's user is someone else's");
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
