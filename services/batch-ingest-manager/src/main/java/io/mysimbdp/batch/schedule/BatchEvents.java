package io.mysimbdp.batch.schedule;

import io.mysimbdp.batch.ledger.IngestionLedger;
import io.mysimbdp.batch.ledger.LedgerEntry;
import io.mysimbdp.batch.metrics.BatchMetrics;
import io.mysimbdp.batch.model.HourlyQuota;
import io.mysimbdp.batch.model.JobOutcome;
import io.mysimbdp.batch.model.Verdict;
import io.mysimbdp.batch.staging.StagedCandidate;
import io.mysimbdp.batch.staging.StagingLayout;
import io.mysimbdp.batch.trace.IngestionTracing;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Predicate;

/**
 * What happens to a file and a job, said once: each event goes to every place that records it
 * (ledger, metrics, traces, the hourly quota, the status's recent outcomes and the log), so the
 * manager's steps name the event instead of writing to each. Loop thread only.
 */
final class BatchEvents {
    private static final Logger LOG = Logger.getLogger(BatchEvents.class);
    static final int RECENT_OUTCOMES = 50;

    private final IngestionLedger ledger;
    private final BatchMetrics metrics;
    private final IngestionTracing tracing;
    private final HourlyQuota quota;
    private final String runtime;
    /** Whether a staging folder names a tenant with a profile (else its metrics go under one label). */
    private final Predicate<String> knownTenant;
    private final Clock clock;
    private final ArrayDeque<BatchStatus.Outcome> recent = new ArrayDeque<>();

    BatchEvents(IngestionLedger ledger, BatchMetrics metrics, IngestionTracing tracing, HourlyQuota quota, String runtime,
                Predicate<String> knownTenant, Clock clock) {
        this.ledger = ledger;
        this.metrics = metrics;
        this.tracing = tracing;
        this.quota = quota;
        this.runtime = runtime;
        this.knownTenant = knownTenant;
        this.clock = clock;
    }

    /** The file was refused and moved to {@code target} (under {@code invalid/<folder>}). */
    void fileRefused(StagedCandidate c, String folder, Verdict.Refused r, Path target, Instant seen, Instant now) {
        LOG.warnf("refused %s for tenant %s: %s -> %s", c.name(), c.tenant(), r.message(), target);
        // a folder that names no tenant is counted under one label, so metric labels stay bounded
        metrics.invalid(knownTenant.test(folder) ? folder : StagingLayout.UNKNOWN_TENANT, r.rule());
        ledger.record(LedgerEntry.refused(folder, c.name(), c.size(), r.rule(), r.message(), now, runtime),
                tracing.fileRefused(folder, c.name(), c.size(), r.rule(), seen, now));
        remember(new BatchStatus.Outcome(now, folder, c.name(), "INVALID", r.message(), null));
    }

    /** The file moved into the job's input. */
    void fileAdmitted(IngestionJob job, StagedCandidate c, Instant seen, Instant now) {
        tracing.fileAdmitted(job.id, job.traceparent, c.name(), c.size(), seen, now, clock.instant());
        quota.admitted(c.tenant(), now, c.size());
        metrics.file(c.tenant(), "admitted");
        LOG.infof("admitted %s (%d bytes) for tenant %s into job %s (app %s)", c.name(), c.size(), c.tenant(), job.id, job.app);
    }

    /** The job's attempt started: a RUNNING row per file. */
    void attemptStarted(IngestionJob job) {
        for (JobRecord.JobFile f : job.files.values()) {
            ledger.record(LedgerEntry.running(job.id, job.attempt, job.tenant, job.app, f.name(), f.size(), f.detectedAt(),
                    job.startedAt, runtime), tracing.ledgerWrite(job.id, job.traceparent, f.name(), "RUNNING"));
        }
    }

    /** Files of the job's attempt were settled (their ledger rows, metrics and moves are {@link AttemptSettlement}'s). */
    void filesSettled(IngestionJob job, List<JobOutcome.FileOutcome> settled) {
        settled.forEach(o -> remember(new BatchStatus.Outcome(clock.instant(), job.tenant, o.file(), o.status().name(),
                o.reason(), job.id)));
    }

    /** The job has no files left. */
    void jobClosed(IngestionJob job, List<JobOutcome.FileOutcome> lastSettled) {
        tracing.jobClosed(job.id, lastSettled.stream().anyMatch(o -> o.status() == JobOutcome.Status.FAILED) ? "failed" : "done");
    }

    /** The latest outcomes, newest first, for the status. */
    List<BatchStatus.Outcome> recent() {
        return List.copyOf(recent);
    }

    private void remember(BatchStatus.Outcome o) {
        recent.addFirst(o);
        while (recent.size() > RECENT_OUTCOMES) {
            recent.pollLast();
        }
    }
}
