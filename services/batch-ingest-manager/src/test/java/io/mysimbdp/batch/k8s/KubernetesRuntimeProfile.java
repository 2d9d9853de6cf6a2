package io.mysimbdp.batch.k8s;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The manager with the kubernetes runtime, against the in-memory API server of the test. */
public class KubernetesRuntimeProfile implements QuarkusTestProfile {
    public static final String NAMESPACE = "mysimbdp-test";
    public static final String CLAIM = "test-staging";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "mysimbdp.batch.runtime", "kubernetes",
                "mysimbdp.kubernetes.namespace", NAMESPACE,
                "mysimbdp.kubernetes.staging-claim", CLAIM,
                "mysimbdp.kubernetes.job-ttl", "10m");
    }
}
