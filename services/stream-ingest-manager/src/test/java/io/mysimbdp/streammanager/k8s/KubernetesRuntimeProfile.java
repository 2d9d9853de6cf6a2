package io.mysimbdp.streammanager.k8s;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The manager with the kubernetes runtime, against the in-memory API server of the test. */
public class KubernetesRuntimeProfile implements QuarkusTestProfile {
    public static final String NAMESPACE = "mysimbdp-test";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "mysimbdp.stream.runtime", "kubernetes",
                "mysimbdp.kubernetes.namespace", NAMESPACE);
    }
}
