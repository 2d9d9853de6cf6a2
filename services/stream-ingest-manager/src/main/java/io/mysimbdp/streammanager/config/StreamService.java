package io.mysimbdp.streammanager.config;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.mysimbdp.common.kubernetes.ProfileSources;
import io.mysimbdp.common.kubernetes.Leadership;
import io.mysimbdp.common.kubernetes.LeaseLeadership;
import io.mysimbdp.common.kubernetes.PodEnvironment;
import io.mysimbdp.common.profile.ProfileChange;
import io.mysimbdp.common.profile.ProfileSource;
import io.mysimbdp.common.runtime.LocalProcessRuntime;
import io.mysimbdp.common.kubernetes.TenantStoreSecrets;
import io.mysimbdp.common.store.TenantStoreAccess;
import io.mysimbdp.streammanager.instances.HostCpu;
import io.mysimbdp.streammanager.contract.StreamAppContract;
import io.mysimbdp.streammanager.instances.InstanceLauncher;
import io.mysimbdp.streammanager.instances.InstanceStore;
import io.mysimbdp.streammanager.instances.InstanceSupervisor;
import io.mysimbdp.streammanager.instances.ScaleOutGuard;
import io.mysimbdp.streammanager.instances.TopicWorkloads;
import io.mysimbdp.streammanager.k8s.DeploymentSettings;
import io.mysimbdp.common.kubernetes.ReleaseOwner;
import io.mysimbdp.common.kubernetes.TenantPodOptions;
import io.mysimbdp.streammanager.k8s.KubernetesStreamWorkloads;
import io.mysimbdp.common.kafka.KafkaCredentials;
import io.mysimbdp.streammanager.credentials.CredentialFiles;
import io.mysimbdp.streammanager.credentials.CredentialSecrets;
import io.mysimbdp.streammanager.credentials.TenantCredentialStore;
import io.mysimbdp.streammanager.kafka.KafkaTopicOperator;
import org.eclipse.microprofile.config.ConfigProvider;
import io.mysimbdp.streammanager.kafka.TopicOperator;
import io.mysimbdp.streammanager.metrics.StreamMetrics;
import io.mysimbdp.streammanager.reconcile.StreamIngestManager;
import io.mysimbdp.streammanager.usage.MongoInstanceRuns;
import io.mysimbdp.common.logging.TenantLogFiles;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Wires the manager from configuration and runs it for the life of the service. */
@ApplicationScoped
public class StreamService {
    private final StreamConfig config;
    private final MeterRegistry registry;
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile StreamIngestManager manager;
    private volatile TopicOperator operator;
    /**
     * Resolved only for the kubernetes runtime, leader election or the kubernetes profile source, so
     * the local mode never reaches for a cluster.
     */
    private final Instance<KubernetesClient> kubernetes;
    private LeaseLeadership election;
    private volatile MongoInstanceRuns runs;
    /** Per-tenant store users (local runtime); null on Kubernetes. */
    private volatile TenantStoreAccess storeAccess;
    private volatile io.mysimbdp.streammanager.credentials.CredentialRotation rotation;
    private volatile TenantLogFiles tenantLogs;
    private volatile HostCpu hostCpu;

    public StreamService(StreamConfig config, MeterRegistry registry, Instance<KubernetesClient> kubernetes) {
        this.config = config;
        this.registry = registry;
        this.kubernetes = kubernetes;
    }

    TopicWorkloads workloads(StreamSettings settings, StreamMetrics metrics, InstanceLauncher launcher) {
        return switch (config.stream().runtime()) {
            case "local" -> new InstanceSupervisor(new LocalProcessRuntime(settings.home()), launcher,
                    new InstanceStore(settings.streams()), metrics, settings, runs, Clock.systemUTC(), localScaleOutGuard());
            case "kubernetes" -> kubernetesWorkloads(settings, launcher);
            default -> throw new IllegalArgumentException("mysimbdp.stream.runtime: unknown runtime '" + config.stream().runtime()
                    + "' (this build has: local, kubernetes)");
        };
    }

    /** Null when the manager does not manage Kafka principals. */
    private TenantCredentialStore credentialStore(StreamSettings settings) {
        if (!config.stream().kafkaAccess()) {
            return null;
        }
        return "kubernetes".equals(config.stream().runtime()) ? new CredentialSecrets(kubernetes.get(), namespace())
                : new CredentialFiles(settings.var().resolve("credentials"));
    }

    /**
     * Local instances get the tenant's credentials in their environment (read from its owner-only file each
     * time, so a rotation changes their spec and they are replaced); on Kubernetes the Deployment references the
     * Secret instead and keeps only a digest of them in its pod template (StreamDeploymentManifest), which rolls
     * the pods on a rotation. No credentials (the tenant is being offboarded): the app cannot connect.
     */
    private StreamAppContract.CredentialsEnv credentialsEnv(TenantCredentialStore credentials) {
        if (credentials == null) {
            return StreamAppContract.CredentialsEnv.NONE;
        }
        return tenant -> credentials.read(tenant).map(KafkaCredentials::env).orElse(java.util.Map.of());
    }

    private TopicWorkloads kubernetesWorkloads(StreamSettings settings, InstanceLauncher launcher) {
        StreamConfig.Kubernetes k = config.kubernetes();
        TenantPodOptions podOptions = TenantPodOptions.parse(k.tenantScheduling(), k.tenantImageTag(),
                TenantPodOptions.SCHEDULING_SETTING);
        String namespace = namespace();
        return new KubernetesStreamWorkloads(kubernetes.get(),
                new DeploymentSettings(namespace, k.tenantRunAsUser(), k.tenantRunAsGroup(), k.tenantFsGroup(), podOptions,
                        config.stream().kafkaAccess()),
                launcher.contract(), settings.decisionsKept(), new ReleaseOwner(kubernetes.get(), namespace, k.ownerConfigMap().orElse(null)));
    }

