package io.mysimbdp.batch.schedule;

import io.mysimbdp.batch.config.BatchConfig;
import io.mysimbdp.batch.ledger.IngestionLedger;
import io.mysimbdp.batch.ledger.LedgerEntry;
import io.mysimbdp.batch.metrics.BatchMetrics;
import io.mysimbdp.batch.model.AdmissionPolicy;
import io.mysimbdp.batch.model.ContentSniffer;
import io.mysimbdp.batch.model.FileFacts;
import io.mysimbdp.batch.model.SchedulingPolicy;
import io.mysimbdp.batch.model.SettleTracker;
import io.mysimbdp.batch.model.TenantUsage;
import io.mysimbdp.batch.model.Verdict;
import io.mysimbdp.batch.staging.AppOutputReader;
import io.mysimbdp.batch.staging.FileMover;
import io.mysimbdp.batch.staging.StagedCandidate;
import io.mysimbdp.batch.staging.StagingLayout;
import io.mysimbdp.batch.staging.StagingScanner;
import io.mysimbdp.batch.trace.IngestionTracing;
import io.mysimbdp.common.logging.TenantLogFiles;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.common.profile.CronSchedule;
import io.mysimbdp.common.profile.ProfileChange;
import io.mysimbdp.common.profile.ProfileResult;
import io.mysimbdp.common.profile.ProfileSource;
import io.mysimbdp.common.profile.TenantProfile;
import io.mysimbdp.common.runtime.WorkloadRuntime;
import io.mysimbdp.common.store.TenantStoreAccess;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The batch path's scheduler and gatekeeper. One loop thread owns all state and runs a chain of
 * steps — collect finished attempts, take settled files, close batching windows, dispatch — each
 * calling the pure decisions in {@code model}. The manager never parses tenant data.
 */
