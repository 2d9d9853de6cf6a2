package io.mysimbdp.daas.model;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the store aggregates from one scope's ledger rows in a window: sums per status (over
 * attempts), distinct files per the status of their latest attempt, and refused files per rule.
 */
public record LedgerPartials(Map<LedgerStatus, StatusTotals> byStatus,
                             Map<LedgerStatus, Long> filesByLatestStatus,
                             Map<String, Long> invalidByRule) {
    public static final LedgerPartials NONE = new LedgerPartials(Map.of(), Map.of(), Map.of());

    public LedgerPartials {
        byStatus = Map.copyOf(byStatus);
        filesByLatestStatus = Map.copyOf(filesByLatestStatus);
        invalidByRule = Map.copyOf(invalidByRule);
    }

    public StatusTotals totals(LedgerStatus status) {
        return byStatus.getOrDefault(status, StatusTotals.NONE);
    }

    public long files(LedgerStatus latestStatus) {
        return filesByLatestStatus.getOrDefault(latestStatus, 0L);
    }

    public LedgerPartials plus(LedgerPartials o) {
        Map<LedgerStatus, StatusTotals> totals = new EnumMap<>(LedgerStatus.class);
        Map<LedgerStatus, Long> files = new EnumMap<>(LedgerStatus.class);
        for (LedgerStatus s : LedgerStatus.values()) {
            StatusTotals t = totals(s).plus(o.totals(s));
            if (t.attempts() > 0) {
                totals.put(s, t);
            }
            long f = files(s) + o.files(s);
            if (f > 0) {
                files.put(s, f);
            }
        }
        Map<String, Long> rules = new TreeMap<>(invalidByRule);
        o.invalidByRule.forEach((rule, n) -> rules.merge(rule, n, Long::sum));
        return new LedgerPartials(totals, files, rules);
    }

    public static LedgerPartials sum(Collection<LedgerPartials> all) {
        LedgerPartials out = NONE;
        for (LedgerPartials p : all) {
            out = out.plus(p);
        }
        return out;
    }
}
