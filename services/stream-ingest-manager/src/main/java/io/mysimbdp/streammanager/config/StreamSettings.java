package io.mysimbdp.streammanager.config;

import io.mysimbdp.common.contract.PlatformPaths;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The manager's settings as plain values, resolved from {@link StreamConfig} (paths made absolute),
 * so the manager can be built without Quarkus in tests.
 */
public record StreamSettings(Path home, Path var, Path tenantsDir, String mongodbUri, String kafkaBootstrapServers,
                             Duration reconcileInterval, Duration profileRescanInterval, Duration topicResyncInterval,
                             short replicationFactor, int auxiliaryPartitions, Duration adminTimeout, boolean quotas,
                             Duration restartBackoff, Duration maxRestartBackoff, Duration stableAfter,
                             Duration stopTimeout, Duration defaultCooldown, Duration alertMaxAge, int decisionsKept,
                             Duration sleeperCheckInterval) {
    /** The default for the sleeping topics' lag check ({@link StreamConfig.Stream#sleeperCheckInterval()}). */
    public static final Duration SLEEPER_CHECK = Duration.ofMillis(250);

    /** Settings with the default sleeping topics' check. */
    public StreamSettings(Path home, Path var, Path tenantsDir, String mongodbUri, String kafkaBootstrapServers,
                          Duration reconcileInterval, Duration profileRescanInterval, Duration topicResyncInterval,
                          short replicationFactor, int auxiliaryPartitions, Duration adminTimeout, boolean quotas,
                          Duration restartBackoff, Duration maxRestartBackoff, Duration stableAfter,
                          Duration stopTimeout, Duration defaultCooldown, Duration alertMaxAge, int decisionsKept) {
        this(home, var, tenantsDir, mongodbUri, kafkaBootstrapServers, reconcileInterval, profileRescanInterval,
                topicResyncInterval, replicationFactor, auxiliaryPartitions, adminTimeout, quotas, restartBackoff,
                maxRestartBackoff, stableAfter, stopTimeout, defaultCooldown, alertMaxAge, decisionsKept, SLEEPER_CHECK);
    }

    public static StreamSettings from(StreamConfig c) {
        PlatformPaths paths = PlatformPaths.resolve(c.home(), c.var(), c.tenantsDir());
        Path home = paths.home(), var = paths.var(), tenants = paths.tenantsDir();
        StreamConfig.Stream s = c.stream();
        return new StreamSettings(home, var, tenants, c.mongodbUri(), c.kafkaBootstrapServers(), s.reconcileInterval(),
                s.profileRescanInterval(), s.topicResyncInterval(), s.replicationFactor(), s.auxiliaryPartitions(),
                s.adminTimeout(), s.quotas(), s.restartBackoff(), s.maxRestartBackoff(), s.stableAfter(),
                s.stopTimeout(), s.defaultCooldown(), s.alertMaxAge(), s.decisionsKept(), s.sleeperCheckInterval());
    }

    /** The documented defaults (StreamConfig), for tests. */
    public static StreamSettings defaults(Path home, Path var, Path tenantsDir) {
        return new StreamSettings(home, var, tenantsDir, "mongodb://127.0.0.1:27017", "127.0.0.1:9092",
                Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMinutes(1), (short) 1, 1,
                Duration.ofSeconds(10), true, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(1),
                Duration.ofSeconds(15), Duration.ofSeconds(60), Duration.ofMinutes(5), 20);
    }

    public Path streams() {
        return var.resolve("streams");
    }

    public Path logs() {
        return var.resolve("logs");
    }
}
