package io.mysimbdp.daas.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Configuration of daas; every key can be set as an environment variable (MYSIMBDP_…). */
@ConfigMapping(prefix = "mysimbdp")
public interface DaasConfig {
    /** The platform home: the checkout, where config/tenants is found by default. */
    @WithDefault(".")
    String home();

    /** The store (MYSIMBDP_MONGODB_URI); quarkus.mongodb.connection-string reads it. */
    @WithDefault("mongodb://127.0.0.1:27017")
    String mongodbUri();

    /** Directory of tenant profiles; default {@code <home>/config/tenants}. */
    Optional<String> tenantsDir();

    Daas daas();

    /** Where tenant profiles come from (mysimbdp.profiles.source=directory|kubernetes); the directory is {@link #tenantsDir()}. */
    io.mysimbdp.common.kubernetes.ProfileSourceConfig profiles();

    interface Daas {
        /**
         * SHA-256 (hex) of the operator's API key, which reads every tenant and {@code /api/stats}
         * (env MYSIMBDP_DAAS_OPERATOR_KEY_SHA256; make one with {@code echo -n secret | sha256sum}).
         * Unset: operator endpoints answer 401 and say how to set it.
         */
        Optional<String> operatorKeySha256();

        /** How often tenant profiles (and so tenant keys) are re-read; inotify wakes it earlier. */
        @WithDefault("1s")
        Duration profileRescanInterval();

        /** Rows per page of {@code /ingestions} and documents per read when no limit is given. */
        @WithDefault("100")
        int defaultLimit();

        /** Largest page or read; larger limits are clamped to it. */
        @WithDefault("1000")
        int maxLimit();

        /** Longest {@code filter} parameter accepted, in characters. */
        @WithDefault("16384")
        int maxFilterLength();

        /**
         * Most durations streamed to compute one p95 (the slowest 5% of the window's files); past it
         * the p95 is left out with a note rather than loading the store. 100 000 covers 2 million files.
         */
        @WithDefault("100000")
        int p95MaxTail();
    }
}
