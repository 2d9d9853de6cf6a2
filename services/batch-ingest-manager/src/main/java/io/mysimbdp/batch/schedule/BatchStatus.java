package io.mysimbdp.batch.schedule;

import java.time.Instant;
import java.util.List;

/**
 * What the status endpoint shows: tenants, jobs and the latest outcomes, as of one loop step, and
 * {@code storeIsolation}: which isolation the store gives tenant apps (null until known, or on Kubernetes).
 */
public record BatchStatus(Instant at, String policy, String runtime, List<TenantStatus> tenants, List<JobStatus> jobs,
                          List<Outcome> recent, String storeIsolation) {
    public static final BatchStatus EMPTY = new BatchStatus(Instant.EPOCH, "", "", List.of(), List.of(), List.of(), null);

    public record TenantStatus(String tenant, String state, String source, List<String> errors, int pendingFiles,
                               int runningJobs, long bytesLastHour, int waitingInStaging) {
    }

    public record JobStatus(String id, String tenant, String app, String state, int attempt, List<String> files,
                            Instant createdAt, Instant readyAt, Instant notBefore, Instant startedAt) {
    }

    public record Outcome(Instant at, String tenant, String file, String status, String reason, String ingestionId) {
    }
}
