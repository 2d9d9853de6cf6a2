package io.mysimbdp.daas.model;

import java.time.Instant;

/**
 * Sums over the ledger rows of one status in one scope (a tenant, or the platform), as the store
 * aggregates them: attempts are rows; durations count only rows that have one.
 */
public record StatusTotals(long attempts, long bytes, long rowsOk, long rowsFailed, long rowsDuplicate,
                           double durationSum, long durationCount, Double durationMax,
                           Instant firstFinished, Instant lastFinished) {
    public static final StatusTotals NONE = new StatusTotals(0, 0, 0, 0, 0, 0, 0, null, null, null);

    public StatusTotals plus(StatusTotals o) {
        return new StatusTotals(attempts + o.attempts, bytes + o.bytes, rowsOk + o.rowsOk, rowsFailed + o.rowsFailed,
                rowsDuplicate + o.rowsDuplicate, durationSum + o.durationSum, durationCount + o.durationCount,
                max(durationMax, o.durationMax), min(firstFinished, o.firstFinished), max(lastFinished, o.lastFinished));
    }

    private static Double max(Double a, Double b) {
        return a == null ? b : b == null ? a : Double.valueOf(Math.max(a, b));
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
