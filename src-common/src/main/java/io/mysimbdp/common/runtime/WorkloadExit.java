package io.mysimbdp.common.runtime;

/** How a workload ended: its exit code, whether the platform killed it for its timeout, and why in words. */
public record WorkloadExit(int exitCode, boolean timedOut, String message) {
    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }
}
