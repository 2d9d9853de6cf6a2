package io.mysimbdp.batch.config;

import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.mysimbdp.batch.ledger.IngestionLedger;
import io.mysimbdp.batch.metrics.BatchMetrics;
import io.mysimbdp.batch.schedule.BatchIngestManager;
import io.mysimbdp.batch.schedule.RetentionRunner;
import io.mysimbdp.batch.store.StoreWatch;
import io.mysimbdp.batch.trace.IngestionTracing;
import io.mysimbdp.common.contract.PlatformPaths;
import io.mysimbdp.common.contract.ServiceConfigEnv;
import io.mysimbdp.common.logging.TenantLogFiles;
import io.opentelemetry.api.OpenTelemetry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mysimbdp.batch.k8s.JobSettings;
import io.mysimbdp.batch.k8s.KubernetesJobRuntime;
import io.mysimbdp.common.kubernetes.ReleaseOwner;
import io.mysimbdp.common.kubernetes.TenantPodOptions;
import io.mysimbdp.batch.k8s.PodIdentity;
import io.mysimbdp.common.kubernetes.PlatformNamespace;
import io.mysimbdp.common.kubernetes.ProfileSources;
import io.mysimbdp.common.profile.ProfileSource;
import io.mysimbdp.common.kubernetes.LeaseLeadership;
import io.mysimbdp.common.kubernetes.PodEnvironment;
import io.mysimbdp.common.runtime.LocalProcessRuntime;
import io.mysimbdp.common.runtime.WorkloadRuntime;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;

/** Wires the manager from configuration and runs it for the life of the service. */
@ApplicationScoped
public class BatchService {
    static final String STAGING_CLAIM_KEY = "mysimbdp.kubernetes.staging-claim";
    private static final Logger LOG = Logger.getLogger(BatchService.class);
    private final BatchConfig config;
    private final MongoClient mongo;
    private final StoreWatch storeWatch;
    private final MeterRegistry registry;
    private final OpenTelemetry openTelemetry;
    private volatile BatchIngestManager manager;
    private RetentionRunner retention;
    private volatile io.mysimbdp.batch.staging.Uploads uploads;
    private TenantLogFiles tenantLogs;
    private IngestionLedger ledger;
    private BatchMetrics metrics;
    /** Ledger rows the store kept refusing, one JSON document a line, under the state directory. */
    public static final String SET_ASIDE_FILE = "ledger-set-aside.jsonl";

    /** Resolved only for the kubernetes runtime, so the local runtime never reaches for a cluster. */
    private final Instance<KubernetesClient> kubernetes;
    private WorkloadRuntime runtime;
    private LeaseLeadership election;
    private volatile boolean stopping;

    public BatchService(BatchConfig config, MongoClient mongo, MeterRegistry registry, OpenTelemetry openTelemetry,
                        Instance<KubernetesClient> kubernetes, StoreWatch storeWatch) {
        this.config = config;
        this.storeWatch = storeWatch;
        this.mongo = mongo;
        this.registry = registry;
        this.openTelemetry = openTelemetry;
        this.kubernetes = kubernetes;
    }

    /** The home, var and tenants folders, by the platform's one rule. */
    public PlatformPaths paths() {
        return PlatformPaths.resolve(config.home(), config.var(), config.tenantsDir());
    }

    public Path home() {
        return paths().home();
    }

    public Path var() {
        return paths().var();
    }

    public Path tenantsDir() {
        return paths().tenantsDir();
    }

    /** The configured profile source: the tenants directory, or ConfigMaps (mysimbdp.profiles.source). */
    ProfileSource.Factory profileSource() {
        return ProfileSources.factory(config.profiles(), tenantsDir(), config.batch().profileRescanInterval(), kubernetes::get,
                "batch-ingest-manager");
    }

    WorkloadRuntime runtime() {
        return switch (config.batch().runtime()) {
            case "local" -> new LocalProcessRuntime(home());
            case "kubernetes" -> kubernetesRuntime();
            default -> throw new IllegalArgumentException("mysimbdp.batch.runtime: unknown runtime '" + config.batch().runtime()
                    + "' (this build has: local, kubernetes)");
        };
    }

