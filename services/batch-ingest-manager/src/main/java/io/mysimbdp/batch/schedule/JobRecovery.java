package io.mysimbdp.batch.schedule;

import io.mysimbdp.batch.staging.StagingLayout;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.common.profile.ProfileSnapshot;
import io.mysimbdp.common.runtime.WorkloadExit;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * On start-up, takes back what a previous run left in {@code jobs/}: an app still running is
 * adopted and followed; an attempt that ended while the manager was down is settled from its
 * result.json; a job that never ran is queued again. The files' place on disk is the truth.
 */
final class JobRecovery {
    private static final Logger LOG = Logger.getLogger(JobRecovery.class);

    private final StagingLayout layout;
    private final JobStore store;
    private final JobLauncher launcher;
    private final Clock clock;

    JobRecovery(StagingLayout layout, JobStore store, JobLauncher launcher, Clock clock) {
        this.layout = layout;
        this.store = store;
        this.launcher = launcher;
        this.clock = clock;
    }

    void recover(ProfileSnapshot profiles, Map<String, IngestionJob> jobs, BiConsumer<IngestionJob, JobLauncher.Finished> settle)
            throws IOException {
        for (Path dir : store.jobDirectories()) {
            var record = store.record(dir);
            Path in = dir.resolve("in");
            if (record.isEmpty()) {
                if (isEmpty(in)) {
                    JobStore.deleteTree(dir); // created, but no file ever moved in
                } else {
                    LOG.errorf("job directory %s has files but no readable job.json; left for an operator", dir);
                }
                continue;
            }
            JobRecord r = record.get();
            IngestionJob job = new IngestionJob(r.id(), r.tenant(), r.app(), r.createdAt(), r.traceparent());
            job.attempt = r.attempt();
            job.storeWaits = r.storeWaits() == null ? 0 : r.storeWaits();
            job.timeoutSplits = r.timeoutSplits() == null ? 0 : r.timeoutSplits();
            r.files().values().stream().sorted(java.util.Comparator.comparing(JobRecord.JobFile::name))
                    .filter(f -> Files.exists(in.resolve(f.name())))
                    .forEach(f -> job.files.put(f.name(), f));
            if (job.files.isEmpty()) {
                JobStore.deleteTree(dir);
                continue;
            }
            jobs.put(job.id, job);
            var running = store.running(dir);
            if (running.isPresent()) {
                job.attempt = running.get().attempt();
                job.state = IngestionJob.State.RUNNING;
                var adopted = launcher.runtimeName().equals(running.get().runtime())
                        ? launcherAdopt(job, running.get()) : false;
                if (!adopted) {
                    LOG.infof("job %s of tenant %s: attempt %d ended while the manager was down; settling it from its result",
                            job.id, job.tenant, job.attempt);
                    job.startedAt = running.get().startedAt();
                    settle.accept(job, new JobLauncher.Finished(job.id, job.attempt,
                            new WorkloadExit(-1, false, "ended while the manager was down"), clock.instant()));
                }
            } else {
                job.state = IngestionJob.State.QUEUED;
                job.readyAt = clock.instant();
                LOG.infof("job %s of tenant %s: %d file(s) queued again after a restart", job.id, job.tenant, job.files.size());
            }
        }
        adoptOrSweep(jobs);
    }

    /**
     * Asks the runtime for the workloads of the attempts still known (deleting the orphans) and
     * adopts those a crash left unrecorded: started, but no running.json written yet.
     */
    private void adoptOrSweep(Map<String, IngestionJob> jobs) throws IOException {
        Map<String, Integer> known = new HashMap<>();
        Map<String, IngestionJob> byWorkload = new HashMap<>();
        for (IngestionJob job : jobs.values()) {
            String workload = TenantNames.batchJobName(job.tenant, job.id);
            known.put(workload, job.attempt);
            byWorkload.put(workload, job);
        }
        for (var adoptable : launcher.sweep(known).entrySet()) {
            IngestionJob job = byWorkload.get(adoptable.getKey());
            if (job != null && job.state != IngestionJob.State.RUNNING && launcherAdopt(job,
                    new JobRecord.RunningAttempt(job.attempt, launcher.runtimeName(), adoptable.getValue(), null))) {
                job.state = IngestionJob.State.RUNNING;
            }
        }
    }

    private boolean launcherAdopt(IngestionJob job, JobRecord.RunningAttempt running) throws IOException {
        var workload = launcher.adopt(job.id, running.handle());
        if (workload.isEmpty()) {
            return false;
        }
        LOG.infof("job %s of tenant %s: adopted the running app (%s) of attempt %d", job.id, job.tenant, running.handle(), job.attempt);
        launcher.follow(job, workload.get(), running.startedAt() == null ? Instant.now() : running.startedAt());
        return true;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return true;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
