package io.mysimbdp.common.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.Optional;

/** The namespace the platform works in: configured, else the pod's own (POD_NAMESPACE), else the client's. */
public final class PlatformNamespace {
    public static final String DEFAULT = "default";

    private PlatformNamespace() {
    }

    public static String resolve(Optional<String> configured, String podNamespace, KubernetesClient client) {
        return configured.filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(podNamespace).filter(s -> !s.isBlank()))
                .or(() -> Optional.ofNullable(client.getNamespace()))
                .orElse(DEFAULT);
    }

    /** {@link #resolve} with this process's POD_NAMESPACE. */
    public static String resolve(Optional<String> configured, KubernetesClient client) {
        return resolve(configured, System.getenv("POD_NAMESPACE"), client);
    }
}
