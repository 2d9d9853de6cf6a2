package io.mysimbdp.common.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.Optional;

/** What a platform pod knows about itself: its namespace and name (downward API: POD_NAMESPACE, POD_NAME). */
public final class PodEnvironment {
    private PodEnvironment() {
    }

    /** The configured namespace, else POD_NAMESPACE, else the client's, else {@code default}. */
    public static String namespace(Optional<String> configured, KubernetesClient client) {
        return PlatformNamespace.resolve(configured, client);
    }

    /** POD_NAME, else HOSTNAME (a pod's hostname is its name). */
    public static Optional<String> podName() {
        return env("POD_NAME").or(() -> env("HOSTNAME"));
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(s -> !s.isBlank());
    }
}
