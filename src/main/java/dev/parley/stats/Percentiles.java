package dev.parley.stats;

import java.util.Arrays;

/**
 * Exact nearest-rank percentiles of a set of durations: the p-th percentile of n sorted values is the value at
 * rank ⌈p/100 · n⌉ (1-based), always one of the measured values, never interpolated.
 *
 * @param sortedMillis the values, ascending
 */
public record Percentiles(long[] sortedMillis) {

    /**
     * @param millis the values, any order (not modified)
     * @return their percentiles
     */
    public static Percentiles of(long[] millis) {
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted);
    }

    /** @return how many values */
    public int count() {
        return sortedMillis.length;
    }

    /**
     * @param p a percentile, 1–100
     * @return the value at nearest rank, or {@code null} when there are no values
     */
    public Long at(int p) {
        if (sortedMillis.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sortedMillis.length);
        return sortedMillis[Math.max(1, rank) - 1];
    }
}
