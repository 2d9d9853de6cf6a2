package io.mysimbdp.common.kubernetes;

import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Where a platform service reads tenant profiles from: {@code mysimbdp.profiles.*} in every
 * service's configuration (a group of its one {@code @ConfigMapping}), e.g. MYSIMBDP_PROFILES_SOURCE.
 */
public interface ProfileSourceConfig {
    String DIRECTORY = "directory";
    String KUBERNETES = "kubernetes";

    /** directory (the tenants directory's files, the default) or kubernetes (tenant profile ConfigMaps). */
    @WithDefault(DIRECTORY)
    String source();

    /** Namespace of the profile ConfigMaps; default POD_NAMESPACE (the service's own), else the client's namespace. */
    Optional<String> namespace();

    /** How long start-up waits for the first list of profile ConfigMaps before it fails. */
    @WithDefault("30s")
    Duration syncTimeout();

    /** The informer re-delivers its cache this often, so a change is applied even if a watch event was lost. */
    @WithDefault("5m")
    Duration resync();
}
