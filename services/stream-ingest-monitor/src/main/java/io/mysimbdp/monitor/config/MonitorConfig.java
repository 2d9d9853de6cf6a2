package io.mysimbdp.monitor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Configuration of the stream-ingest-monitor; every key can be set as an environment variable
 * (MYSIMBDP_…). Kafka comes from {@code kafka.bootstrap.servers} (env KAFKA_BOOTSTRAP_SERVERS).
 * The scaling thresholds are not here: they are each tenant's, in its profile's {@code stream.scaling}.
 */
@ConfigMapping(prefix = "mysimbdp")
public interface MonitorConfig {
    /** The platform home: the checkout, where config/ is found. */
    @WithDefault(".")
    String home();

    /** State directory; default {@code <home>/var}. The monitor keeps no files: its log goes to stdout. */
    Optional<String> var();

    /** Directory of tenant profiles; default {@code <home>/config/tenants}. */
    Optional<String> tenantsDir();

    /** The platform's store: the monitor writes each accepted report's rows in {@code mysimbdp_platform}. */
    @WithDefault("mongodb://127.0.0.1:27017")
    String mongodbUri();

    Monitor monitor();

    /** Where tenant profiles come from (mysimbdp.profiles.source=directory|kubernetes); the directory is {@link #tenantsDir()}. */
    io.mysimbdp.common.kubernetes.ProfileSourceConfig profiles();

    interface Monitor {
        /** How often tenant profiles are re-read (inotify wakes it earlier). */
        @WithDefault("1s")
        Duration profileRescanInterval();

        /** How often due intervals are closed and decided on (the @Scheduled tick reads the same key). */
        @WithDefault("1s")
        Duration tick();

        /** An interval closes this long after its end; reports arriving later are too late for it. */
        @WithDefault("2s")
        Duration intervalGrace();

        /** Reports stamped further than this ahead of the monitor's clock are refused. */
        @WithDefault("5m")
        Duration maxClockSkew();

        /** More intervals in a row without any report than this restart a topic's window. */
        @WithDefault("1")
        int maxSilentIntervals();

        /**
         * With a tenant's scaleOutAvgIngestionTimeMs set, SCALE_IN also needs the average processing time at
         * most this fraction of it in every interval: the hysteresis band for processing time.
         */
        @WithDefault("0.5")
        double scaleInAvgIngestionRatio();

        /** Instances not heard from this long leave /api/streams. */
        @WithDefault("5m")
        Duration instanceExpiry();

        /** Alerts kept per topic for /api/streams. */
        @WithDefault("20")
        int recentAlerts();

        /** Report payloads larger than this (bytes) are refused unread. */
        @WithDefault("65536")
        int maxReportBytes();

        /** A check that an alert topic exists is trusted this long. */
        @WithDefault("1m")
        Duration alertTopicCacheTtl();

        /** Reports whose platform rows wait for the store beyond this many are dropped, oldest first (logged). */
        @WithDefault("10000")
        int maxPendingReportRows();

        /** While the store refuses a report's rows, they are tried again after this long. */
        @WithDefault("2s")
        Duration storeRetryDelay();

        /** Longest wait for the Kafka admin client when checking an alert topic. */
        @WithDefault("5s")
        Duration adminTimeout();
    }
}
