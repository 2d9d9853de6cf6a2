package io.mysimbdp.daas.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class StatsCalculatorTest {
    static final Instant T1 = Instant.parse("2025-01-01T10:00:00Z");
    static final Instant T2 = Instant.parse("2025-01-01T11:00:00Z");

    @Test
    void p95RankFromTopIsTheNearestRank() {
        assertEquals(0, StatsCalculator.p95RankFromTop(0));
        assertEquals(1, StatsCalculator.p95RankFromTop(1));
        assertEquals(1, StatsCalculator.p95RankFromTop(4));
        assertEquals(1, StatsCalculator.p95RankFromTop(19)); // ceil(18.05) = 19th of 19
        assertEquals(2, StatsCalculator.p95RankFromTop(20)); // 19th of 20
        assertEquals(2, StatsCalculator.p95RankFromTop(21)); // ceil(19.95) = 20th of 21
        assertEquals(6, StatsCalculator.p95RankFromTop(100)); // 95th smallest of 100 = 6th from the top
        assertEquals(50_001, StatsCalculator.p95RankFromTop(1_000_000));
    }

    /** A tenant whose ledger is: x.csv RETRY (3 s) then DONE (2 s, 90 ok), y.csv DONE (4 s, 10 ok, 1 dup), z.exe INVALID. */
    @Test
    void figuresOfAKnownLedger() {
        LedgerPartials p = new LedgerPartials(
                Map.of(LedgerStatus.DONE, new StatusTotals(2, 300, 100, 3, 1, 6.0, 2, 4.0, T1, T2),
                        LedgerStatus.RETRY, new StatusTotals(1, 100, 0, 0, 0, 3.0, 1, 3.0, T1, T1),
                        LedgerStatus.INVALID, new StatusTotals(1, 5, 0, 0, 0, 0, 0, null, T1, T1)),
                Map.of(LedgerStatus.DONE, 2L, LedgerStatus.INVALID, 1L),
                Map.of("fileType", 1L));

        IngestionStats s = StatsCalculator.stats(p, 4.0, List.of());

        assertEquals(new IngestionStats.Files(2, 1, 0, 0, 0, 3), s.files());
        assertEquals(4, s.attempts());
        assertEquals(1, s.retries());
        assertEquals(new IngestionStats.Rows(100, 3, 1), s.rows());
        assertEquals(300, s.bytes()); // bytes of done files only
        assertEquals(new IngestionStats.IngestionTime(3.0, 4.0, 4.0), s.ingestionTimeS());
        assertEquals(16.667, s.rowsPerS()); // 100 rows over 6 s of done files, rounded
        assertEquals(T1, s.firstIngestionAt());
        assertEquals(T2, s.lastIngestionAt());
        assertEquals(Map.of("fileType", 1L), s.invalidByRule());
    }

    @Test
    void nothingIngestedGivesZeroesAndNoRates() {
        IngestionStats s = StatsCalculator.stats(LedgerPartials.NONE, null, null);

        assertEquals(new IngestionStats.Files(0, 0, 0, 0, 0, 0), s.files());
        assertEquals(new IngestionStats.IngestionTime(null, null, null), s.ingestionTimeS());
        assertNull(s.rowsPerS());
        assertNull(s.firstIngestionAt());
    }

    @Test
    void partialsAddUpAcrossTenants() {
        LedgerPartials a = new LedgerPartials(Map.of(LedgerStatus.DONE, new StatusTotals(1, 10, 5, 0, 0, 2.0, 1, 2.0, T2, T2)),
                Map.of(LedgerStatus.DONE, 1L), Map.of("fileType", 2L));
        LedgerPartials b = new LedgerPartials(Map.of(LedgerStatus.DONE, new StatusTotals(3, 30, 15, 1, 0, 6.0, 3, 5.0, T1, T1)),
                Map.of(LedgerStatus.DONE, 3L), Map.of("fileType", 1L, "maxFileSize", 1L));

        LedgerPartials sum = LedgerPartials.sum(List.of(a, b));

        assertEquals(new StatusTotals(4, 40, 20, 1, 0, 8.0, 4, 5.0, T1, T2), sum.totals(LedgerStatus.DONE));
        assertEquals(4L, sum.files(LedgerStatus.DONE));
        assertEquals(Map.of("fileType", 3L, "maxFileSize", 1L), sum.invalidByRule());
        assertEquals(2.0, StatsCalculator.stats(sum, null, List.of()).ingestionTimeS().mean()); // weighted: 8 s / 4
    }
}