public final class BatchIngestManager implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BatchIngestManager.class);
    private static final int RECENT_OUTCOMES = 50;
    static final Duration QUOTA_WINDOW = Duration.ofHours(1);

    private final BatchConfig.Batch config;
    private final StagingLayout layout;
    private final ProfileSource profiles;
    private final StagingScanner scanner;
    private final SettleTracker settle;
    private final JobStore store;
    private final JobLauncher launcher;
    /** Per-tenant store users on the local runtime (null on Kubernetes: docs/guarantees.md). */
    private final TenantStoreAccess storeAccess;
    private final IngestionLedger ledger;
    private final BatchMetrics metrics;
    private final SchedulingPolicy policy;
    private final IngestionTracing tracing;
    private final Clock clock;

    private final Map<String, IngestionJob> jobs = new LinkedHashMap<>();
    private final Map<String, ArrayDeque<long[]>> admittedBytes = new HashMap<>();
    private final ArrayDeque<BatchStatus.Outcome> recent = new ArrayDeque<>();
    private final Map<String, Integer> waitingInStaging = new HashMap<>();
    private final ConcurrentLinkedQueue<JobLauncher.Finished> finished = new ConcurrentLinkedQueue<>();
    private final Semaphore wake = new Semaphore(0);
    private volatile BatchStatus status = BatchStatus.EMPTY;
    private volatile boolean running;
    /** False while the store does not answer: no attempt starts then (it would only fail for the store). */
    private volatile java.util.function.BooleanSupplier storeUp = () -> true;
    private boolean heldForStore;
    private Thread loop;
    private StagingWatcher watcher;
    private final AppOutputReader output;

    public BatchIngestManager(BatchConfig config, Path var, ProfileSource.Factory profileSource, WorkloadRuntime runtime,
                              IngestionLedger ledger, BatchMetrics metrics, IngestionTracing tracing, Clock clock) {
        this.config = config.batch();
        this.layout = new StagingLayout(var);
        this.profiles = profileSource.open(this::onProfileChanges);
        this.scanner = new StagingScanner(layout);
        this.settle = new SettleTracker(config.batch().quietPeriod());
        this.store = new JobStore(layout);
        Path keys = config.tenantKeysDir().map(Path::of).orElse(Path.of(config.home()).resolve("config/keys")).toAbsolutePath().normalize();
        // per-tenant store users on both runtimes: their URIs in files (local) or the tenants' Secrets (Kubernetes)
        this.storeAccess = new TenantStoreAccess(config.mongodbUri(), runtime.storeCredentials(var), "batch-ingest-manager");
        Function<String, String> storeUri = storeAccess == null ? tenant -> config.mongodbUri() : storeAccess::uriFor;
        this.launcher = new JobLauncher(layout, runtime, storeUri, tenant -> profiles.current().active(tenant)
                .filter(p -> p.encryption() != null).map(p -> keys.resolve(tenant)).orElse(null), finished::add, this::wakeUp);
        this.ledger = ledger;
        this.metrics = metrics;
        this.policy = SchedulingPolicy.parse(config.batch().policy());
        this.tracing = tracing;
        this.clock = clock;
        this.output = new AppOutputReader(config.batch().output().limits());
    }

    /** Where the dispatcher asks whether the store answers (before {@link #start()}). */
    public void storeGate(java.util.function.BooleanSupplier up) {
        this.storeUp = up;
    }

    public BatchStatus status() {
        return status;
    }

    public StagingLayout layout() {
        return layout;
    }

    public void start() throws IOException {
        for (Path dir : List.of(layout.staging(), layout.jobs(), layout.var().resolve("invalid"),
                layout.var().resolve("failed"), layout.var().resolve("logs"))) {
            Files.createDirectories(dir);
        }
        profiles.start();
        if (storeAccess != null) {
            storeAccess.detectInBackground();
        }
        new JobRecovery(layout, store, launcher, clock).recover(profiles.current(), jobs, this::settleAttempt);
        running = true;
        watcher = new StagingWatcher(layout.staging(), this::wakeUp);
        watcher.start();
        loop = new Thread(this::run, "batch-ingest-manager");
        loop.start();
        LOG.infof("batch-ingest-manager watching %s (policy %s, runtime %s, profiles from %s: %d tenants active, %d disabled)",
                layout.staging(), policy, launcher.runtimeName(), profiles.describe(), profiles.current().activeProfiles().size(),
                profiles.current().disabled().size());
    }

    public void wakeUp() {
        wake.release();
    }

    private void onProfileChanges(List<ProfileChange> changes) {
        for (ProfileChange c : changes) {
            try (var t = TenantLogFiles.forTenant(c.tenant())) {
                if (c.kind() == ProfileChange.Kind.ONBOARDED) {
                    createStagingFolder(c.tenant());
                }
                if (c.kind() == ProfileChange.Kind.OFFBOARDED && storeAccess != null) {
                    storeAccess.offboard(c.tenant());
                }
                if (c.kind() == ProfileChange.Kind.DISABLED) {
                    LOG.warnf("%s", c.describe());
                } else {
                    LOG.infof("%s", c.describe());
                }
            }
        }
        wakeUp();
    }

    /** A tenant's staging folder exists as soon as the tenant does, so `cp file staging/<tenant>/` just works. */
    private void createStagingFolder(String tenant) {
        try {
            Files.createDirectories(layout.staging(tenant));
        } catch (IOException e) {
            LOG.errorf("cannot create staging folder for tenant %s: %s", tenant, e.toString());
        }
    }

    private void run() {
        while (running) {
            try {
                wake.tryAcquire(config.rescanInterval().toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
                step();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("batch loop step failed; continuing", e);
            }
        }
    }

    /** One pass of the chain. Package-visible so tests can drive it deterministically. */
    void step() {
        Instant now = clock.instant();
        collectFinished();
        Map<String, TenantProfile> active = profiles.current().activeProfiles();
        takeSettledFiles(active, now);
        closeBatchingWindows(active, now);
        dispatch(active, now);
        publishStatus(active, now);
    }

    private void collectFinished() {
        JobLauncher.Finished f;
        while ((f = finished.poll()) != null) {
            IngestionJob job = jobs.get(f.jobId());
            if (job != null) {
                try (var t = TenantLogFiles.forTenant(job.tenant)) {
                    settleAttempt(job, f);
                }
            }
        }
    }

    /** Applies the outcome of one attempt to each of its files. */
    private void settleAttempt(IngestionJob job, JobLauncher.Finished f) {
        TenantProfile profile = profiles.current().active(job.tenant).orElse(null);
        int maxAttempts = profile == null ? job.attempt
                : AdmissionPolicy.selectAppByName(profile, job.app).map(TenantProfile.BatchApp::maxAttempts).orElse(job.attempt);
        boolean archive = profile != null && profile.batch().archiveInputs();
        tracing.attemptEnded(job.id, job.traceparent, f.attempt(), f.exit().succeeded(), f.exit().exitCode(), f.exit().message(), f.at());
        var settled = new AttemptSettlement(layout, store, ledger, metrics, tracing, launcher.runtimeName(), clock, output)
                .settle(job, f, maxAttempts, archive);
        settled.forEach(o -> remember(new BatchStatus.Outcome(clock.instant(), job.tenant, o.file(), o.status().name(),
                o.reason(), job.id)));
        if (job.files.isEmpty()) {
            jobs.remove(job.id);
            tracing.jobClosed(job.id, settled.stream().anyMatch(o -> o.status() == io.mysimbdp.batch.model.JobOutcome.Status.FAILED) ? "failed" : "done");
        } else {
            if (io.mysimbdp.batch.model.JobOutcome.storeUnavailable(f.exit())) {
                job.storeWaits++;   // the store's trouble: not counted; dispatch waits for the store
            }
            job.attempt++;
            job.state = IngestionJob.State.QUEUED;
            job.notBefore = clock.instant().plus(io.mysimbdp.batch.model.Backoff.before(job.attempt, config.retryBackoff(), config.maxRetryBackoff()));
            saveQuietly(job);
            LOG.infof("job %s of tenant %s: %d file(s) will be retried (attempt %d) after %s", job.id, job.tenant,
                    job.files.size(), job.attempt, job.notBefore);
        }
    }

    private void takeSettledFiles(Map<String, TenantProfile> active, Instant now) {
        List<StagedCandidate> candidates = scanner.scan(active.keySet());
        settle.retainOnly(candidates.stream().map(StagedCandidate::path).collect(java.util.stream.Collectors.toSet()));
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
        LOG.warnf("refused %s for tenant %s: %s -> %s", c.name(), c.tenant(), r.message(), target);
        // a folder that names no tenant is counted under one label, so metric labels stay bounded
        metrics.invalid(profiles.current().byTenant().containsKey(folder) ? folder : StagingLayout.UNKNOWN_TENANT, r.rule());
        ledger.record(new LedgerEntry("invalid/" + java.util.UUID.randomUUID(), folder, null, c.name(), c.size(), null,
                LedgerEntry.Status.INVALID, null, 0, now, null, now, null, null, null, null, r.rule(), r.message(),
                launcher.runtimeName()), tracing.fileRefused(folder, c.name(), c.size(), r.rule(), seen, now));
        remember(new BatchStatus.Outcome(now, folder, c.name(), "INVALID", r.message(), null));
    }

    private void admit(StagedCandidate c, TenantProfile profile, String app, Instant now) throws IOException {
        Instant seen = settle.firstSeen(c.path()).orElse(now);
        IngestionJob job = openJobFor(profile, app, c.name(), seen, now);
        job.files.put(c.name(), new JobRecord.JobFile(c.name(), c.size(), now, now));
        try {
            store.save(job); // the record names the file before the file moves in
            Files.move(c.path(), layout.jobInput(job.tenant, job.id).resolve(c.name()), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            forgetUnmoved(job, c.name());
            throw e;
        }
        settle.forget(c.path());
        tracing.fileAdmitted(job.id, job.traceparent, c.name(), c.size(), seen, now, clock.instant());
        job.lastFileAt = now;
        admittedBytes.computeIfAbsent(c.tenant(), t -> new ArrayDeque<>()).add(new long[]{now.toEpochMilli(), c.size()});
        metrics.file(c.tenant(), "admitted");
        LOG.infof("admitted %s (%d bytes) for tenant %s into job %s (app %s)", c.name(), c.size(), c.tenant(), job.id, app);
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

    private IngestionJob openJobFor(TenantProfile profile, String app, String fileName, Instant seen, Instant now) throws IOException {
        for (IngestionJob j : jobs.values()) {
            if (j.state == IngestionJob.State.OPEN && j.tenant.equals(profile.tenant()) && j.app.equals(app)
                    && j.files.size() < config.maxFilesPerJob() && !j.files.containsKey(fileName)) {
                return j;
            }
        }
        String id = newJobId(now);
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
        jobs.put(job.id, job);
        return job;
    }

    private void closeBatchingWindows(Map<String, TenantProfile> active, Instant now) {
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
                    : min(job.lastFileAt.plus(schedule.batchingWindow()), job.createdAt.plus(config.maxBatchingDelay()));
            if (!job.readyAt.isAfter(now) || job.files.size() >= config.maxFilesPerJob()) {
                job.state = IngestionJob.State.QUEUED;
            }
        }
    }

    private void dispatch(Map<String, TenantProfile> active, Instant now) {
        boolean hold = !storeUp.getAsBoolean();
        if (hold != heldForStore) {
            heldForStore = hold;
            LOG.infof(hold ? "the store does not answer: queued jobs wait for it (their attempts are not spent)"
                    : "the store answers: queued jobs start again");
        }
        if (hold) {
            return;
        }
        while (true) {
            List<io.mysimbdp.batch.model.JobView> waiting = jobs.values().stream()
                    .filter(j -> j.state == IngestionJob.State.QUEUED).map(IngestionJob::view).toList();
            var next = policy.pickNext(waiting, runningState(), active, config.maxConcurrentJobs(), now);
            if (next.isEmpty()) {
                return;
            }
            IngestionJob job = jobs.get(next.get().id());
            try (var t = TenantLogFiles.forTenant(job.tenant)) {
                start(job, active.get(job.tenant));
            }
        }
    }

    /** Starts the job's next attempt, or settles it at once when it cannot start. */
    private void start(IngestionJob job, TenantProfile profile) {
        var app = AdmissionPolicy.selectAppByName(profile, job.app);
        if (app.isEmpty()) {
            // the profile changed and dropped this app: the files cannot run anywhere
            settleAttempt(job, launcher.notStarted(job, "app '" + job.app + "' is no longer in the tenant's profile"));
            return;
        }
        try {
            Instant start = clock.instant();
            launcher.launch(job, app.get(), profile.quality(), start, tracing.attemptStarted(job.id, job.traceparent, job.attempt, policy.name(), start));
            job.state = IngestionJob.State.RUNNING;
            for (JobRecord.JobFile f : job.files.values()) {
                ledger.record(new LedgerEntry(LedgerEntry.attemptId(job.id, job.attempt, f.name()), job.tenant, job.id,
                        f.name(), f.size(), null, LedgerEntry.Status.RUNNING, job.app, job.attempt, f.detectedAt(),
                        job.startedAt, null, null, null, null, null, null, null, launcher.runtimeName()),
                        tracing.ledgerWrite(job.id, job.traceparent, f.name(), "RUNNING"));
            }
        } catch (IOException | RuntimeException e) {
            LOG.errorf("could not start app %s for job %s: %s", job.app, job.id, e.toString());
            settleAttempt(job, launcher.notStarted(job, "could not start the app: " + e.getMessage()));
        }
    }

    private SchedulingPolicy.Running runningState() {
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

    private TenantUsage usage(String tenant, Instant now) {
        int pending = jobs.values().stream().filter(j -> j.tenant.equals(tenant)).mapToInt(j -> j.files.size()).sum();
        return new TenantUsage(pending, bytesLastHour(tenant, now));
    }

    private long bytesLastHour(String tenant, Instant now) {
        ArrayDeque<long[]> window = admittedBytes.get(tenant);
        if (window == null) {
            return 0;
        }
        long cutoff = now.minus(QUOTA_WINDOW).toEpochMilli();
        while (!window.isEmpty() && window.peekFirst()[0] < cutoff) {
            window.pollFirst();
        }
        return window.stream().mapToLong(e -> e[1]).sum();
    }

    private void publishStatus(Map<String, TenantProfile> active, Instant now) {
        List<BatchStatus.TenantStatus> tenants = new ArrayList<>();
        var snapshot = profiles.current();
        snapshot.byTenant().forEach((tenant, result) -> {
            boolean ok = result instanceof ProfileResult.Valid;
            List<String> errors = ok ? List.of()
                    : ((ProfileResult.Invalid) result).errors().stream().map(Object::toString).toList();
            int pending = usage(tenant, now).pendingFiles();
            int runningJobs = runningState().tenant(tenant);
            int queued = (int) jobs.values().stream().filter(j -> j.tenant.equals(tenant) && j.state != IngestionJob.State.RUNNING).count();
            tenants.add(new BatchStatus.TenantStatus(tenant, ok ? "active" : "disabled", result.source(), errors, pending,
                    runningJobs, bytesLastHour(tenant, now), waitingInStaging.getOrDefault(tenant, 0)));
            metrics.gauge("files_pending", tenant, pending);
            metrics.gauge("jobs_running", tenant, runningJobs);
            metrics.gauge("jobs_queued", tenant, queued);
        });
        metrics.tenants("active", active.size());
        metrics.tenants("disabled", snapshot.disabled().size());
        List<BatchStatus.JobStatus> jobViews = jobs.values().stream().map(j -> new BatchStatus.JobStatus(j.id, j.tenant, j.app,
                j.state.name(), j.attempt, List.copyOf(j.files.keySet()), j.createdAt, j.readyAt, j.notBefore, j.startedAt)).toList();
        status = new BatchStatus(now, policy.name(), launcher.runtimeName(), tenants, jobViews, List.copyOf(recent), storeIsolation());
    }

    private void remember(BatchStatus.Outcome o) {
        recent.addFirst(o);
        while (recent.size() > RECENT_OUTCOMES) {
            recent.pollLast();
        }
    }

    private void saveQuietly(IngestionJob job) {
        try {
            store.save(job);
        } catch (IOException e) {
            LOG.errorf("could not save job %s: %s", job.id, e.toString());
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** Sortable, DNS-friendly and unique: {@code yyyyMMddHHmmss-xxxxxx}. */
    static String newJobId(Instant now) {
        String time = java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(java.time.ZoneOffset.UTC).format(now);
        return time + "-" + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
    }

    /** Names of the tenants with active profiles. */
    public Set<String> activeTenants() {
        return profiles.current().activeProfiles().keySet();
    }

    /** The active tenants' profiles. */
    public Map<String, TenantProfile> activeProfiles() {
        return profiles.current().activeProfiles();
    }

    @Override
    public void close() {
        running = false;
        if (loop != null) {
            loop.interrupt();
            try {
                loop.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (watcher != null) {
            watcher.close();
        }
        profiles.close();
        // local apps still running are stopped; their files stay in the job directories and are recovered on start.
        // Kubernetes Jobs keep running: the next manager (or the other replica) adopts them instead of starting them again
        if (!launcher.workloadsOutliveThePlatform()) {
            jobs.values().stream().filter(j -> j.workload != null).forEach(j -> j.workload.kill());
        }
        if (storeAccess != null) {
            storeAccess.close();
        }
    }

    /** Which isolation the store gives tenant apps (for /api/status); null on Kubernetes. */
    public String storeIsolation() {
        return storeAccess == null ? null : storeAccess.describe();
    }
}
