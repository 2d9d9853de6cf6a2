package io.mysimbdp.batch.schedule;

import io.mysimbdp.batch.model.JobView;
import io.mysimbdp.batch.model.SchedulingPolicy;
import io.mysimbdp.common.profile.CronSchedule;
import io.mysimbdp.common.profile.TenantProfile;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The manager's jobs in hand, by id, in the order they were opened, and what the loop asks of them:
 * an open job to add a file to, the queued ones, how many run where, a tenant's pending files.
 * Owned by the manager's loop thread.
 */
final class JobBook {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final int ID_RANDOM_BITS = 24;

    private final Map<String, IngestionJob> jobs = new LinkedHashMap<>();

    /** The book itself, for {@link JobRecovery} to fill on start. */
    Map<String, IngestionJob> byId() {
        return jobs;
    }

    IngestionJob get(String id) {
        return jobs.get(id);
    }

    void add(IngestionJob job) {
        jobs.put(job.id, job);
    }

    void remove(String id) {
        jobs.remove(id);
    }

    Collection<IngestionJob> all() {
        return jobs.values();
    }

    /** An open job of the tenant's app with room for this file, and without a file of this name. */
    Optional<IngestionJob> openFor(String tenant, String app, String fileName, long fileBytes, int maxFilesPerJob, long maxBytesPerJob) {
        return jobs.values().stream().filter(j -> j.state == IngestionJob.State.OPEN && j.tenant.equals(tenant)
                && j.app.equals(app) && !j.files.containsKey(fileName)
                && hasRoom(j.files.size(), bytesOf(j), fileBytes, maxFilesPerJob, maxBytesPerJob)).findFirst();
    }

    /**
     * Whether a job holding {@code files} files of {@code bytes} bytes takes one more of {@code fileBytes}: under
     * both caps, so that a drop of many large files becomes several jobs, each a bounded amount of work for the
     * app's timeout, instead of one job that no timeout fits. A file larger than the byte cap still gets a job
     * of its own (an empty job takes any file).
     */
    static boolean hasRoom(int files, long bytes, long fileBytes, int maxFilesPerJob, long maxBytesPerJob) {
        if (files == 0) {
            return true;
        }
        return files < maxFilesPerJob && bytes + fileBytes <= maxBytesPerJob;
    }

    static long bytesOf(IngestionJob job) {
        return job.files.values().stream().mapToLong(JobRecord.JobFile::size).sum();
    }

    /** The queued jobs, as the scheduling policy sees them. */
    List<JobView> queued() {
        return jobs.values().stream().filter(j -> j.state == IngestionJob.State.QUEUED).map(IngestionJob::view).toList();
    }

    /** Running jobs: in all, per tenant and per tenant's app ({@code tenant/app}). */
    SchedulingPolicy.Running running() {
        Map<String, Integer> byTenant = new HashMap<>();
        Map<String, Integer> byApp = new HashMap<>();
        int total = 0;
        for (IngestionJob j : jobs.values()) {
            if (j.state == IngestionJob.State.RUNNING) {
                total++;
                byTenant.merge(j.tenant, 1, Integer::sum);
                byApp.merge(j.tenant + "/" + j.app, 1, Integer::sum);
            }
        }
        return new SchedulingPolicy.Running(total, byTenant, byApp);
    }

    /** Files of the tenant admitted and not settled yet. */
    int pendingFiles(String tenant) {
        return jobs.values().stream().filter(j -> j.tenant.equals(tenant)).mapToInt(j -> j.files.size()).sum();
    }

    /** The tenant's jobs that are not running (open or queued). */
    int notRunning(String tenant) {
        return (int) jobs.values().stream().filter(j -> j.tenant.equals(tenant) && j.state != IngestionJob.State.RUNNING).count();
    }

    List<BatchStatus.JobStatus> statuses() {
        return jobs.values().stream().map(j -> new BatchStatus.JobStatus(j.id, j.tenant, j.app, j.state.name(), j.attempt,
                List.copyOf(j.files.keySet()), j.createdAt, j.readyAt, j.notBefore, j.startedAt)).toList();
    }

    /**
     * Open jobs whose batching window has closed (or that are full) are queued: by the tenant's cron
     * schedule, or a window after the last file, at most {@code maxBatchingDelay} after the first.
     */
    void closeBatchingWindows(Map<String, TenantProfile> active, Instant now, int maxFilesPerJob, Duration maxBatchingDelay) {
        for (IngestionJob job : jobs.values()) {
            if (job.state != IngestionJob.State.OPEN) {
                continue;
            }
            TenantProfile profile = active.get(job.tenant);
            if (profile == null) {
                continue;
            }
            var schedule = profile.batch().schedule();
            job.readyAt = TenantProfile.Schedule.CRON.equals(schedule.mode())
                    ? CronSchedule.nextAfter(schedule.cron(), job.createdAt).orElse(now)
                    : min(job.lastFileAt.plus(schedule.batchingWindow()), job.createdAt.plus(maxBatchingDelay));
            if (!job.readyAt.isAfter(now) || job.files.size() >= maxFilesPerJob) {
                job.state = IngestionJob.State.QUEUED;
            }
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** Sortable, DNS-friendly and unique: {@code yyyyMMddHHmmss-xxxxxx}. */
    static String newJobId(Instant now) {
        return ID_TIME.format(now) + "-" + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << ID_RANDOM_BITS));
    }
}
