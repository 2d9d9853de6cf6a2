package io.mysimbdp.common.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TenantPodOptionsTest {
    @Test
    void theChartsJsonGivesPullSecretsAndSchedulingToTheTenantPod() {
        TenantPodOptions options = TenantPodOptions.parse(Optional.of("""
                {"imagePullSecrets":[{"name":"regcred"}],"nodeSelector":{"pool":"tenants"},
                 "tolerations":[{"key":"dedicated","operator":"Equal","value":"tenants","effect":"NoSchedule"}],
                 "affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":
                   [{"matchExpressions":[{"key":"zone","operator":"In","values":["a"]}]}]}}}}"""), Optional.of("0.2.0"), "setting");
        PodSpec pod = options.applyTo(new PodSpecBuilder()).build();
        assertEquals(List.of(new LocalObjectReference("regcred")), pod.getImagePullSecrets());
        assertEquals(Map.of("pool", "tenants"), pod.getNodeSelector());
        assertEquals("dedicated", pod.getTolerations().get(0).getKey());
        assertEquals("tenants", pod.getTolerations().get(0).getValue());
        assertEquals("zone", pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms().get(0).getMatchExpressions().get(0).getKey());
        assertEquals("0.2.0", options.defaultImageTag());
    }

    @Test
    void nothingConfiguredLeavesThePodAsItIs() {
        TenantPodOptions options = TenantPodOptions.parse(Optional.empty(), Optional.of(" "), "setting");
        PodSpec pod = options.applyTo(new PodSpecBuilder()).build();
        assertTrue(pod.getImagePullSecrets().isEmpty());
        assertTrue(pod.getNodeSelector() == null || pod.getNodeSelector().isEmpty());
        assertTrue(pod.getTolerations().isEmpty());
        assertNull(pod.getAffinity());
        assertEquals("acme/app", options.image("acme/app"), "no default tag: the image as written");
        PodSpec empties = TenantPodOptions.parse(Optional.of("{\"imagePullSecrets\":[],\"nodeSelector\":{},\"tolerations\":[],\"affinity\":{}}"),
                Optional.empty(), "s").applyTo(new PodSpecBuilder()).build();
        assertNull(empties.getAffinity(), "the chart's empty defaults add nothing");
    }

    @Test
    void aMalformedOrUnknownSettingIsRefusedNamingTheSetting() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> TenantPodOptions.parse(Optional.of("{\"nodeSelecter\":{}}"), Optional.empty(), "MYSIMBDP_KUBERNETES_TENANT_SCHEDULING"));
        assertTrue(unknown.getMessage().startsWith("MYSIMBDP_KUBERNETES_TENANT_SCHEDULING: "), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("nodeSelecter"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TenantPodOptions.parse(Optional.of("[1,2"), Optional.empty(), "s"));
    }

    @Test
    void aProfileImageWithoutATagGetsThePlatformsTag() {
        assertEquals("mysimbdp/clientbatchingestapp:0.2.0", TenantPodOptions.withDefaultTag("mysimbdp/clientbatchingestapp", "0.2.0"));
        assertEquals("app:0.2.0", TenantPodOptions.withDefaultTag("app", "0.2.0"));
        assertEquals("registry:5000/acme/app:0.2.0", TenantPodOptions.withDefaultTag("registry:5000/acme/app", "0.2.0"),
                "a registry port is not a tag");
        assertEquals("acme/app:1.4", TenantPodOptions.withDefaultTag("acme/app:1.4", "0.2.0"));
        assertEquals("registry:5000/acme/app:1.4", TenantPodOptions.withDefaultTag("registry:5000/acme/app:1.4", "0.2.0"));
        assertEquals("acme/app@sha256:abcd", TenantPodOptions.withDefaultTag("acme/app@sha256:abcd", "0.2.0"));
        assertEquals("acme/app", TenantPodOptions.withDefaultTag("acme/app", null));
    }

    @Test
    void theOwnerReferenceNamesTheObjectByUidWithoutBlockingItsDeletion() {
        OwnerReference ref = TenantPodOptions.ownerReference(new ConfigMapBuilder().withNewMetadata().withName("rel-mysimbdp-tenant-workloads")
                .withUid("1234-5678").endMetadata().build());
        assertEquals("v1", ref.getApiVersion());
        assertEquals("ConfigMap", ref.getKind());
        assertEquals("rel-mysimbdp-tenant-workloads", ref.getName());
        assertEquals("1234-5678", ref.getUid());
        assertNull(ref.getController());
        assertNull(ref.getBlockOwnerDeletion());
        assertThrows(IllegalArgumentException.class, () -> TenantPodOptions.ownerReference(new ConfigMapBuilder()
                .withNewMetadata().withName("x").endMetadata().build()));
    }
}
