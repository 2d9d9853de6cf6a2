package io.mysimbdp.common.runtime;

import java.io.IOException;
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

    String name();

    /**
     * True when workloads keep running after the platform stops (Kubernetes Jobs), so a stopping
     * manager leaves them to be adopted; false when they die with it (local child processes).
     */
    default boolean workloadsOutliveThePlatform() {
        return false;
    }
}
