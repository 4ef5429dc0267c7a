package org.sparker.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Empirical p-values with the +1 correction (paper Eq. 16, docs/design.md §5):
 * {@code p(t) = (1 + #{k : t_k ≥ t}) / (K + 1)} against {@code K} calibration values, and the
 * leave-one-out form {@code (1 + #{j ≠ k : t_j ≥ t_k}) / K} for a calibration toy's own value.
 * Larger statistics are more anomalous.
 */
public final class PValues {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private PValues() {
    }

    /** {@code (1 + #{k : null_k ≥ t}) / (K + 1)}. */
    public static double empirical(double t, double[] nullValues) {
        return (1.0 + countAtLeast(t, nullValues, -1)) / (nullValues.length + 1.0);
    }

    /** The p-value of {@code nullValues[k]} against the other {@code K − 1}: {@code (1 + #{j ≠ k : t_j ≥ t_k}) / K}. */
    public static double leaveOneOut(int k, double[] nullValues) {
        if (nullValues.length < 2) {
            throw new IllegalArgumentException("leave-one-out p-values need at least 2 calibration values");
        }
        return (1.0 + countAtLeast(nullValues[k], nullValues, k)) / nullValues.length;
    }

    /** {@code Z = Φ^{-1}(1 − P)}: the one-sided Gaussian significance of a p-value. */
    public static double zScore(double p) {
        if (!(p > 0) || p > 1) {
            throw new IllegalArgumentException("p-value must be in (0, 1], got " + p);
        }
        return STANDARD_NORMAL.inverseSurvivalProbability(p);
    }

    /** The first index of sorted {@code a} whose value is {@code ≥ v} ({@code a.length} if none). */
    static int lowerBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int countAtLeast(double t, double[] values, int skip) {
        int c = 0;
        for (int j = 0; j < values.length; j++) {
            if (j != skip && values[j] >= t) {
                c++;
            }
        }
        return c;
    }
}
