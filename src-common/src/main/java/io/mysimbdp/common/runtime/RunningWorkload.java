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

    /** A workload from its parts; {@code kill} stops it (and completes {@code exit} if it must). */
    static RunningWorkload of(String id, CompletableFuture<WorkloadExit> exit, String handle, Runnable kill) {
        return new RunningWorkload() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public CompletableFuture<WorkloadExit> exit() {
                return exit;
            }

            @Override
            public void kill() {
                kill.run();
            }

            @Override
            public String handle() {
                return handle;
            }
        };
    }
}
