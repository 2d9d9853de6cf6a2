package io.mysimbdp.streammanager.k8s;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The manager with the kubernetes runtime, against the in-memory API server of the test. */
public class KubernetesRuntimeProfile implements QuarkusTestProfile {
    public static final String NAMESPACE = "mysimbdp-test";
    /** The release's ConfigMap owning the tenant workloads (the chart's {@code <fullname>-tenant-workloads}). */
    public static final String OWNER = "mysimbdp-tenant-workloads";
    public static final String IMAGE_TAG = "7.7.7";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "mysimbdp.stream.runtime", "kubernetes",
                "mysimbdp.kubernetes.namespace", NAMESPACE,
                // what the chart sets from tenantPods.* and the chart's appVersion
                "mysimbdp.kubernetes.owner-config-map", OWNER,
                "mysimbdp.kubernetes.tenant-image-tag", IMAGE_TAG,
                "mysimbdp.kubernetes.tenant-run-as-user", "1000",
                "mysimbdp.kubernetes.tenant-scheduling", "{\"imagePullSecrets\":[{\"name\":\"regcred\"}],\"nodeSelector\":{\"pool\":\"tenants\"}}");
    }
}
