package io.mysimbdp.batch.schedule;

import io.mysimbdp.batch.staging.StagingLayout;
import io.mysimbdp.common.contract.AppEnv;
import io.mysimbdp.common.json.Json;
import io.mysimbdp.common.naming.TenantNames;
import io.mysimbdp.common.profile.Quality;
import io.mysimbdp.common.profile.TenantProfile;
import io.mysimbdp.common.runtime.RunningWorkload;
import io.mysimbdp.common.runtime.WorkloadExit;
import io.mysimbdp.common.runtime.WorkloadRuntime;
import io.mysimbdp.common.runtime.WorkloadSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/** Builds the batch app contract for a job attempt and starts it on the workload runtime. */
final class JobLauncher {

    /** An attempt that ended, handed back to the manager's loop. */
    record Finished(String jobId, int attempt, WorkloadExit exit, Instant at) {
    }

    private final StagingLayout layout;
    private final WorkloadRuntime runtime;
    /** Tenant → the store connection string its apps get (its own user's where the store has users). */
    private final Function<String, String> mongodbUri;
    private final Function<String, Path> keysDir;
    private final Consumer<Finished> onFinished;
    private final Runnable wake;

    /** @param keysDir a tenant's key directory when its profile takes encrypted files, else null */
    JobLauncher(StagingLayout layout, WorkloadRuntime runtime, String mongodbUri, Function<String, Path> keysDir,
                Consumer<Finished> onFinished, Runnable wake) {
        this(layout, runtime, tenant -> mongodbUri, keysDir, onFinished, wake);
    }

    /** @param mongodbUri the tenant's store connection string; throws when it cannot be had (the attempt does not start) */
    JobLauncher(StagingLayout layout, WorkloadRuntime runtime, Function<String, String> mongodbUri, Function<String, Path> keysDir,
                Consumer<Finished> onFinished, Runnable wake) {
        this.layout = layout;
        this.runtime = runtime;
        this.mongodbUri = mongodbUri;
        this.keysDir = keysDir;
        this.onFinished = onFinished;
        this.wake = wake;
    }

    String runtimeName() {
        return runtime.name();
    }

    boolean workloadsOutliveThePlatform() {
        return runtime.workloadsOutliveThePlatform();
    }

    /**
     * The contract's environment for one attempt (docs/tenant-app-contract.md).
     *
     * @param quality     the tenant profile's {@code quality} section, or null (off)
     * @param traceparent the attempt's trace context, so the app's own spans join the ingestion's trace
     */
    Map<String, String> contractEnv(IngestionJob job, TenantProfile.BatchApp app, Quality quality, String traceparent)
            throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(AppEnv.TENANT, job.tenant);
        env.put(AppEnv.INGESTION_ID, job.id);
        env.put(AppEnv.ATTEMPT, Integer.toString(job.attempt));
        env.put(AppEnv.INPUT_DIR, layout.jobInput(job.tenant, job.id).toAbsolutePath().toString());
        env.put(AppEnv.OUTPUT_DIR, layout.jobOutput(job.tenant, job.id).toAbsolutePath().toString());
        env.put(AppEnv.MONGODB_URI, mongodbUri.apply(job.tenant));
        env.put(AppEnv.DATABASE, TenantNames.database(job.tenant));
        env.put(AppEnv.APP_CONFIG, Json.json().writeValueAsString(app.config()));
        env.put(AppEnv.TRACEPARENT, traceparent);
        Path keys = keysDir.apply(job.tenant);
        if (keys != null) {
            env.put(AppEnv.KEYS_DIR, keys.toAbsolutePath().toString());
        }
        if (quality != null) {
            env.put(AppEnv.QUALITY_RULES, Json.json().writeValueAsString(quality));
        }
        return env;
    }

    /** @param quality the tenant profile's {@code quality} section, or null (off) */
    void launch(IngestionJob job, TenantProfile.BatchApp app, Quality quality, Instant now, String traceparent) throws IOException {
        Path out = layout.jobOutput(job.tenant, job.id);
        JobStore.deleteTree(out); // each attempt starts with an empty output directory
        Files.createDirectories(out);
        Map<String, String> labels = Map.of(TenantNames.PART_OF_LABEL, TenantNames.PART_OF_VALUE,
                TenantNames.TENANT_LABEL, job.tenant, "mysimbdp.io/ingestion-id", job.id, "mysimbdp.io/app", app.name());
        WorkloadSpec spec = new WorkloadSpec(TenantNames.batchJobName(job.tenant, job.id), job.tenant, app.name(),
                app.command(), app.image(), contractEnv(job, app, quality, traceparent), app.resources(), app.timeout(),
                layout.appLog(job.tenant, job.id, job.attempt), labels);
        RunningWorkload workload = runtime.start(spec);
        follow(job, workload, now);
    }

    /** Follows an attempt (started now, or adopted after a restart) until it ends. */
    void follow(IngestionJob job, RunningWorkload workload, Instant startedAt) throws IOException {
        job.workload = workload;
        job.startedAt = startedAt;
        new JobStore(layout).saveRunning(job, new JobRecord.RunningAttempt(job.attempt, runtime.name(), workload.handle(), startedAt));
        int attempt = job.attempt;
        workload.exit().thenAccept(exit -> {
            onFinished.accept(new Finished(job.id, attempt, exit, Instant.now()));
            wake.run();
        });
    }

    java.util.Optional<RunningWorkload> adopt(String jobId, String handle) {
        return runtime.adopt(jobId, handle);
    }

    /** The runtime's workloads of these attempts (workload id → attempt), by workload id; it deletes the others. */
    Map<String, String> sweep(Map<String, Integer> knownAttempts) {
        return runtime.sweep(knownAttempts);
    }

    /** An attempt that could not start at all is settled like one that failed at once. */
    Finished notStarted(IngestionJob job, String why) {
        return new Finished(job.id, job.attempt, new WorkloadExit(-1, false, why), Instant.now());
    }
}
