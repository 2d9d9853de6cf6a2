package io.mysimbdp.batch.schedule;

import io.mysimbdp.batch.model.JobOutcome;
import io.mysimbdp.batch.staging.StagingLayout;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;

/**
 * Splits a queued job in two ({@link JobOutcome#splitsOnTimeout}): the second half of its files moves
 * into a new job with the same attempt count, trace and retry time. Crash-safe in the same way as
 * admission: the new job's record names the files before they move, and a restarted manager keeps, in
 * each job, only the files its {@code in/} directory holds ({@link JobRecovery}). Loop thread only.
 */
final class JobSplit {
    private static final Logger LOG = Logger.getLogger(JobSplit.class);

    private final StagingLayout layout;
    private final JobStore store;
    private final JobBook jobs;

    JobSplit(StagingLayout layout, JobStore store, JobBook jobs) {
        this.layout = layout;
        this.store = store;
        this.jobs = jobs;
    }

    /** Moves the second half of {@code job}'s files into a new queued job; a file that cannot move stays where it is. */
    void split(IngestionJob job, Instant now) {
        List<String> names = List.copyOf(job.files.keySet());
        List<String> moving = names.subList(JobOutcome.splitPoint(names.size()), names.size());
        if (moving.isEmpty()) {
            return;
        }
        IngestionJob other = new IngestionJob(JobBook.newJobId(now), job.tenant, job.app, now, job.traceparent);
        other.attempt = job.attempt;
        other.storeWaits = job.storeWaits;
        other.timeoutSplits = job.timeoutSplits;
        other.state = IngestionJob.State.QUEUED;
        other.readyAt = job.readyAt;
        other.notBefore = job.notBefore;
        moving.forEach(name -> other.files.put(name, job.files.get(name)));
        try {
            store.create(other);
        } catch (IOException e) {
            LOG.errorf("could not split job %s of tenant %s (its %d files are retried together): %s", job.id, job.tenant,
                    names.size(), e.toString());
            deleteQuietly(other);
            return;
        }
        for (String name : moving) {
            try {
                Files.move(layout.jobInput(job.tenant, job.id).resolve(name), layout.jobInput(other.tenant, other.id).resolve(name),
                        StandardCopyOption.ATOMIC_MOVE);
                job.files.remove(name);
            } catch (IOException e) {
                LOG.errorf("could not move %s from job %s to job %s (it stays in %s): %s", name, job.id, other.id, job.id, e.toString());
                other.files.remove(name);
            }
        }
        if (other.files.isEmpty()) {
            deleteQuietly(other);
            return;
        }
        try {
            store.save(other);
            store.save(job);
        } catch (IOException e) {
            LOG.errorf("could not save the split of job %s into %s (a restart recovers both from their folders): %s", job.id, other.id,
                    e.toString());
        }
        jobs.add(other);
        LOG.infof("job %s of tenant %s ran past its app's timeout with %d files: split into %s (%d files) and %s (%d files), "
                + "both retried at attempt %d", job.id, job.tenant, names.size(), job.id, job.files.size(), other.id,
                other.files.size(), job.attempt);
    }

    private void deleteQuietly(IngestionJob job) {
        try {
            store.delete(job.tenant, job.id);
        } catch (IOException e) {
            LOG.warnf("could not remove the empty job directory of %s: %s", job.id, e.toString());
        }
    }
}
