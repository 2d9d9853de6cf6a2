package io.mysimbdp.batch.k8s;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.api.model.batch.v1.JobList;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.ScalableResource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.mysimbdp.common.contract.AppEnv;
import io.mysimbdp.common.kubernetes.ReleaseOwner;
import io.mysimbdp.common.kubernetes.TenantServiceAccounts;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.common.runtime.RunningWorkload;
import io.mysimbdp.common.runtime.WorkloadExit;
import io.mysimbdp.common.runtime.WorkloadRuntime;
import io.mysimbdp.common.runtime.WorkloadSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Runs tenant batch apps as Kubernetes Jobs built by {@link BatchJobManifest}. One informer on the
 * platform's Jobs in the namespace follows them all: a Job that succeeded ends its workload with
 * exit code 0, one that failed with a non-zero code and the condition's reason (DeadlineExceeded:
 * timed out). The handle is the Job's name, so a restarted manager adopts its Jobs by name.
 */
public final class KubernetesJobRuntime implements WorkloadRuntime, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KubernetesJobRuntime.class.getName());
    static final long RESYNC_MILLIS = 30_000;
    static final long DELETE_WAIT_SECONDS = 60;

    private final KubernetesClient client;
    private final JobSettings settings;
    /** Each tenant's pods run under its own ServiceAccount, created before its first Job. */
    private final TenantServiceAccounts accounts;
    /** Followed Jobs by name. */
    private final ConcurrentMap<String, Followed> followed = new ConcurrentHashMap<>();
    private volatile SharedIndexInformer<Job> informer;
    /** Problems already warned about, so a misconfiguration is logged once, not per Job. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    private record Followed(String uid, CompletableFuture<WorkloadExit> exit) {
    }

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
    }

    @Override
    public String name() {
        return "kubernetes";
    }

    /** The tenants' store connection strings in their credentials Secrets, which the Jobs reference. */
    @Override
    public io.mysimbdp.common.store.TenantStoreCredentials storeCredentials(java.nio.file.Path var) {
        return new io.mysimbdp.common.kubernetes.TenantStoreSecrets(client, settings.namespace());
    }

    @Override
    public boolean workloadsOutliveThePlatform() {
        return true;
    }

    private io.fabric8.kubernetes.client.dsl.Resource<Job> job(String name) {
        return client.batch().v1().jobs().inNamespace(settings.namespace()).withName(name);
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
        String attempt = wanted.getMetadata().getLabels().get(BatchJobManifest.ATTEMPT_LABEL);
        checkOutputWritable(spec.env().get(AppEnv.OUTPUT_DIR));
        ensureInformer();
        try {
            Job existing = job(name).get();
            if (existing != null) {
                String existingAttempt = existing.getMetadata().getLabels() == null ? null
                        : existing.getMetadata().getLabels().get(BatchJobManifest.ATTEMPT_LABEL);
                if (Objects.equals(existingAttempt, attempt)) {
                    LOG.info(() -> "Job " + name + " already exists for this attempt: following it");
                    return follow(spec.id(), existing);
                }
                // an earlier attempt of the same ingestion: it is over, make room for this one
                LOG.info(() -> "deleting Job " + name + " of attempt " + existingAttempt + " before attempt " + attempt);
                job(name).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
                job(name).waitUntilCondition(Objects::isNull, DELETE_WAIT_SECONDS, TimeUnit.SECONDS);
            }
            accounts.ensure(spec.tenant());
            Job created;
            try {
                created = client.batch().v1().jobs().inNamespace(settings.namespace()).resource(owner.own(wanted)).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                created = job(name).get(); // created meanwhile (a retried request): follow it
                if (created == null) {
                    throw e;
                }
            }
            return follow(spec.id(), created);
        } catch (KubernetesClientException e) {
            throw new IOException("cannot create Job " + name + " in namespace " + settings.namespace() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, String> sweep(Map<String, Integer> knownAttempts) {
        List<JobSweep.FoundJob> found;
        try {
            found = platformJobs().list().getItems().stream().map(j -> new JobSweep.FoundJob(j.getMetadata().getName(),
                    j.getMetadata().getLabels() == null ? null : j.getMetadata().getLabels().get(BatchJobManifest.ATTEMPT_LABEL))).toList();
        } catch (KubernetesClientException e) {
            LOG.warning(() -> "cannot list the platform's Jobs in " + settings.namespace() + " to adopt or clean them up: " + e.getMessage());
            return Map.of();
        }
        JobSweep sweep = JobSweep.decide(found, knownAttempts);
        sweep.delete().forEach((name, why) -> {
            LOG.info(() -> "deleting orphan Job " + name + ": " + why);
            try {
                job(name).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
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
            ensureInformer();
            Job existing = job(handle).get();
            return existing == null ? Optional.empty() : Optional.of(follow(workloadId, existing));
        } catch (KubernetesClientException e) {
            LOG.warning(() -> "cannot look up Job " + handle + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private RunningWorkload follow(String id, Job job) {
        String name = job.getMetadata().getName();
        String uid = job.getMetadata().getUid();
        CompletableFuture<WorkloadExit> exit = new CompletableFuture<>();
        Followed f = new Followed(uid, exit);
        Followed previous = followed.put(name, f);
        if (previous != null && previous != f) {
            previous.exit().complete(new WorkloadExit(-1, false, "Job " + name + " was replaced"));
        }
        exit.whenComplete((e, t) -> followed.remove(name, f));
        check(job); // it may have finished before the informer saw it
        Job latest = job(name).get();
        if (latest == null) {
            exit.complete(new WorkloadExit(-1, false, "Job " + name + " disappeared"));
        } else {
            check(latest);
        }
        return new RunningWorkload() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public CompletableFuture<WorkloadExit> exit() {
                return exit;
            }

            @Override
            public void kill() {
                try {
                    job(name).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
                } catch (KubernetesClientException e) {
                    LOG.warning(() -> "cannot delete Job " + name + ": " + e.getMessage());
                }
                exit.complete(new WorkloadExit(-1, false, "Job " + name + " deleted by the platform"));
            }

            @Override
            public String handle() {
                return name;
            }
        };
    }

    /** How a Job ended, or empty while it runs. */
    static Optional<WorkloadExit> exitOf(Job job) {
        var status = job.getStatus();
        if (status == null) {
            return Optional.empty();
        }
        if (status.getSucceeded() != null && status.getSucceeded() >= 1) {
            return Optional.of(new WorkloadExit(0, false, "Job succeeded"));
        }
        if (status.getConditions() != null) {
            for (JobCondition c : status.getConditions()) {
                if ("Failed".equals(c.getType()) && "True".equals(c.getStatus())) {
                    boolean deadline = "DeadlineExceeded".equals(c.getReason());
                    String why = "Job failed: " + (c.getReason() == null ? "unknown reason" : c.getReason())
                            + (c.getMessage() == null ? "" : " (" + c.getMessage() + ")");
                    return Optional.of(new WorkloadExit(1, deadline, why));
                }
                if ("Complete".equals(c.getType()) && "True".equals(c.getStatus())) {
                    return Optional.of(new WorkloadExit(0, false, "Job complete"));
                }
            }
        }
        if (status.getFailed() != null && status.getFailed() >= 1) {
            // backoffLimit 0: one failed pod fails the Job, even before the condition is written
            return Optional.of(new WorkloadExit(1, false, "Job failed: its pod failed"));
        }
        return Optional.empty();
    }

    private void check(Job job) {
        if (job == null || job.getMetadata() == null) {
            return;
        }
        Followed f = followed.get(job.getMetadata().getName());
        if (f == null || (f.uid() != null && job.getMetadata().getUid() != null && !f.uid().equals(job.getMetadata().getUid()))) {
            return;
        }
        exitOf(job).ifPresent(f.exit()::complete);
    }

    private void gone(Job job) {
        Followed f = followed.get(job.getMetadata().getName());
        if (f != null && (f.uid() == null || f.uid().equals(job.getMetadata().getUid()))) {
            f.exit().complete(exitOf(job).orElse(new WorkloadExit(-1, false, "Job " + job.getMetadata().getName() + " was deleted")));
        }
    }

    private synchronized void ensureInformer() {
        if (informer != null) {
            return;
        }
        informer = platformJobs().inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Job job) {
                        check(job);
                    }

                    @Override
                    public void onUpdate(Job oldJob, Job job) {
                        check(job);
                    }

                    @Override
                    public void onDelete(Job job, boolean deletedFinalStateUnknown) {
                        gone(job);
                    }
                }, RESYNC_MILLIS);
    }

    @Override
    public synchronized void close() {
        if (informer != null) {
            informer.close();
            informer = null;
        }
    }
}
