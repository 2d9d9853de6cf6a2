package io.mysimbdp.batch.schedule;

import io.mysimbdp.batch.config.BatchConfig;
import io.mysimbdp.batch.ledger.IngestionLedger;
import io.mysimbdp.batch.metrics.BatchMetrics;
import io.mysimbdp.batch.model.AdmissionPolicy;
import io.mysimbdp.batch.model.HourlyQuota;
import io.mysimbdp.batch.model.SchedulingPolicy;
import io.mysimbdp.batch.staging.AppOutputReader;
import io.mysimbdp.batch.staging.StagingLayout;
import io.mysimbdp.batch.trace.IngestionTracing;
import io.mysimbdp.common.contract.PlatformPaths;
import io.mysimbdp.common.logging.TenantLogFiles;
import io.mysimbdp.common.profile.ProfileChange;
import io.mysimbdp.common.profile.ProfileSource;
import io.mysimbdp.common.profile.TenantProfile;
import io.mysimbdp.common.runtime.WorkloadRuntime;
import io.mysimbdp.common.store.TenantStoreAccess;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The batch path's scheduler and gatekeeper. One loop thread owns all state and runs a chain of
 * steps — collect finished attempts ({@link JobSettlement}), take settled files ({@link FileAdmission}),
 * close batching windows ({@link JobBook}), dispatch, publish the status ({@link BatchStatusView}) — each
 * calling the pure decisions in {@code model}; what happens to files and jobs is told to {@link BatchEvents},
 * which fans it out. The manager never parses tenant data.
 */
public final class BatchIngestManager implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BatchIngestManager.class);

    private final BatchConfig.Batch config;
    private final StagingLayout layout;
    private final ProfileSource profiles;
    private final JobStore store;
    private final JobLauncher launcher;
    /** Per-tenant store users on the local runtime (null on Kubernetes: docs/guarantees.md). */
    private final TenantStoreAccess storeAccess;
    private final SchedulingPolicy policy;
    private final IngestionTracing tracing;
    private final Clock clock;

    private final JobBook jobs = new JobBook();
    private final HourlyQuota quota = new HourlyQuota();
    private final BatchEvents events;
    private final BatchStatusView statusView;
    private final FileAdmission admission;
    private final JobSettlement settlement;
    private final ConcurrentLinkedQueue<JobLauncher.Finished> finished = new ConcurrentLinkedQueue<>();
    private final Semaphore wake = new Semaphore(0);
    private volatile BatchStatus status = BatchStatus.EMPTY;
    private volatile boolean running;
    /** False while the store does not answer: no attempt starts then (it would only fail for the store). */
    private volatile BooleanSupplier storeUp = () -> true;
    private boolean heldForStore;
    private Thread loop;
    private StagingWatcher watcher;

    public BatchIngestManager(BatchConfig config, Path var, ProfileSource.Factory profileSource, WorkloadRuntime runtime,
                              IngestionLedger ledger, BatchMetrics metrics, IngestionTracing tracing, Clock clock) {
        this.config = config.batch();
        this.layout = new StagingLayout(var);
        this.profiles = profileSource.open(this::onProfileChanges);
        this.store = new JobStore(layout);
        Path keys = PlatformPaths.resolve(config.home(), config.var(), config.tenantsDir()).tenantKeysDir(config.tenantKeysDir());
        // per-tenant store users on both runtimes: their URIs in files (local) or the tenants' Secrets (Kubernetes)
        this.storeAccess = new TenantStoreAccess(config.mongodbUri(), runtime.storeCredentials(var), "batch-ingest-manager");
        Function<String, String> storeUri = storeAccess == null ? tenant -> config.mongodbUri() : storeAccess::uriFor;
        this.launcher = new JobLauncher(layout, runtime, storeUri, tenant -> profiles.current().active(tenant)
                .filter(p -> p.encryption() != null).map(p -> keys.resolve(tenant)).orElse(null), finished::add, this::wakeUp);
        this.policy = SchedulingPolicy.parse(config.batch().policy());
        this.tracing = tracing;
        this.clock = clock;
        this.events = new BatchEvents(ledger, metrics, tracing, quota, launcher.runtimeName(),
                folder -> profiles.current().byTenant().containsKey(folder), clock);
        this.statusView = new BatchStatusView(metrics);
        this.settlement = new JobSettlement(this.config, layout, profiles, store, jobs, ledger, metrics, tracing, events,
                launcher.runtimeName(), clock, new AppOutputReader(config.batch().output().limits()));
        this.admission = new FileAdmission(this.config, layout, profiles, store, jobs, quota, events, tracing);
    }

    /** Where the dispatcher asks whether the store answers (before {@link #start()}). */
    public void storeGate(BooleanSupplier up) {
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
        new JobRecovery(layout, store, launcher, clock).recover(profiles.current(), jobs.byId(), settlement::settle);
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
        admission.takeSettledFiles(active, now);
        jobs.closeBatchingWindows(active, now, config.maxFilesPerJob(), config.maxBatchingDelay());
        dispatch(active, now);
        publishStatus(active, now);
    }

    private void collectFinished() {
        JobLauncher.Finished f;
        while ((f = finished.poll()) != null) {
            IngestionJob job = jobs.get(f.jobId());
            if (job != null) {
                try (var t = TenantLogFiles.forTenant(job.tenant)) {
                    settlement.settle(job, f);
                }
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
            var next = policy.pickNext(jobs.queued(), jobs.running(), active, config.maxConcurrentJobs(), now);
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
            settlement.settle(job, launcher.notStarted(job, "app '" + job.app + "' is no longer in the tenant's profile"));
            return;
        }
        try {
            Instant start = clock.instant();
            launcher.launch(job, app.get(), profile.quality(), start, tracing.attemptStarted(job.id, job.traceparent, job.attempt, policy.name(), start));
            job.state = IngestionJob.State.RUNNING;
            events.attemptStarted(job);
        } catch (IOException | RuntimeException e) {
            LOG.errorf("could not start app %s for job %s: %s", job.app, job.id, e.toString());
            settlement.settle(job, launcher.notStarted(job, "could not start the app: " + e.getMessage()));
        }
    }

    private void publishStatus(Map<String, TenantProfile> active, Instant now) {
        status = statusView.publish(now, profiles.current(), active.size(), jobs, quota, admission.waitingInStaging(), events.recent(),
                policy.name(), launcher.runtimeName(), storeIsolation());
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
            jobs.all().stream().filter(j -> j.workload != null).forEach(j -> j.workload.kill());
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
