package io.mysimbdp.bench;

import java.util.Arrays;
import java.util.List;

/** Nearest-rank percentiles of a sample. */
final class Percentiles {
    private Percentiles() {
    }

    /**
     * @param percent 0 (exclusive) to 100
     * @return the smallest value with at least {@code percent}% of the sample at or below it; NaN for an empty sample
     */
    static double of(List<Double> sample, double percent) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("percent must be in (0, 100], got " + percent);
        }
        if (sample.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = sample.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
