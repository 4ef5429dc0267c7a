package org.sparker.stats;

import java.util.Locale;

/**
 * The global p-value of a test against {@code toys} calibration toys,
 * {@code P = (1 + #{k : T_k ≥ T_obs}) / (K + 1)}, its significance {@code Z = Φ^{-1}(1 − P)},
 * and whether {@code P} sits at its floor {@code 1/(K+1)}: then the true p-value is only known
 * to be at most {@code P} (an upper limit, and {@code Z} a lower limit), as the paper reports.
 */
public record GlobalPValue(double pValue, double z, boolean upperLimit, int toys, double statistic) {

    /** {@code P}, {@code Z} and the floor flag of {@code observed} against {@code nullStatistics}. */
    public static GlobalPValue of(double observed, double[] nullStatistics) {
        double p = PValues.empirical(observed, nullStatistics);
        boolean floor = p <= 1.0 / (nullStatistics.length + 1.0);
        return new GlobalPValue(p, PValues.zScore(p), floor, nullStatistics.length, observed);
    }

    /**
     * {@code P = (1 + #{k : (T_k, S_k) ⪰ (T_obs, S_obs)}) / (K + 1)}, ordering by the statistic
     * {@code T} and, among equal {@code T}, by the tie-break statistic {@code S}
     * ({@link #atLeast}).
     */
    public static GlobalPValue ranked(double observed, double observedTieBreak, double[] nullStatistics,
            double[] nullTieBreaks) {
        if (nullTieBreaks.length != nullStatistics.length) {
            throw new IllegalArgumentException("global p-value: " + nullStatistics.length + " statistics but "
                    + nullTieBreaks.length + " tie-breaks");
        }
        int above = 0;
        for (int k = 0; k < nullStatistics.length; k++) {
            if (atLeast(nullStatistics[k], nullTieBreaks[k], observed, observedTieBreak)) {
                above++;
            }
        }
        double p = (1.0 + above) / (nullStatistics.length + 1.0);
        boolean floor = p <= 1.0 / (nullStatistics.length + 1.0);
        return new GlobalPValue(p, PValues.zScore(p), floor, nullStatistics.length, observed);
    }

    /** Whether {@code (t, s)} is at least {@code (tRef, sRef)}: a larger {@code t}, or an equal {@code t} and {@code s ≥ sRef}. */
    static boolean atLeast(double t, double s, double tRef, double sRef) {
        return t > tRef || (t == tRef && s >= sRef);
    }

    @Override
    public String toString() {
        return (upperLimit ? "P ≤ " : "P = ") + String.format(Locale.ROOT, "%.4g", pValue) + (upperLimit ? " (Z ≥ " : " (Z = ")
                + String.format(Locale.ROOT, "%.2f", z) + ", " + toys + " toys)";
    }
}
