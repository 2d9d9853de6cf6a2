package io.mysimbdp.common.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mysimbdp.common.profile.ProfileSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Chooses a service's profile source from {@code mysimbdp.profiles.source}. */
public final class ProfileSources {
    private ProfileSources() {
    }

    /**
     * The factory of the configured source. The Kubernetes client is only asked for with the
     * kubernetes source, so a local run never reaches for a cluster.
     *
     * @param dir            the tenants directory (directory source)
     * @param rescanInterval how often it is rescanned (directory source)
     * @param component      the service's name, the source of the Events it records (kubernetes source)
     */
    public static ProfileSource.Factory factory(ProfileSourceConfig config, Path dir, Duration rescanInterval,
                                                Supplier<KubernetesClient> client, String component) {
        return switch (config.source()) {
            case ProfileSourceConfig.DIRECTORY -> ProfileSource.Factory.directory(dir, rescanInterval);
            case ProfileSourceConfig.KUBERNETES -> listener -> {
                KubernetesClient k = client.get();
                return new ConfigMapProfileSource(k, PlatformNamespace.resolve(config.namespace(), k), component,
                        instanceName(), config.syncTimeout(), config.resync(), listener, Clock.systemUTC());
            };
            default -> throw new IllegalArgumentException("mysimbdp.profiles.source: unknown source '" + config.source()
                    + "' (known: " + ProfileSourceConfig.DIRECTORY + ", " + ProfileSourceConfig.KUBERNETES + ")");
        };
    }

    /** The pod's name (POD_NAME, else the host name): which replica recorded an Event. */
    static String instanceName() {
        return Optional.ofNullable(System.getenv("POD_NAME")).filter(s -> !s.isBlank()).orElseGet(() -> {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "unknown";
            }
        });
    }
}
