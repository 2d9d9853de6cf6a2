package io.mysimbdp.batch.schedule;

import io.mysimbdp.batch.config.BatchConfig;
import io.mysimbdp.batch.ledger.IngestionLedger;
import io.mysimbdp.batch.metrics.BatchMetrics;
import io.mysimbdp.batch.model.AdmissionPolicy;
import io.mysimbdp.batch.model.Backoff;
import io.mysimbdp.batch.model.JobOutcome;
import io.mysimbdp.batch.staging.AppOutputReader;
import io.mysimbdp.batch.staging.StagingLayout;
import io.mysimbdp.batch.trace.IngestionTracing;
import io.mysimbdp.common.profile.ProfileSource;
import io.mysimbdp.common.profile.TenantProfile;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;

/**
 * A finished attempt, job by job: its files are settled ({@link AttemptSettlement}), then the job either
 * closes (no files left) or is queued again for its next attempt after a backoff. Loop thread only.
 */
final class JobSettlement {
    private static final Logger LOG = Logger.getLogger(JobSettlement.class);

    private final BatchConfig.Batch config;
    private final StagingLayout layout;
    private final ProfileSource profiles;
    private final JobStore store;
    private final JobBook jobs;
    private final IngestionLedger ledger;
    private final BatchMetrics metrics;
    private final IngestionTracing tracing;
    private final BatchEvents events;
    private final String runtime;
    private final Clock clock;
    private final AppOutputReader output;

    JobSettlement(BatchConfig.Batch config, StagingLayout layout, ProfileSource profiles, JobStore store, JobBook jobs,
                  IngestionLedger ledger, BatchMetrics metrics, IngestionTracing tracing, BatchEvents events, String runtime,
                  Clock clock, AppOutputReader output) {
        this.config = config;
        this.layout = layout;
        this.profiles = profiles;
        this.store = store;
        this.jobs = jobs;
        this.ledger = ledger;
        this.metrics = metrics;
        this.tracing = tracing;
        this.events = events;
        this.runtime = runtime;
        this.clock = clock;
        this.output = output;
    }

    /** Applies the outcome of one attempt to each of its files. */
    void settle(IngestionJob job, JobLauncher.Finished f) {
        TenantProfile profile = profiles.current().active(job.tenant).orElse(null);
        int maxAttempts = profile == null ? job.attempt
                : AdmissionPolicy.selectAppByName(profile, job.app).map(TenantProfile.BatchApp::maxAttempts).orElse(job.attempt);
        boolean archive = profile != null && profile.batch().archiveInputs();
        tracing.attemptEnded(job.id, job.traceparent, f.attempt(), f.exit().succeeded(), f.exit().exitCode(), f.exit().message(), f.at());
        int filesInAttempt = job.files.size();
        var settled = new AttemptSettlement(layout, store, ledger, metrics, tracing, runtime, clock, output)
                .settle(job, f, maxAttempts, archive);
        events.filesSettled(job, settled);
        if (job.files.isEmpty()) {
            jobs.remove(job.id);
            events.jobClosed(job, settled);
        } else {
            boolean split = JobOutcome.splitsOnTimeout(f.exit(), filesInAttempt);
            if (JobOutcome.storeUnavailable(f.exit())) {
                job.storeWaits++;   // the store's trouble: not counted; dispatch waits for the store
            } else if (split) {
                job.timeoutSplits++;   // the platform grouped too much for the app's timeout: not counted
            }
            job.attempt++;
            job.state = IngestionJob.State.QUEUED;
            job.notBefore = clock.instant().plus(Backoff.before(job.attempt, config.retryBackoff(), config.maxRetryBackoff()));
            saveQuietly(job);
            if (split) {
                new JobSplit(layout, store, jobs).split(job, clock.instant());
            }
            LOG.infof("job %s of tenant %s: %d file(s) will be retried (attempt %d) after %s", job.id, job.tenant,
                    job.files.size(), job.attempt, job.notBefore);
        }
    }

    private void saveQuietly(IngestionJob job) {
        try {
            store.save(job);
        } catch (IOException e) {
            LOG.errorf("could not save job %s: %s", job.id, e.toString());
        }
    }
}
