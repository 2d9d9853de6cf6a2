package io.mysimbdp.common.quality;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts one batch's records as they are checked; {@link #result} gives the verdict. Not
 * thread-safe: one batch is counted by the thread that wrangles it.
 */
public final class QualityTally {
    private final double minGoodShare;
    private final Map<String, Long> byRule = new HashMap<>();
    private long records;
    private long good;

    public QualityTally(double minGoodShare) {
        this.minGoodShare = minGoodShare;
    }

    /** A record the rules looked at: good when it failed none. */
    public void checked(List<RuleFailure> failures) {
        records++;
        if (failures.isEmpty()) {
            good++;
            return;
        }
        for (RuleFailure failure : failures) {
            byRule.merge(failure.rule(), 1L, Long::sum);
        }
    }

    /** A record the wrangler refused (bad type, missing key, broken row): bad, under {@link QualityRules#WRANGLING_RULE}. */
    public void unwrangled() {
        records++;
        byRule.merge(QualityRules.WRANGLING_RULE, 1L, Long::sum);
    }

    public BatchQuality result() {
        return BatchQuality.of(records, good, byRule, minGoodShare);
    }
}
