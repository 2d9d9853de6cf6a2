package io.mysimbdp.batch.schedule;

import java.time.Instant;
import java.util.Map;

/**
 * A job as written to {@code jobs/<tenant>/<id>/job.json} before any file moves into it, so a
 * restarted manager knows what each job directory is.
 *
 * @param storeWaits attempts that ended because only the store failed (not counted); absent (null) in older files
 * @param timeoutSplits timed-out attempts after which the job was split (not counted); absent (null) in older files
 */
public record JobRecord(String id, String tenant, String app, Instant createdAt, String traceparent, int attempt,
                        Map<String, JobFile> files, Integer storeWaits, Integer timeoutSplits) {
    /** A file of the job as admitted: original staging name, size, and when it was detected. */
    public record JobFile(String name, long size, Instant detectedAt, Instant admittedAt) {
    }

    /** Written beside job.json while an attempt runs: how to find the app again after a restart. */
    public record RunningAttempt(int attempt, String runtime, String handle, Instant startedAt) {
    }
}
