package io.mysimbdp.streammanager.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mysimbdp.streammanager.StreamTestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Tenant stream Deployments and ServiceAccounts built at run time are owned by the release's
 * ConfigMap (uninstalling the release lets the garbage collector delete them), also those created
 * before an upgrade; the pods carry a numeric user, the operator's pull secrets and node selector,
 * and the platform's tag on a profile image without one. The CRUD mock server has no garbage
 * collector: the test asserts on the references it follows.
 */
@QuarkusTest
@TestProfile(KubernetesRuntimeProfile.class)
@QuarkusTestResource(StreamTestEnvironment.class)
@WithKubernetesTestServer(crud = true)
class TenantDeploymentOwnershipTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String NS = KubernetesRuntimeProfile.NAMESPACE;

    @Inject
    KubernetesClient client;

    ConfigMap owner() {
        ConfigMap existing = client.configMaps().inNamespace(NS).withName(KubernetesRuntimeProfile.OWNER).get();
        return existing != null ? existing : client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder()
                .withNewMetadata().withName(KubernetesRuntimeProfile.OWNER).withNamespace(NS).endMetadata().build()).create();
    }

    static void profile(String tenant, String image) throws Exception {
        Files.writeString(StreamTestEnvironment.tenants.resolve("." + tenant + ".tmp"), """
                stream:
                  topics: [{name: clicks}]
                  app:
                    image: %s
                    minInstances: 1
                    maxInstances: 1
                """.formatted(image));
        Files.move(StreamTestEnvironment.tenants.resolve("." + tenant + ".tmp"), StreamTestEnvironment.tenants.resolve(tenant + ".yaml"),
                StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(NS).withName(name).get();
    }

    static void assertOwnedBy(ConfigMap owner, HasMetadata object) {
        List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
        assertEquals(1, refs == null ? 0 : refs.size(), object.getKind() + " " + object.getMetadata().getName() + " has one owner");
        assertEquals("ConfigMap", refs.get(0).getKind());
        assertEquals(owner.getMetadata().getName(), refs.get(0).getName());
        assertEquals(owner.getMetadata().getUid(), refs.get(0).getUid());
        assertNull(refs.get(0).getBlockOwnerDeletion());
    }

    @Test
    void streamDeploymentsAreOwnedByTheReleaseAndRunWithTheOperatorsPodSettings() throws Exception {
        ConfigMap owner = owner();
        profile("sigma", "registry.example/sigma-stream");
        Deployment d = await().atMost(WAIT).until(() -> deployment("stream-sigma-clicks"), Objects::nonNull);
        assertOwnedBy(owner, d);
        assertOwnedBy(owner, client.serviceAccounts().inNamespace(NS).withName("mysimbdp-tenant-sigma").get());
        var pod = d.getSpec().getTemplate().getSpec();
        assertEquals("registry.example/sigma-stream:" + KubernetesRuntimeProfile.IMAGE_TAG, pod.getContainers().get(0).getImage());
        assertEquals(1000L, pod.getSecurityContext().getRunAsUser());
        assertEquals("regcred", pod.getImagePullSecrets().get(0).getName());
        assertEquals(Map.of("pool", "tenants"), pod.getNodeSelector());
        Files.delete(StreamTestEnvironment.tenants.resolve("sigma.yaml"));
        await().atMost(WAIT).until(() -> deployment("stream-sigma-clicks") == null);
    }

    @Test
    void aDeploymentCreatedBeforeTheUpgradeGetsItsOwnerWithoutBeingReplaced() throws Exception {
        ConfigMap owner = owner();
        // what an older manager left: the Deployment the manager would build, without owner
        var plan = new io.mysimbdp.streammanager.model.TopicKey("tau", "clicks");
        profile("tau", "registry.example/tau-stream:1.0");
        Deployment created = await().atMost(WAIT).until(() -> deployment("stream-tau-clicks"), Objects::nonNull);
        Deployment unowned = client.apps().deployments().inNamespace(NS).withName("stream-tau-clicks")
                .edit(x -> { x.getMetadata().setOwnerReferences(List.of()); return x; });
        assertEquals(0, unowned.getMetadata().getOwnerReferences().size());
        Deployment healed = await().atMost(WAIT).until(() -> deployment("stream-tau-clicks"),
                x -> x.getMetadata().getOwnerReferences() != null && !x.getMetadata().getOwnerReferences().isEmpty());
        assertOwnedBy(owner, healed);
        assertEquals(created.getMetadata().getUid(), healed.getMetadata().getUid(), "updated in place, tenants keep running");
        assertEquals(created.getMetadata().getAnnotations().get(StreamDeploymentManifest.SPEC_HASH),
                healed.getMetadata().getAnnotations().get(StreamDeploymentManifest.SPEC_HASH), "the same pod template: no rollout");
        assertEquals(plan.tenant(), healed.getMetadata().getLabels().get("mysimbdp.io/tenant"));
        Files.delete(StreamTestEnvironment.tenants.resolve("tau.yaml"));
        await().atMost(WAIT).until(() -> deployment("stream-tau-clicks") == null);
    }
}
