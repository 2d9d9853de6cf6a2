package io.mysimbdp.batch.schedule;

import io.mysimbdp.batch.model.JobView;
import io.mysimbdp.common.runtime.RunningWorkload;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One ingestion job: files of one tenant for one of its apps, run together. Owned and mutated
 * only by the manager's loop thread; {@link JobRecord} is its persisted form.
 */
final class IngestionJob {
    enum State { OPEN, QUEUED, RUNNING }

    final String id;
    final String tenant;
    final String app;
    final Instant createdAt;
    final String traceparent;
    /** File name → its facts when admitted. */
    final Map<String, JobRecord.JobFile> files = new LinkedHashMap<>();
    State state = State.OPEN;
    Instant lastFileAt;
    Instant readyAt;
    Instant notBefore;
    int attempt = 1;
    /** Attempts that ended because only the store failed ({@code BatchAppExit.STORE_UNAVAILABLE}): not counted. */
    int storeWaits;
    /** Timed-out attempts of this job's files while they were grouped with others ({@code JobOutcome.splitsOnTimeout}): not counted. */
    int timeoutSplits;
    Instant startedAt;
    RunningWorkload workload;

    IngestionJob(String id, String tenant, String app, Instant createdAt, String traceparent) {
        this.id = id;
        this.tenant = tenant;
        this.app = app;
        this.createdAt = createdAt;
        this.lastFileAt = createdAt;
        this.readyAt = createdAt;
        this.traceparent = traceparent;
    }

    /** The attempts that count against maxAttempts, this one included. */
    int countedAttempts() {
        return attempt - storeWaits - timeoutSplits;
    }

    JobView view() {
        return new JobView(id, tenant, app, createdAt, readyAt, notBefore);
    }

    JobRecord record() {
        return new JobRecord(id, tenant, app, createdAt, traceparent, attempt, Map.copyOf(files), storeWaits, timeoutSplits);
    }
}
