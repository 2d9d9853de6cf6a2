package io.mysimbdp.batch.config;

import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.mysimbdp.batch.ledger.IngestionLedger;
import io.mysimbdp.batch.metrics.BatchMetrics;
import io.mysimbdp.batch.schedule.BatchIngestManager;
import io.mysimbdp.batch.store.StoreWatch;
import io.mysimbdp.batch.trace.IngestionTracing;
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
    private static final Logger LOG = Logger.getLogger(BatchService.class);
    private final BatchConfig config;
    private final MongoClient mongo;
    private final StoreWatch storeWatch;
    private final MeterRegistry registry;
    private final OpenTelemetry openTelemetry;
    private volatile BatchIngestManager manager;
    private TenantLogFiles tenantLogs;
    private IngestionLedger ledger;

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

    public Path home() {
        return Path.of(config.home()).toAbsolutePath().normalize();
    }

    public Path var() {
        return config.var().map(Path::of).orElse(home().resolve("var")).toAbsolutePath().normalize();
    }

    public Path tenantsDir() {
        return config.tenantsDir().map(Path::of).orElse(home().resolve("config/tenants")).toAbsolutePath().normalize();
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
                "mysimbdp.kubernetes.staging-claim (MYSIMBDP_KUBERNETES_STAGING_CLAIM) is required by the kubernetes runtime:"
                        + " Jobs read their input from the staging volume"));
        KubernetesClient client = kubernetes.get();
        String namespace = PlatformNamespace.resolve(k.namespace(), client);
        TenantPodOptions podOptions = TenantPodOptions.parse(k.tenantScheduling(), k.tenantImageTag(),
                "mysimbdp.kubernetes.tenant-scheduling (MYSIMBDP_KUBERNETES_TENANT_SCHEDULING)");
        return new KubernetesJobRuntime(client, new JobSettings(namespace, claim, var(), k.jobTtl(),
                new PodIdentity(k.tenantRunAsUser(), k.tenantRunAsGroup(), k.tenantFsGroup()), podOptions),
                new ReleaseOwner(client, namespace, k.ownerConfigMap().orElse(null)));
    }

    void onStart(@Observes StartupEvent event) {
        if (config.batch().tenantLogFiles()) {
            tenantLogs = TenantLogFiles.install(var().resolve("logs"), "batch-ingest-manager");
        }
        ledger = new IngestionLedger(mongo);
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
                new BatchMetrics(registry), new IngestionTracing(openTelemetry), Clock.systemUTC());
        m.storeGate(storeWatch::up);
        try {
            m.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the batch-ingest-manager under " + var(), e);
        }
        manager = m;
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

    /** Null until started. */
    public BatchIngestManager manager() {
        return manager;
    }

    public IngestionLedger ledger() {
        return ledger;
    }
}
