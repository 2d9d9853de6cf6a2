package io.mysimbdp.batch.k8s;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The manager with the kubernetes runtime, against the in-memory API server of the test. */
public class KubernetesRuntimeProfile implements QuarkusTestProfile {
    public static final String NAMESPACE = "mysimbdp-test";
    public static final String CLAIM = "test-staging";
    /** The release's ConfigMap owning the tenant workloads (the chart's {@code <fullname>-tenant-workloads}). */
    public static final String OWNER = "mysimbdp-tenant-workloads";
    public static final String IMAGE_TAG = "7.7.7";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "mysimbdp.batch.runtime", "kubernetes",
                "mysimbdp.kubernetes.namespace", NAMESPACE,
                "mysimbdp.kubernetes.staging-claim", CLAIM,
                "mysimbdp.kubernetes.job-ttl", "10m",
                // what the chart sets from tenantPods.* and the chart's appVersion
                "mysimbdp.kubernetes.owner-config-map", OWNER,
                "mysimbdp.kubernetes.tenant-image-tag", IMAGE_TAG,
                "mysimbdp.kubernetes.tenant-scheduling", "{\"imagePullSecrets\":[{\"name\":\"regcred\"}],"
                        + "\"nodeSelector\":{\"pool\":\"tenants\"},"
                        + "\"tolerations\":[{\"key\":\"tenants\",\"operator\":\"Exists\",\"effect\":\"NoSchedule\"}],\"affinity\":{}}");
    }
}
