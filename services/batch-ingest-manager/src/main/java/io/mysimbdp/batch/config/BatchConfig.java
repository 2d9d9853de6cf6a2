package io.mysimbdp.batch.config;

import io.mysimbdp.common.kubernetes.LeaderElectionConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Configuration of the batch-ingest-manager; every key can be set as an environment variable (MYSIMBDP_…). */
@ConfigMapping(prefix = "mysimbdp")
public interface BatchConfig {
    /** The platform home: the checkout, where relative app commands and config/ are found. */
    @WithDefault(".")
    String home();

    /** State directory (staging, invalid, failed, jobs, logs); default {@code <home>/var}. */
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

    /**
     * Folder of the tenants' key folders ({@code <dir>/<tenant>/<key-id>.key}); a tenant whose profile
     * has an encryption section gets its own as MYSIMBDP_KEYS_DIR. Default {@code <home>/config/keys}.
     * The manager never reads the keys; on Kubernetes the Secret mysimbdp-keys-<tenant> is mounted instead
     * (MYSIMBDP_TENANT_KEYS_DIR; not the app's MYSIMBDP_KEYS_DIR, which is one tenant's folder).
     */
    Optional<String> tenantKeysDir();

    /** Connection string handed to tenant apps as MYSIMBDP_MONGODB_URI. */
    @WithDefault("mongodb://127.0.0.1:27017")
    String mongodbUri();

    Batch batch();

    /** Where tenant profiles come from (mysimbdp.profiles.source=directory|kubernetes); the directory is {@link #tenantsDir()}. */
    io.mysimbdp.common.kubernetes.ProfileSourceConfig profiles();

    /** Where and how batch Jobs run when {@code mysimbdp.batch.runtime=kubernetes}; unused by the local runtime. */
    Kubernetes kubernetes();

    /** Leader election among the manager's replicas: only the leader admits and schedules. */
    LeaderElectionConfig leaderElection();

    interface Kubernetes {
        /** Namespace of the Jobs (and of the Lease); default POD_NAMESPACE (the manager's own), else the client's namespace. */
        Optional<String> namespace();

        /**
         * The PersistentVolumeClaim holding the state directory ({@code mysimbdp.var} is where the
         * manager mounts it); Jobs mount their input and output directories from it as subPaths.
         * Required by the kubernetes runtime (MYSIMBDP_KUBERNETES_STAGING_CLAIM).
         */
        Optional<String> stagingClaim();

        /** Finished Jobs (and their pods and logs) are deleted by Kubernetes after this long. */
        @WithDefault("1h")
        Duration jobTtl();

        /** uid of tenant pods: the manager's own, which owns the job directories (185, the Quarkus image's user). */
        @WithDefault("185")
        long tenantRunAsUser();

        /** Primary gid of tenant pods (the manager's). */
        @WithDefault("185")
        long tenantRunAsGroup();

        /** fsGroup of tenant pods: the group owning the staging volume (the manager pod's fsGroup). */
        @WithDefault("185")
        long tenantFsGroup();

        /**
         * Image pull secrets and scheduling constraints of tenant pods, one JSON object
         * {@code {"imagePullSecrets":[..],"nodeSelector":{..},"tolerations":[..],"affinity":{..}}} (the chart's tenantPods.*).
         */
        Optional<String> tenantScheduling();

        /** Tag given to a profile's image that names none (the chart's appVersion). */
        Optional<String> tenantImageTag();

        /** ConfigMap of the release that owns the Jobs and tenant ServiceAccounts (uninstalling the release removes them). */
        Optional<String> ownerConfigMap();
    }

    interface Batch {
        /**
         * The store is pinged this often; while it does not answer no attempt starts (they would only
         * fail for the store), readiness says so and {@code mysimbdp_store_up} is 0.
         */
        @WithDefault("5s")
        Duration storeProbeInterval();

        /** A staged file is taken only after its size and mtime were unchanged this long. */
        @WithDefault("1s")
        Duration quietPeriod();

        /** Staging is rescanned this often even without inotify events. */
        @WithDefault("500ms")
        Duration rescanInterval();

        /** How often tenant profiles are re-read (inotify wakes it earlier). */
        @WithDefault("1s")
        Duration profileRescanInterval();

        /** fcfs, priority or weighted-fair. */
        @WithDefault("fcfs")
        String policy();

        /** Jobs running at once across all tenants. */
        @WithDefault("4")
        int maxConcurrentJobs();

        /** Most files grouped into one job; more start another job. */
        @WithDefault("500")
        int maxFilesPerJob();

        /**
         * Most bytes of staged files grouped into one job (64 MiB); a file that would pass it starts another job,
         * so the app's timeout bounds a known amount of work. A larger file still gets a job of its own.
         */
        @WithDefault("67108864")
        long maxBytesPerJob();

        /** A batching window that keeps being extended by new files still closes after this long. */
        @WithDefault("30s")
        Duration maxBatchingDelay();

        /** First retry delay; doubled for each further attempt. */
        @WithDefault("2s")
        Duration retryBackoff();

        /** Longest retry delay. */
        @WithDefault("5m")
        Duration maxRetryBackoff();

        /** Also write each tenant's lines to {@code <var>/logs/<tenant>/batch-ingest-manager.log} (JSON, one object a line). */
        @WithDefault("true")
        boolean tenantLogFiles();

        /** The workload runtime: local (child processes) or kubernetes (Jobs, see {@link BatchConfig#kubernetes()}). */
        @WithDefault("local")
        String runtime();

        /** How much of a tenant app's output the manager reads and keeps (docs/tenant-app-contract.md, "Limits"). */
        Output output();

        /** The ingestion ledger's writer. */
        Ledger ledger();

        /** Platform defaults of the per-tenant retention of invalid/, failed/, results/, archive/ and logs/ (profile: batch.retention). */
        Retention retention();
    }

    interface Retention {
        /** Entries older than this are pruned. */
        @WithDefault("30d")
        Duration maxAge();

        /** Each area of each tenant is pruned, oldest first, down to this many bytes. */
        @WithDefault("1073741824")
        long maxBytes();

        /** How often retention runs (and bytes held are measured). */
        @WithDefault("10m")
        Duration interval();
    }

    interface Output {
        /** A larger result.json is not read: the attempt counts as having no usable result. */
        @WithDefault("8388608")
        long maxResultBytes();

        /** Each output file (result.json, rejects.jsonl, …) is kept under results/ up to this many bytes (its head). */
        @WithDefault("67108864")
        long maxKeptBytes();

        /** At most this many output files are kept per attempt. */
        @WithDefault("20")
        int maxKeptFiles();

        /** A file's reason from result.json is cut to this many characters (in the ledger, failed/ and the status). */
        @WithDefault("2000")
        int maxReasonChars();

        default io.mysimbdp.batch.model.OutputPolicy.Limits limits() {
            return new io.mysimbdp.batch.model.OutputPolicy.Limits(maxResultBytes(), maxKeptBytes(), maxKeptFiles(), maxReasonChars());
        }
    }

    interface Ledger {
        /**
         * A row the store refuses (not a store that is down: that is retried without end) is tried this
         * many times, then set aside: logged, counted and appended to {@code <var>/ledger-set-aside.jsonl}.
         */
        @WithDefault("5")
        int maxAttempts();
    }
}
