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

    /**
     * SHA-256 (hex) of the operator key, shared by every service (env MYSIMBDP_OPERATOR_KEY_SHA256);
     * {@code mysimbdp.daas.operator-key-sha256} is read when this is unset.
     */
    Optional<String> operatorKeySha256();

    /**
     * A file holding the operator key itself, hashed at start-up when no hash is configured (env
     * MYSIMBDP_OPERATOR_KEY_FILE; {@code make run} sets it to var/credentials/operator.key).
     */
    Optional<String> operatorKeyFile();

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

        /**
         * Most bytes of documents in one {@code /documents} response (their JSON as sent); the page stops
         * before the document that would pass it and says where to continue. A single document larger
         * than the cap is sent alone, so paging always moves on. 32 MiB.
         */
        @WithDefault("33554432")
        long maxResponseBytes();

        /**
         * Time limit of every store operation daas makes (the driver's timeoutMS: sent to MongoDB as
         * maxTimeMS and enforced by the client too); for {@code /documents}, of each fetch of a batch.
         * Past it the request answers 504.
         */
        @WithDefault("30s")
        Duration queryTimeLimit();

        /** Documents fetched from the store per round trip while streaming a {@code /documents} page. */
        @WithDefault("64")
        int fetchBatchSize();

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
