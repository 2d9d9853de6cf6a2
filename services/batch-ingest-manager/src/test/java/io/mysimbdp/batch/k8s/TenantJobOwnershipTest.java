package io.mysimbdp.batch.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mysimbdp.batch.BatchTestEnvironment;
import io.mysimbdp.common.kubernetes.ReleaseOwner;
import io.mysimbdp.common.kubernetes.TenantPodOptions;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tenant Jobs and ServiceAccounts built at run time are owned by the release's ConfigMap, so that
 * uninstalling the release (which deletes the ConfigMap) lets Kubernetes' garbage collector remove
 * them; they carry the operator's pull secrets and scheduling constraints, and a profile image
 * without a tag gets the platform's. The CRUD mock server has no garbage collector: the test
 * asserts on the references the collector follows.
 */
@QuarkusTest
@TestProfile(KubernetesRuntimeProfile.class)
@QuarkusTestResource(BatchTestEnvironment.class)
@WithKubernetesTestServer(crud = true)
class TenantJobOwnershipTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    KubernetesClient client;

    ConfigMap owner(String ns) {
        ConfigMap existing = client.configMaps().inNamespace(ns).withName(KubernetesRuntimeProfile.OWNER).get();
        return existing != null ? existing : client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder()
                .withNewMetadata().withName(KubernetesRuntimeProfile.OWNER).withNamespace(ns).endMetadata().build()).create();
    }

    static void assertOwnedBy(ConfigMap owner, io.fabric8.kubernetes.api.model.HasMetadata object) {
        List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
        assertEquals(1, refs == null ? 0 : refs.size(), object.getKind() + " " + object.getMetadata().getName() + " has one owner");
        OwnerReference ref = refs.get(0);
        assertEquals("v1", ref.getApiVersion());
        assertEquals("ConfigMap", ref.getKind());
        assertEquals(owner.getMetadata().getName(), ref.getName());
        assertEquals(owner.getMetadata().getUid(), ref.getUid(), "the reference names the owner's uid");
        assertNull(ref.getBlockOwnerDeletion(), "no blockOwnerDeletion: it would need delete rights on the owner");
    }

    @Test
    void theManagersJobsAreOwnedByTheReleaseAndCarryTheOperatorsPodSettings() throws Exception {
        ConfigMap owner = owner(KubernetesRuntimeProfile.NAMESPACE);
        Files.writeString(BatchTestEnvironment.tenants.resolve("omicron.yaml"), """
                constraints: {fileTypes: [csv]}
                batch:
                  schedule: {batchingWindow: 300ms}
                  apps:
                    - name: loader
                      image: registry.example:5000/acme/loader
                """);
        await().atMost(WAIT).untilAsserted(() -> given().header("X-API-Key", "test-operator-key").get("/api/status").then().body("tenants.tenant", hasItem("omicron")));
        Path dir = Files.createDirectories(BatchTestEnvironment.var.resolve("staging/omicron"));
        Files.writeString(dir.resolve("o.csv.part"), "id\n1\n");
        Files.move(dir.resolve("o.csv.part"), dir.resolve("o.csv"));

        await().atMost(WAIT).until(() -> !client.batch().v1().jobs().inNamespace(KubernetesRuntimeProfile.NAMESPACE)
                .withLabel("mysimbdp.io/tenant", "omicron").list().getItems().isEmpty());
        Job job = client.batch().v1().jobs().inNamespace(KubernetesRuntimeProfile.NAMESPACE)
                .withLabel("mysimbdp.io/tenant", "omicron").list().getItems().get(0);
        assertOwnedBy(owner, job);
        assertOwnedBy(owner, client.serviceAccounts().inNamespace(KubernetesRuntimeProfile.NAMESPACE)
                .withName("mysimbdp-tenant-omicron").get());
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertEquals("registry.example:5000/acme/loader:" + KubernetesRuntimeProfile.IMAGE_TAG, pod.getContainers().get(0).getImage(),
                "a profile image without a tag runs the platform's version");
        assertEquals(List.of(new LocalObjectReference("regcred")), pod.getImagePullSecrets());
        assertEquals(Map.of("pool", "tenants"), pod.getNodeSelector());
        assertEquals("tenants", pod.getTolerations().get(0).getKey());
        assertEquals("NoSchedule", pod.getTolerations().get(0).getEffect());
        assertNull(pod.getAffinity(), "an empty affinity is left out");
        assertEquals(185L, pod.getSecurityContext().getRunAsUser());
        assertEquals(185L, pod.getSecurityContext().getRunAsGroup());
        assertEquals(185L, pod.getSecurityContext().getFsGroup());
    }

    @Test
    void withoutTheOwnerConfigMapJobsAreStillCreatedAndGetTheOwnerOnceItExists() throws Exception {
        String ns = "no-owner-yet";
        Path varDir = Files.createTempDirectory("k8s-owner");
        ReleaseOwner releaseOwner = new ReleaseOwner(client, ns, KubernetesRuntimeProfile.OWNER);
        JobSettings settings = new JobSettings(ns, "claim", varDir, Duration.ofMinutes(5), null,
                TenantPodOptions.parse(Optional.empty(), Optional.of("2.0.0"), "test"));
        try (KubernetesJobRuntime runtime = new KubernetesJobRuntime(client, settings, releaseOwner)) {
            var unowned = runtime.start(KubernetesJobRuntimeTest.spec(varDir, "pi", "20261206200000-aaaaaa", "1"));
            Job first = client.batch().v1().jobs().inNamespace(ns).withName(unowned.handle()).get();
            assertTrue(first.getMetadata().getOwnerReferences() == null || first.getMetadata().getOwnerReferences().isEmpty(),
                    "no owner to refer to: the Job runs anyway");
            assertEquals(KubernetesJobRuntimeTest.IMAGE, first.getSpec().getTemplate().getSpec().getContainers().get(0).getImage(),
                    "a profile image with a tag keeps it");

            ConfigMap owner = owner(ns);
            var owned = runtime.start(KubernetesJobRuntimeTest.spec(varDir, "pi", "20261206200000-bbbbbb", "1"));
            assertOwnedBy(owner, client.batch().v1().jobs().inNamespace(ns).withName(owned.handle()).get());
        }
        ServiceAccount account = client.serviceAccounts().inNamespace(ns).withName("mysimbdp-tenant-pi").get();
        assertTrue(account.getMetadata().getOwnerReferences() == null || account.getMetadata().getOwnerReferences().isEmpty(),
                "created before the owner existed");
    }
}
