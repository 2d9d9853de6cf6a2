package io.mysimbdp.batch.k8s;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.mysimbdp.common.runtime.RunningWorkload;
import io.mysimbdp.common.runtime.WorkloadExit;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Follows the platform's batch Jobs to their end with one informer: a Job that succeeded ends its
 * workload with exit code 0, one that failed with a non-zero code and the condition's reason
 * (DeadlineExceeded: timed out); a Job deleted or replaced ends it too. The handle is the Job's name.
 */
final class JobFollower implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(JobFollower.class.getName());
    static final long RESYNC_MILLIS = 30_000;

    private final Function<String, Resource<Job>> job;
    private final Supplier<SharedIndexInformer<Job>> inform;
    /** Followed Jobs by name. */
    private final ConcurrentMap<String, Followed> followed = new ConcurrentHashMap<>();
    private volatile SharedIndexInformer<Job> informer;

    private record Followed(String uid, CompletableFuture<WorkloadExit> exit) {
    }

    /**
     * @param job    the Job under a name
     * @param jobs   starts an informer on the platform's Jobs with the given handler
     */
    JobFollower(Function<String, Resource<Job>> job, Function<ResourceEventHandler<Job>, SharedIndexInformer<Job>> jobs) {
        this.job = job;
        this.inform = () -> jobs.apply(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Job added) {
                check(added);
            }

            @Override
            public void onUpdate(Job oldJob, Job updated) {
                check(updated);
            }

            @Override
            public void onDelete(Job deleted, boolean deletedFinalStateUnknown) {
                gone(deleted);
            }
        });
    }

    /** Starts the informer once, before the first Job is created or adopted. */
    synchronized void start() {
        if (informer == null) {
            informer = inform.get();
        }
    }

    /** The workload of {@code job}, ending when the Job ends (also when it had ended already). */
    RunningWorkload follow(String id, Job followedJob) {
        String name = followedJob.getMetadata().getName();
        String uid = followedJob.getMetadata().getUid();
        CompletableFuture<WorkloadExit> exit = new CompletableFuture<>();
        Followed f = new Followed(uid, exit);
        Followed previous = followed.put(name, f);
        if (previous != null && previous != f) {
            previous.exit().complete(new WorkloadExit(-1, false, "Job " + name + " was replaced"));
        }
        exit.whenComplete((e, t) -> followed.remove(name, f));
        check(followedJob); // it may have finished before the informer saw it
        Job latest = job.apply(name).get();
        if (latest == null) {
            exit.complete(new WorkloadExit(-1, false, "Job " + name + " disappeared"));
        } else {
            check(latest);
        }
        return RunningWorkload.of(id, exit, name, () -> {
            try {
                job.apply(name).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            } catch (KubernetesClientException e) {
                LOG.warning(() -> "cannot delete Job " + name + ": " + e.getMessage());
            }
            exit.complete(new WorkloadExit(-1, false, "Job " + name + " deleted by the platform"));
        });
    }

    /** How a Job ended, or empty while it runs. Pure. */
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

    private void check(Job seen) {
        if (seen == null || seen.getMetadata() == null) {
            return;
        }
        Followed f = followed.get(seen.getMetadata().getName());
        if (f == null || (f.uid() != null && seen.getMetadata().getUid() != null && !f.uid().equals(seen.getMetadata().getUid()))) {
            return;
        }
        exitOf(seen).ifPresent(f.exit()::complete);
    }

    private void gone(Job deleted) {
        Followed f = followed.get(deleted.getMetadata().getName());
        if (f != null && (f.uid() == null || f.uid().equals(deleted.getMetadata().getUid()))) {
            f.exit().complete(exitOf(deleted).orElse(new WorkloadExit(-1, false, "Job " + deleted.getMetadata().getName() + " was deleted")));
        }
    }

    @Override
    public synchronized void close() {
        if (informer != null) {
            informer.close();
            informer = null;
        }
    }
}
