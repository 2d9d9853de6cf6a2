package io.mysimbdp.batch.schedule;

import io.mysimbdp.batch.ledger.IngestionLedger;
import io.mysimbdp.batch.ledger.LedgerEntry;
import io.mysimbdp.batch.metrics.BatchMetrics;
import io.mysimbdp.batch.model.AppResult;
import io.mysimbdp.batch.model.JobOutcome;
import io.mysimbdp.batch.staging.AppOutputReader;
import io.mysimbdp.batch.staging.FileMover;
import io.mysimbdp.batch.staging.StagingLayout;
import io.mysimbdp.batch.trace.IngestionTracing;
import io.mysimbdp.common.contract.ResultFile;
import io.mysimbdp.common.json.Json;
import io.mysimbdp.common.quality.FileQualityEntry;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies one finished attempt to the filesystem, the ledger and the metrics: done files are
 * removed (or archived), files to retry stay in the job, failed files move to {@code failed/}
 * with their reason. The app's output (result.json, rejects) is kept under {@code results/}.
 */
final class AttemptSettlement {
    private static final Logger LOG = Logger.getLogger(AttemptSettlement.class);
    static final String RESULT_FILE = ResultFile.FILE_NAME;

    private final StagingLayout layout;
    private final JobStore store;
    private final IngestionLedger ledger;
    private final BatchMetrics metrics;
    private final IngestionTracing tracing;
    private final String runtime;
    private final Clock clock;
    private final AppOutputReader output;

    AttemptSettlement(StagingLayout layout, JobStore store, IngestionLedger ledger, BatchMetrics metrics, IngestionTracing tracing,
                      String runtime, Clock clock, AppOutputReader output) {
        this.layout = layout;
        this.store = store;
        this.ledger = ledger;
        this.metrics = metrics;
        this.tracing = tracing;
        this.runtime = runtime;
        this.clock = clock;
        this.output = output;
    }

    List<JobOutcome.FileOutcome> settle(IngestionJob job, JobLauncher.Finished f, int maxAttempts, boolean archive) {
        Instant now = clock.instant();
        Path out = layout.jobOutput(job.tenant, job.id);
        AppResult.Parsed parsed = output.readResult(out.resolve(RESULT_FILE));
        Map<String, JobOutcome.FileOutcome> outcomes = JobOutcome.decide(List.copyOf(job.files.keySet()), f.exit(),
                parsed.result().orElse(null), parsed.problem(), job.countedAttempts(), maxAttempts);
        Duration ran = job.startedAt == null ? Duration.ZERO : Duration.between(job.startedAt, now);
        metrics.job(job.tenant, job.app, f.exit().timedOut() ? "timed_out" : f.exit().succeeded() ? "succeeded" : "failed", ran);
        keepOutput(job, out);
        List<JobOutcome.FileOutcome> applied = new ArrayList<>();
        for (JobOutcome.FileOutcome o : outcomes.values()) {
            JobRecord.JobFile file = job.files.get(o.file());
            Path input = layout.jobInput(job.tenant, job.id).resolve(o.file());
            try {
                switch (o.status()) {
                    case DONE -> {
                        if (archive) {
                            FileMover.moveInto(input, layout.archive(job.tenant).resolve(job.id), o.file());
                        } else {
                            Files.deleteIfExists(input);
                        }
                        job.files.remove(o.file());
                        metrics.file(job.tenant, "done");
                        metrics.rows(job.tenant, o.figures().successfulRows(), o.figures().failedRows(), o.figures().duplicateRows());
                        metrics.bytes(job.tenant, file.size());
                        metrics.fileIngestion(job.tenant, Duration.between(file.detectedAt(), now));
                    }
                    case FAILED -> {
                        Map<String, Object> reason = new LinkedHashMap<>();
                        reason.put("tenant", job.tenant);
                        reason.put("ingestion_id", job.id);
                        reason.put("app", job.app);
                        reason.put("attempts", job.attempt);
                        reason.put("reason", o.reason());
                        reason.put("app_log", layout.appLog(job.tenant, job.id, job.attempt).toString());
                        reason.put("failed_at", now.toString());
                        FileMover.moveWithReason(input, layout.failed(job.tenant), o.file(), reason);
                        job.files.remove(o.file());
                        metrics.file(job.tenant, "failed");
                    }
                    case RETRY -> metrics.file(job.tenant, "retried");
                }
            } catch (IOException e) {
                // the file stays in the job directory; the job is tried again
                LOG.errorf("could not settle %s of job %s: %s", o.file(), job.id, e.toString());
                continue;
            }
            applied.add(o);
            AppResult.FileResult fr = o.figures();
            LedgerEntry entry = LedgerEntry.settled(job.id, job.attempt, job.tenant, job.app, o.file(), file.size(),
                    file.detectedAt(), job.startedAt, now, LedgerEntry.Status.valueOf(o.status().name()), o.reason(), runtime, fr);
            ledger.record(entry, qualityRow(job, o, now), tracing.ledgerWrite(job.id, job.traceparent, o.file(), o.status().name()));
            if (o.status() == JobOutcome.Status.DONE) {
                LOG.infof("ingested %s for tenant %s: %d rows ok, %d failed, %d already present (job %s, attempt %d)",
                        o.file(), job.tenant, fr.successfulRows(), fr.failedRows(), fr.duplicateRows(), job.id, job.attempt);
            } else {
                LOG.warnf("%s %s for tenant %s (job %s, attempt %d): %s", o.status() == JobOutcome.Status.FAILED ? "failed" : "will retry",
                        o.file(), job.tenant, job.id, job.attempt, o.reason());
            }
        }
        job.workload = null;
        try {
            store.clearRunning(job);
            if (job.files.isEmpty()) {
                store.delete(job.tenant, job.id);
            }
        } catch (IOException e) {
            LOG.errorf("could not clean job directory of %s: %s", job.id, e.toString());
        }
        return applied;
    }

    /**
     * The file's row of {@code mysimbdp_platform.quality} from its result.json entry: the platform writes
     * it, not the app. Null when the app reported no quality figures or the file was not ingested (a retry
     * will report them). Pure.
     */
    static org.bson.Document qualityRow(IngestionJob job, JobOutcome.FileOutcome o, Instant now) {
        AppResult.FileResult fr = o.figures();
        if (fr == null || fr.quality() == null || o.status() == JobOutcome.Status.RETRY) {
            return null;
        }
        return fr.quality().document(new FileQualityEntry.FileAttempt(job.tenant, job.id, job.attempt, o.file(), fr.sha256(),
                fr.collection(), job.startedAt == null ? now : job.startedAt, now));
    }

    /** Copies the app's output aside (bounded, links not followed), so rejects and results outlive the job directory. */
    private void keepOutput(IngestionJob job, Path out) {
        Path target = layout.var().resolve("results").resolve(job.tenant).resolve(job.id + "-" + job.attempt);
        try {
            output.keep(out, target);
        } catch (IOException e) {
            LOG.warnf("could not keep the output of %s: %s", job.id, e.toString());
        }
    }
}
