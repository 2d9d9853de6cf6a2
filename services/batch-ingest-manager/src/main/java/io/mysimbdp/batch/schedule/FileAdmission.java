package io.mysimbdp.batch.schedule;

import io.mysimbdp.batch.config.BatchConfig;
import io.mysimbdp.batch.model.AdmissionPolicy;
import io.mysimbdp.batch.model.ContentSniffer;
import io.mysimbdp.batch.model.FileFacts;
import io.mysimbdp.batch.model.HourlyQuota;
import io.mysimbdp.batch.model.SettleTracker;
import io.mysimbdp.batch.model.TenantUsage;
import io.mysimbdp.batch.model.Verdict;
import io.mysimbdp.batch.staging.FileMover;
import io.mysimbdp.batch.staging.StagedCandidate;
import io.mysimbdp.batch.staging.StagingLayout;
import io.mysimbdp.batch.staging.StagingScanner;
import io.mysimbdp.batch.trace.IngestionTracing;
import io.mysimbdp.common.logging.TenantLogFiles;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.common.profile.ProfileResult;
import io.mysimbdp.common.profile.ProfileSource;
import io.mysimbdp.common.profile.TenantProfile;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The admission step of the manager's loop: staged files that have settled are judged by
 * {@link AdmissionPolicy} and either moved into an open job's input or refused into {@code invalid/}.
 * Loop thread only.
 */
final class FileAdmission {
    private static final Logger LOG = Logger.getLogger(FileAdmission.class);

    private final BatchConfig.Batch config;
    private final StagingLayout layout;
    private final ProfileSource profiles;
    private final StagingScanner scanner;
    private final SettleTracker settle;
    private final JobStore store;
    private final JobBook jobs;
    private final HourlyQuota quota;
    private final BatchEvents events;
    private final IngestionTracing tracing;
    /** Files per tenant found in staging on the last scan (for the status). */
    private final Map<String, Integer> waitingInStaging = new HashMap<>();

    FileAdmission(BatchConfig.Batch config, StagingLayout layout, ProfileSource profiles, JobStore store, JobBook jobs,
                  HourlyQuota quota, BatchEvents events, IngestionTracing tracing) {
        this.config = config;
        this.layout = layout;
        this.profiles = profiles;
        this.scanner = new StagingScanner(layout);
        this.settle = new SettleTracker(config.quietPeriod());
        this.store = store;
        this.jobs = jobs;
        this.quota = quota;
        this.events = events;
        this.tracing = tracing;
    }

    Map<String, Integer> waitingInStaging() {
        return waitingInStaging;
    }

    /**
     * Takes the files that stopped changing: each is admitted into a job or refused, with its reason,
     * into {@code invalid/}. A file that cannot be moved now stays in staging for the next scan.
     */
    void takeSettledFiles(Map<String, TenantProfile> active, Instant now) {
        List<StagedCandidate> candidates = scanner.scan(active.keySet());
        settle.retainOnly(candidates.stream().map(StagedCandidate::path).collect(Collectors.toSet()));
        waitingInStaging.clear();
        for (StagedCandidate c : candidates) {
            waitingInStaging.merge(c.tenant(), 1, Integer::sum);
            if (!settle.observe(c.path(), c.size(), c.mtimeMillis(), now, settle.quietPeriodOf(active.get(c.tenant())))) {
                continue;
            }
            try (var t = TenantLogFiles.forTenant(c.tenant())) {
                admitOrRefuse(c, active, now);
            } catch (IOException | RuntimeException e) {
                LOG.errorf("could not take %s: %s (left in staging, retried on the next scan)", c.path(), e.toString());
            }
        }
    }

