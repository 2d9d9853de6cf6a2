package io.mysimbdp.common.runtime;

import java.util.concurrent.CompletableFuture;

/** A started workload, followed until it ends. */
public interface RunningWorkload {
    String id();

    /** Completes when the workload ends (never exceptionally: failures are exits). */
    CompletableFuture<WorkloadExit> exit();

    /** Stops the workload and everything it started. */
    void kill();

    /** A handle to find the workload again after a restart of the platform (a pid, a Job name). */
    String handle();
}