    /** Holds local scale-outs while the host's CPUs are busy (ScaleOutGuard); 1 turns the rule off. */
    private java.util.function.Supplier<java.util.Optional<String>> localScaleOutGuard() {
        double max = ScaleOutGuard.validMaxBusyShare(config.stream().localScaleOutMaxHostCpu());
        if (max >= 1) {
            return java.util.Optional::empty;
        }
        HostCpu cpu = HostCpu.start(config.stream().hostCpuInterval());
        hostCpu = cpu;
        return () -> ScaleOutGuard.held(cpu.busyShare(), max, cpu.interval().toSeconds());
    }

    private String namespace() {
        return PodEnvironment.namespace(config.kubernetes().namespace(), kubernetes.get());
    }

    /** Leader election over a Lease when enabled; the manager's loop is woken on every change of leader. */
    Leadership leadership() {
        if (!config.leaderElection().enabled()) {
            return Leadership.ALWAYS;
        }
        election = new LeaseLeadership(kubernetes.get(), config.leaderElection().settings("stream-ingest-manager", namespace()),
                new LeaseLeadership.Listener() {
                    @Override
                    public void onStartedLeading() {
                        wakeManager();
                    }

                    @Override
                    public void onStoppedLeading() {
                        wakeManager();
                    }
                });
        return election;
    }

    private void wakeManager() {
        StreamIngestManager m = manager;
        if (m != null) {
            m.wakeUp();
        }
    }

    void onStart(@Observes StartupEvent event) {
        StreamSettings settings = StreamSettings.from(config);
        if (config.stream().tenantLogFiles()) {
            tenantLogs = TenantLogFiles.install(settings.logs(), "stream-ingest-manager");
        }
        StreamMetrics metrics = new StreamMetrics(registry);
        TenantCredentialStore credentials = credentialStore(settings);
        operator = new KafkaTopicOperator(settings.kafkaBootstrapServers(),
                KafkaCredentials.securitySettings(k -> ConfigProvider.getConfig().getOptionalValue(k, String.class)),
                settings.replicationFactor(), settings.adminTimeout(), settings.quotas(),
                credentials == null ? null : new KafkaTopicOperator.Access(credentials, config.stream().monitorPrincipal()));
        runs = new MongoInstanceRuns(settings.mongodbUri(), config.stream().usageHeartbeat());
        // per-tenant store users on both runtimes: their URIs in files (local) or the tenants' Secrets (Kubernetes)
        storeAccess = "kubernetes".equals(config.stream().runtime())
                ? new TenantStoreAccess(settings.mongodbUri(), new TenantStoreSecrets(kubernetes.get(), namespace()), "stream-ingest-manager")
                : new TenantStoreAccess(settings.mongodbUri(), settings.var(), "stream-ingest-manager");
        if (storeAccess != null) {
            storeAccess.detectInBackground();
        }
        TopicWorkloads workloads = workloads(settings, metrics, new InstanceLauncher(settings.logs(),
                storeAccess == null ? tenant -> settings.mongodbUri() : storeAccess::uriFor, settings.kafkaBootstrapServers(),
                credentialsEnv(credentials)));
        Leadership leadership = leadership();
        ProfileSource.Factory profiles = ProfileSources.factory(config.profiles(), settings.tenantsDir(),
                settings.profileRescanInterval(), kubernetes::get, "stream-ingest-manager");
        StreamIngestManager m = new StreamIngestManager(settings, storeAccess == null ? profiles
                : listener -> profiles.open(changes -> {
                    changes.stream().filter(c -> c.kind() == ProfileChange.Kind.OFFBOARDED)
                            .forEach(c -> storeAccess.offboard(c.tenant()));
                    listener.accept(changes);
                }), workloads, operator, metrics, Clock.systemUTC(), leadership);
        try {
            m.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the stream-ingest-manager under " + settings.var(), e);
        }
        manager = m;
        rotation = new io.mysimbdp.streammanager.credentials.CredentialRotation(operator, credentials, storeAccess, m::wakeUp);
        started.countDown();
        if (election != null) {
            election.start();
        }
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        if (manager != null) {
            manager.close();
        }
        if (election != null) {
            election.close(); // after the loop stopped: released, so the other replica takes over at once
        }
        if (operator != null) {
            operator.close();
        }
        if (storeAccess != null) {
            storeAccess.close();
        }
        if (runs != null) {
            runs.close();   // after the manager: the instances' ends are written first
        }
        if (tenantLogs != null) {
            tenantLogs.close();
        }
        if (hostCpu != null) {
            hostCpu.close();
        }
    }

    /** Null until started. */
    public StreamIngestManager manager() {
        return manager;
    }

    /** Waits (bounded) for the manager: alerts can arrive before the start-up observer ran. */
    public StreamIngestManager awaitManager(Duration timeout) throws InterruptedException {
        started.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return manager;
    }

    /** Null until the manager has started. */
    public io.mysimbdp.streammanager.credentials.CredentialRotation rotation() {
        return rotation;
    }

    public TopicOperator operator() {
        return operator;
    }

    /** Pings the store the instances write to: null when it answered, the error otherwise (also before start). */
    public String pingStore() {
        MongoInstanceRuns r = runs;
        return r == null ? "not started" : r.ping();
    }
}
