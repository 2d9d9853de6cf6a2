package io.mysimbdp.daas.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Turns aggregated ledger sums into {@link IngestionStats}: means, rates and the nearest-rank p95.
 * Pure; the store supplies the sums and the one duration the p95 needs.
 */
public final class StatsCalculator {
    /** Fractional figures are rounded to this many decimals, so answers are stable and readable. */
    public static final int DECIMALS = 3;
    /** Nearest-rank percentile, in percent: the smallest duration at or above which 95% of files fall. */
    public static final int PERCENTILE = 95;

    private StatsCalculator() {
    }

    /**
     * 1-based position, counted from the slowest, of the p95 among {@code n} durations: the
     * nearest-rank p95 is the {@code ceil(0.95 n)}-th smallest, i.e. this many from the top.
     * The store streams only this many durations, slowest first. 0 when there are none.
     */
    public static long p95RankFromTop(long n) {
        if (n <= 0) {
            return 0;
        }
        long rankFromBottom = (PERCENTILE * n + 99) / 100;
        return n - rankFromBottom + 1;
    }

    /**
     * @param p95 the duration at {@link #p95RankFromTop} of the done files, or null when there are
     *            none or it was not computed
     * @param notes anything the reader should know about these figures (e.g. why p95 is missing)
     */
    public static IngestionStats stats(LedgerPartials p, Double p95, List<String> notes) {
        StatusTotals done = p.totals(LedgerStatus.DONE);
        IngestionStats.Files files = new IngestionStats.Files(
                p.files(LedgerStatus.DONE), p.files(LedgerStatus.INVALID), p.files(LedgerStatus.FAILED),
                p.files(LedgerStatus.RUNNING), p.files(LedgerStatus.RETRY),
                p.filesByLatestStatus().values().stream().mapToLong(Long::longValue).sum());
        long attempts = p.byStatus().values().stream().mapToLong(StatusTotals::attempts).sum();
        Double mean = done.durationCount() == 0 ? null : round(done.durationSum() / done.durationCount());
        Double rowsPerSecond = done.durationSum() <= 0 ? null : round(done.rowsOk() / done.durationSum());
        return new IngestionStats(files, attempts, p.totals(LedgerStatus.RETRY).attempts(),
                new IngestionStats.Rows(done.rowsOk(), done.rowsFailed(), done.rowsDuplicate()),
                done.bytes(),
                new IngestionStats.IngestionTime(mean, p95 == null ? null : round(p95),
                        done.durationMax() == null ? null : round(done.durationMax())),
                rowsPerSecond, done.firstFinished(), done.lastFinished(),
                new TreeMap<>(p.invalidByRule()), List.copyOf(notes == null ? new ArrayList<>() : notes));
    }

    static Double round(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return null;
        }
        return BigDecimal.valueOf(value).setScale(DECIMALS, RoundingMode.HALF_UP).doubleValue();
    }
}
