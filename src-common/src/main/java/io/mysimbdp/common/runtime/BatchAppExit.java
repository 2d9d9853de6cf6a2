package io.mysimbdp.common.runtime;

/**
 * Exit codes of a batch app that mean something to the manager (docs/tenant-app-contract.md).
 * Any other non-zero code is a failed attempt that counts against the app's {@code maxAttempts}.
 */
public final class BatchAppExit {
    /**
     * Every file that was not ingested failed only because the store could not take it (down,
     * unreachable, refusing writes for now): the attempt is retried and does not count against
     * {@code maxAttempts}. 75 is {@code EX_TEMPFAIL} of sysexits.h ("try again later").
     */
    public static final int STORE_UNAVAILABLE = 75;

    private BatchAppExit() {
    }
}