    private void admitOrRefuse(StagedCandidate c, Map<String, TenantProfile> active, Instant now) throws IOException {
        TenantProfile profile = active.get(c.tenant());
        if (profile == null) {
            if (profiles.current().byTenant().get(c.tenant()) instanceof ProfileResult.Invalid) {
                return; // the tenant's profile is broken: its files wait until it is fixed
            }
            String folder = TenantNames.isValidTenantId(c.tenant()) ? c.tenant() : StagingLayout.UNKNOWN_TENANT;
            refuse(c, folder, new Verdict.Refused("known-tenant", "a tenant with a profile", c.tenant(),
                    "no tenant profile for '" + c.tenant() + "' (add config/tenants/" + c.tenant() + ".yaml)"), now);
            return;
        }
        FileFacts facts = c.symlink() ? new FileFacts(c.name(), c.size(), true, FileFacts.Sniff.BINARY)
                : FileFacts.of(c.name(), c.size(), FileMover.head(c.path(), ContentSniffer.SNIFF_BYTES), c.size() <= ContentSniffer.SNIFF_BYTES);
        Verdict verdict = AdmissionPolicy.decide(profile, facts, usage(c.tenant(), now));
        if (verdict instanceof Verdict.Refused r) {
            refuse(c, c.tenant(), r, now);
        } else {
            admit(c, profile, ((Verdict.Admitted) verdict).app(), now);
        }
    }

    private void refuse(StagedCandidate c, String folder, Verdict.Refused r, Instant now) throws IOException {
        Map<String, Object> reason = new LinkedHashMap<>();
        reason.put("tenant", c.tenant());
        reason.put("rule", r.rule());
        reason.put("limit", r.limit());
        reason.put("actual", r.actual());
        reason.put("reason", r.message());
        reason.put("size", c.size());
        reason.put("detected_at", now.toString());
        Instant seen = settle.firstSeen(c.path()).orElse(now);
        Path target = FileMover.moveWithReason(c.path(), layout.invalid(folder), c.name(), reason);
        settle.forget(c.path());
        events.fileRefused(c, folder, r, target, seen, now);
    }

    private void admit(StagedCandidate c, TenantProfile profile, String app, Instant now) throws IOException {
        Instant seen = settle.firstSeen(c.path()).orElse(now);
        IngestionJob job = openJobFor(profile, app, c.name(), c.size(), seen, now);
        job.files.put(c.name(), new JobRecord.JobFile(c.name(), c.size(), now, now));
        try {
            store.save(job); // the record names the file before the file moves in
            Files.move(c.path(), layout.jobInput(job.tenant, job.id).resolve(c.name()), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            forgetUnmoved(job, c.name());
            throw e;
        }
        settle.forget(c.path());
        job.lastFileAt = now;
        events.fileAdmitted(job, c, seen, now);
    }

    /** The file stayed in staging (e.g. a read-only folder): the job must not keep naming it, or it would run without it. */
    private void forgetUnmoved(IngestionJob job, String file) {
        job.files.remove(file);
        try {
            if (job.files.isEmpty()) {
                jobs.remove(job.id);
                store.delete(job.tenant, job.id);
            } else {
                store.save(job);
            }
        } catch (IOException e) {
            LOG.errorf("could not update job %s after %s stayed in staging: %s", job.id, file, e.toString());
        }
    }

    private IngestionJob openJobFor(TenantProfile profile, String app, String fileName, long fileBytes, Instant seen, Instant now)
            throws IOException {
        var open = jobs.openFor(profile.tenant(), app, fileName, fileBytes, config.maxFilesPerJob(), config.maxBytesPerJob());
        if (open.isPresent()) {
            return open.get();
        }
        String id = JobBook.newJobId(now);
        IngestionJob job = new IngestionJob(id, profile.tenant(), app, now, tracing.jobOpened(id, profile.tenant(), app, seen));
        try {
            store.create(job);
        } catch (IOException | RuntimeException e) {
            // e.g. a full volume: leave no half-made job directory behind for every scan that tries again
            try {
                store.delete(job.tenant, job.id);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        jobs.add(job);
        return job;
    }

    TenantUsage usage(String tenant, Instant now) {
        return new TenantUsage(jobs.pendingFiles(tenant), quota.bytesInWindow(tenant, now));
    }
}
