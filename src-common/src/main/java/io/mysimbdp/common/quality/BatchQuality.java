package io.mysimbdp.common.quality;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The quality of one batch (a file, a stream poll): how many records were checked, how many were
 * good, how many failed each rule (a record failing two rules counts under both), the share of
 * good records, and whether that share is under the tenant's minimum.
 *
 * @param records       records of the batch, including those the wrangler refused ({@link QualityRules#WRANGLING_RULE})
 * @param good          records that passed every rule (the ones stored in the main collection)
 * @param failuresByRule rule → records that failed it, sorted by rule
 * @param goodShare     good / records; 1 for an empty batch (nothing was bad)
 * @param minGoodShare  the tenant's threshold
 * @param flagged       goodShare is under minGoodShare
 */
public record BatchQuality(long records, long good, Map<String, Long> failuresByRule, double goodShare,
                           double minGoodShare, boolean flagged) {

    public BatchQuality {
        failuresByRule = Collections.unmodifiableMap(new TreeMap<>(failuresByRule));
    }

    /** The verdict for these counts. Pure. */
    public static BatchQuality of(long records, long good, Map<String, Long> failuresByRule, double minGoodShare) {
        if (good < 0 || good > records) {
            throw new IllegalArgumentException("good records (" + good + ") must be between 0 and records (" + records + ")");
        }
        double share = records == 0 ? 1.0 : (double) good / records;
        return new BatchQuality(records, good, failuresByRule, share, minGoodShare, share < minGoodShare);
    }

    /** Records that failed at least one rule. */
    public long bad() {
        return records - good;
    }
}
