package io.mysimbdp.common.runtime;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Where tenant apps run: local child processes on a laptop, Kubernetes Jobs and Deployments in
 * production. Schedulers talk only to this interface, so the runtime is a configuration choice.
 */
public interface WorkloadRuntime {
    RunningWorkload start(WorkloadSpec spec) throws IOException;

    /**
     * Finds a workload a previous run of the platform started (by its {@link RunningWorkload#handle()})
     * and follows it, if it is still running.
     */
    Optional<RunningWorkload> adopt(String workloadId, String handle);

    /**
     * On start-up, once the platform has read back its own records: removes this runtime's
     * workloads that belong to no attempt it still knows ({@code knownAttempts}: workload id →
     * attempt) and returns, by workload id, the handles of those that do, to {@link #adopt}. A
     * runtime that cannot list its workloads (local processes) finds none.
     */
    default Map<String, String> sweep(Map<String, Integer> knownAttempts) {
        return Map.of();
    }

    String name();

    /**
     * Where the tenants' store connection strings are kept for their apps: owner-only files under
     * {@code var} (local processes read them); a runtime whose workloads reference a store (Kubernetes
     * Secrets) says so.
     */
    default io.mysimbdp.common.store.TenantStoreCredentials storeCredentials(java.nio.file.Path var) {
        return new io.mysimbdp.common.store.TenantCredentialFiles(var);
    }

    /**
     * True when workloads keep running after the platform stops (Kubernetes Jobs), so a stopping
     * manager leaves them to be adopted; false when they die with it (local child processes).
     */
    default boolean workloadsOutliveThePlatform() {
        return false;
    }
}