    private WorkloadRuntime kubernetesRuntime() {
        BatchConfig.Kubernetes k = config.kubernetes();
        String claim = k.stagingClaim().filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalArgumentException(
                STAGING_CLAIM_KEY + " (" + ServiceConfigEnv.of(STAGING_CLAIM_KEY) + ") is required by the kubernetes runtime:"
                        + " Jobs read their input from the staging volume"));
        KubernetesClient client = kubernetes.get();
        String namespace = PlatformNamespace.resolve(k.namespace(), client);
        TenantPodOptions podOptions = TenantPodOptions.parse(k.tenantScheduling(), k.tenantImageTag(), TenantPodOptions.SCHEDULING_SETTING);
        return new KubernetesJobRuntime(client, new JobSettings(namespace, claim, var(), k.jobTtl(),
                new PodIdentity(k.tenantRunAsUser(), k.tenantRunAsGroup(), k.tenantFsGroup()), podOptions),
                new ReleaseOwner(client, namespace, k.ownerConfigMap().orElse(null)));
    }

    void onStart(@Observes StartupEvent event) {
        if (config.batch().tenantLogFiles()) {
            tenantLogs = TenantLogFiles.install(var().resolve("logs"), "batch-ingest-manager");
        }
        BatchMetrics metrics = metrics();
        ledger = new IngestionLedger(mongo, config.batch().ledger().maxAttempts(), var().resolve(SET_ASIDE_FILE),
                row -> metrics.ledgerSetAside(row.tenant()));
        runtime = runtime();
        if (!config.leaderElection().enabled()) {
            startManager();
            return;
        }
        // only the leader admits and schedules: the manager starts (recovering and adopting Jobs) once this replica leads
        KubernetesClient client = kubernetes.get();
        election = new LeaseLeadership(client, config.leaderElection().settings("batch-ingest-manager",
                PodEnvironment.namespace(config.kubernetes().namespace(), client)), new LeaseLeadership.Listener() {
            @Override
            public void onStartedLeading() {
                new Thread(BatchService.this::startAsLeader, "batch-ingest-manager-start").start();
            }

            @Override
            public void onStoppedLeading() {
                if (!stopping) {
                    // its schedule lives in memory and must not act any more: restarted, it stands again as a candidate
                    LOG.error("batch-ingest-manager lost the lead; exiting so Kubernetes restarts it as a follower");
                    Quarkus.asyncExit(1);
                }
            }
        });
        election.start();
    }

    private synchronized void startManager() {
        if (manager != null) {
            return;
        }
        BatchIngestManager m = new BatchIngestManager(config, var(), profileSource(), runtime, ledger,
                metrics(), new IngestionTracing(openTelemetry), Clock.systemUTC());
        m.storeGate(storeWatch::up);
        try {
            m.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the batch-ingest-manager under " + var(), e);
        }
        uploads = new io.mysimbdp.batch.staging.Uploads(m.layout());
        uploads.deleteLeftParts();
        manager = m;
        retention = new RetentionRunner(m, config.batch().retention(), metrics(), Clock.systemUTC()).start();
    }

    private void startAsLeader() {
        try {
            startManager();
        } catch (RuntimeException e) {
            LOG.error("batch-ingest-manager cannot start as the leader; exiting", e);
            Quarkus.asyncExit(1);
        }
    }

    /** True on a follower under leader election: ready, but passive until it leads. */
    public boolean passive() {
        return election != null && !election.isLeader();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        stopping = true;
        if (retention != null) {
            retention.close();
        }
        if (manager != null) {
            manager.close();
        }
        if (election != null) {
            election.close(); // after the loop stopped: released, so the other replica takes over at once
        }
        if (ledger != null) {
            ledger.close();
        }
        if (tenantLogs != null) {
            tenantLogs.close();
        }
        if (runtime instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // shutting down anyway
            }
        }
    }

    private synchronized BatchMetrics metrics() {
        if (metrics == null) {
            metrics = new BatchMetrics(registry);
        }
        return metrics;
    }

    /** The upload side of staging; null until the manager started. */
    public io.mysimbdp.batch.staging.Uploads uploads() {
        return uploads;
    }

    /** Null until started. */
    public BatchIngestManager manager() {
        return manager;
    }

    public IngestionLedger ledger() {
        return ledger;
    }
}
