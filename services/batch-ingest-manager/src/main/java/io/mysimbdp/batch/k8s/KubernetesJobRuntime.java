package io.mysimbdp.batch.k8s;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.ScalableResource;
import io.mysimbdp.common.contract.AppEnv;
import io.mysimbdp.common.kubernetes.ObjectChange;
import io.mysimbdp.common.kubernetes.ObjectWriter;
import io.mysimbdp.common.kubernetes.ReleaseOwner;
import io.mysimbdp.common.kubernetes.TenantServiceAccounts;
import io.mysimbdp.common.kubernetes.TenantStoreSecrets;
import io.mysimbdp.common.store.TenantStoreCredentials;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.common.runtime.RunningWorkload;
import io.mysimbdp.common.runtime.WorkloadRuntime;
import io.mysimbdp.common.runtime.WorkloadSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Runs tenant batch apps as Kubernetes Jobs built by {@link BatchJobManifest}, written through the one
 * {@link ObjectWriter} with {@link JobRules} and followed to their end by {@link JobFollower}. The handle
 * is the Job's name, so a restarted manager adopts its Jobs by name.
 */
public final class KubernetesJobRuntime implements WorkloadRuntime, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KubernetesJobRuntime.class.getName());
    static final Duration DELETE_WAIT = Duration.ofSeconds(60);

    private final KubernetesClient client;
    private final JobSettings settings;
    /** Each tenant's pods run under its own ServiceAccount, created before its first Job. */
    private final TenantServiceAccounts accounts;
    private final ObjectWriter<Job> jobs;
    private final JobFollower follower;
    /** Problems already warned about, so a misconfiguration is logged once, not per Job. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /** The release's object the Jobs are owned by, so uninstalling the release removes them. */
    private final ReleaseOwner owner;

    public KubernetesJobRuntime(KubernetesClient client, JobSettings settings) {
        this(client, settings, ReleaseOwner.none());
    }

    public KubernetesJobRuntime(KubernetesClient client, JobSettings settings, ReleaseOwner owner) {
        this.client = client;
        this.settings = settings;
        this.owner = owner;
        this.accounts = new TenantServiceAccounts(client, settings.namespace(), owner);
        this.jobs = new ObjectWriter<>(client, Job.class, settings.namespace(), DELETE_WAIT);
        this.follower = new JobFollower(jobs::resource, handler -> platformJobs().inform(handler, JobFollower.RESYNC_MILLIS));
    }

    @Override
    public String name() {
        return "kubernetes";
    }

    /** The tenants' store connection strings in their credentials Secrets, which the Jobs reference. */
    @Override
    public TenantStoreCredentials storeCredentials(Path var) {
        return new TenantStoreSecrets(client, settings.namespace());
    }

    @Override
    public boolean workloadsOutliveThePlatform() {
        return true;
    }

    @Override
    public RunningWorkload start(WorkloadSpec spec) throws IOException {
        Job wanted;
        try {
            wanted = BatchJobManifest.build(spec, settings);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        String name = wanted.getMetadata().getName();
        String attempt = JobRules.attemptOf(wanted);
        checkOutputWritable(spec.env().get(AppEnv.OUTPUT_DIR));
        follower.start();
        try {
            ObjectWriter.Applied<Job> applied = jobs.apply(name, owner.own(wanted), JobRules.INSTANCE, () -> accounts.ensure(spec.tenant()));
            if (applied.change() == ObjectChange.NOTHING) {
                LOG.info(() -> "Job " + name + " already exists for this attempt: following it");
            } else if (applied.change() == ObjectChange.REPLACE) {
                // an earlier attempt of the same ingestion was over: it made room for this one
                LOG.info(() -> "replaced Job " + name + " of attempt " + JobRules.attemptOf(applied.before()) + " by attempt " + attempt);
            }
            return follower.follow(spec.id(), applied.after());
        } catch (KubernetesClientException e) {
            throw new IOException("cannot create Job " + name + " in namespace " + settings.namespace() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, String> sweep(Map<String, Integer> knownAttempts) {
        List<JobSweep.FoundJob> found;
        try {
            found = platformJobs().list().getItems().stream()
                    .map(j -> new JobSweep.FoundJob(j.getMetadata().getName(), JobRules.attemptOf(j))).toList();
        } catch (KubernetesClientException e) {
            LOG.warning(() -> "cannot list the platform's Jobs in " + settings.namespace() + " to adopt or clean them up: " + e.getMessage());
            return Map.of();
        }
        JobSweep sweep = JobSweep.decide(found, knownAttempts);
        sweep.delete().forEach((name, why) -> {
            LOG.info(() -> "deleting orphan Job " + name + ": " + why);
            try {
                jobs.resource(name).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            } catch (KubernetesClientException e) {
                LOG.warning(() -> "cannot delete orphan Job " + name + ": " + e.getMessage());
            }
        });
        sweep.adopt().values().forEach(name -> LOG.info(() -> "Job " + name + " belongs to a known attempt: adopting it"));
        return sweep.adopt();
    }

    /** The platform's batch Jobs in the namespace (the tenant apps' Jobs, by label). */
    private FilterWatchListDeletable<Job, JobList, ScalableResource<Job>> platformJobs() {
        return client.batch().v1().jobs().inNamespace(settings.namespace())
                .withLabel(TenantNames.PART_OF_LABEL, TenantNames.PART_OF_VALUE)
                .withLabel(BatchJobManifest.COMPONENT_LABEL, BatchJobManifest.COMPONENT_VALUE);
    }

    /** Warns (once per distinct problem) when tenant pods could not write the job's output directory. */
    private void checkOutputWritable(String outputDir) {
        if (outputDir == null) {
            return;
        }
        try {
            Path out = Path.of(outputDir);
            long uid = ((Number) Files.getAttribute(out, "unix:uid")).longValue();
            long gid = ((Number) Files.getAttribute(out, "unix:gid")).longValue();
            settings.tenantIdentity().writeProblem(uid, gid, Files.getPosixFilePermissions(out))
                    .filter(warned::add).ifPresent(LOG::warning);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            LOG.fine(() -> "cannot read the owner of " + outputDir + ": " + e);
        }
    }

    @Override
    public Optional<RunningWorkload> adopt(String workloadId, String handle) {
        try {
            follower.start();
            Job existing = jobs.resource(handle).get();
            return existing == null ? Optional.empty() : Optional.of(follower.follow(workloadId, existing));
        } catch (KubernetesClientException e) {
            LOG.warning(() -> "cannot look up Job " + handle + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        follower.close();
    }
}
