package io.mysimbdp.streammanager.config;

import io.mysimbdp.common.kubernetes.LeaderElectionConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Configuration of the stream-ingest-manager; every key can be set as an environment variable (MYSIMBDP_…). */
@ConfigMapping(prefix = "mysimbdp")
public interface StreamConfig {
    /** The platform home: the checkout, where relative app commands and config/ are found. */
    @WithDefault(".")
    String home();

    /** State directory (streams/, logs/); default {@code <home>/var}. */
    Optional<String> var();

    /** Directory of tenant profiles; default {@code <home>/config/tenants}. */
    Optional<String> tenantsDir();

    /**
     * SHA-256 (hex) of the operator key that the operator endpoints (docs/operator-key.md) require
     * (env MYSIMBDP_OPERATOR_KEY_SHA256; the same key as daas'). Unset: {@link #operatorKeyFile()}.
     */
    Optional<String> operatorKeySha256();

    /** A file holding the operator key itself (env MYSIMBDP_OPERATOR_KEY_FILE; make run: var/credentials/operator.key). */
    Optional<String> operatorKeyFile();

    /** Connection string handed to stream apps as MYSIMBDP_MONGODB_URI. */
    @WithDefault("mongodb://127.0.0.1:27017")
    String mongodbUri();

    /**
     * The Kafka cluster the manager administers and hands to stream apps as KAFKA_BOOTSTRAP_SERVERS;
     * application.properties sets it from {@code kafka.bootstrap.servers} (env KAFKA_BOOTSTRAP_SERVERS).
     */
    @WithDefault("127.0.0.1:9092")
    String kafkaBootstrapServers();

    Stream stream();

    /** Where tenant profiles come from (mysimbdp.profiles.source=directory|kubernetes); the directory is {@link #tenantsDir()}. */
    io.mysimbdp.common.kubernetes.ProfileSourceConfig profiles();
    /** Where tenant stream apps run as Deployments when {@code mysimbdp.stream.runtime=kubernetes}; unused locally. */
    Kubernetes kubernetes();

    /** Leader election among the manager's replicas: only the leader scales and reconciles. */
    LeaderElectionConfig leaderElection();

    interface Kubernetes {
        /** Namespace of the Deployments (and of the Lease); default POD_NAMESPACE, else the client's namespace. */
        Optional<String> namespace();

        /** Numeric uid of tenant stream pods (an image whose USER is a name could not start under runAsNonRoot otherwise). */
        @WithDefault("185")
        long tenantRunAsUser();

        /** Primary gid of tenant stream pods. */
        @WithDefault("185")
        long tenantRunAsGroup();

        /** fsGroup of tenant stream pods. */
        @WithDefault("185")
        long tenantFsGroup();

        /**
         * Image pull secrets and scheduling constraints of tenant pods, one JSON object
         * {@code {"imagePullSecrets":[..],"nodeSelector":{..},"tolerations":[..],"affinity":{..}}} (the chart's tenantPods.*).
         */
        Optional<String> tenantScheduling();

        /** Tag given to a profile's image that names none (the chart's appVersion). */
        Optional<String> tenantImageTag();

        /** ConfigMap of the release that owns the Deployments and tenant ServiceAccounts (uninstalling the release removes them). */
        Optional<String> ownerConfigMap();
    }

    interface Stream {
        /** The store is pinged this often for readiness and {@code mysimbdp_store_up} (reported, never acted on). */
        @WithDefault("5s")
        Duration storeProbeInterval();

        /** How often topics and instances are reconciled with the profiles (profile changes, exits and alerts wake it earlier). */
        @WithDefault("2s")
        Duration reconcileInterval();

        /**
         * While a topic is asleep (scaled to zero), its lag is also read this often between reconcile passes, so the
         * first message after an idle period wakes it within this time; 0 turns the extra check off.
         */
        @WithDefault("250ms")
        Duration sleeperCheckInterval();

        /** How often tenant profiles are re-read (inotify wakes it earlier). */
        @WithDefault("1s")
        Duration profileRescanInterval();

        /** Topics of an unchanged profile are checked again this often (heals deleted topics). */
        @WithDefault("1m")
        Duration topicResyncInterval();

        /** Replication factor of the topics the manager creates (1 for the single local broker). */
        @WithDefault("1")
        short replicationFactor();

        /** Partitions of each report, alert and DLQ topic. */
        @WithDefault("1")
        int auxiliaryPartitions();

        /** Longest wait for one Kafka admin call. */
        @WithDefault("10s")
        Duration adminTimeout();

        /** Set a producer_byte_rate quota for the tenant's principal {@code tenant-<tenant>} from the topics' maxBytesPerSecond. */
        @WithDefault("true")
        boolean quotas();

        /**
         * Create each tenant's Kafka principal (SCRAM user), its ACLs and its stored credentials, and remove them on
         * offboarding; false only for a broker without SASL and an authorizer.
         */
        @WithDefault("true")
        boolean kafkaAccess();

        /** The monitor's principal: granted read on each tenant's report topics and write on its alert topics. */
        @WithDefault("platform-stream-ingest-monitor")
        String monitorPrincipal();

        /** First delay before restarting an instance that died; doubled for each consecutive failure. */
        @WithDefault("1s")
        Duration restartBackoff();

        /** Longest restart delay. */
        @WithDefault("1m")
        Duration maxRestartBackoff();

        /** An instance that ran this long before dying restarts after the first delay again. */
        @WithDefault("1m")
        Duration stableAfter();

        /** On shutdown, how long to wait for instances to end (they get TERM, then KILL from the runtime). */
        @WithDefault("15s")
        Duration stopTimeout();

        /** Cooldown between two scalings of a topic whose profile cannot be read (profiles default to 60s). */
        @WithDefault("60s")
        Duration defaultCooldown();

        /** Alerts older than this are recorded as stale and not acted on (e.g. read after downtime). */
        @WithDefault("5m")
        Duration alertMaxAge();

        /** Scaling decisions kept per topic for the API. */
        @WithDefault("20")
        int decisionsKept();

        /**
         * How often a running instance's run record is refreshed in the platform database: a run whose
         * end was never recorded (the manager died) is metered up to its last refresh.
         */
        @WithDefault("30s")
        Duration usageHeartbeat();

        /** Also write each tenant's lines to {@code <var>/logs/<tenant>/stream-ingest-manager.log} (JSON, one object a line). */
        @WithDefault("true")
        boolean tenantLogFiles();

        /**
         * The local runtime holds a scale-out while the host's CPUs are busier than this share of all
         * cores over the last {@code host-cpu-interval} (another process there adds no CPU); 1 never holds.
         */
        @WithDefault("0.9")
        double localScaleOutMaxHostCpu();

        /** How often the host's CPU use is sampled for that rule. */
        @WithDefault("5s")
        Duration hostCpuInterval();

        /** The workload runtime: local (child processes) or kubernetes (a Deployment per topic, see {@link StreamConfig#kubernetes()}). */
        @WithDefault("local")
        String runtime();
    }
}
