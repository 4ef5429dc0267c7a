package org.sparker.stats;

import java.util.List;

/**
 * The null distributions of {@code t} at each checkpoint width, from {@code K} anomaly-free toys
 * (Algorithm 1, lines 1–14), and the p-values computed against them (docs/design.md §5).
 */
public final class Calibration {

    private final double[] widths;
    private final double[][] statistics; // [toy][width]

    /**
     * @param widths the checkpoint widths σ_1 … σ_m
     * @param statistics {@code t_k(σ_j)} for each toy {@code k} (rows) and width {@code j}
     */
    public Calibration(double[] widths, List<double[]> statistics) {
        if (statistics.size() < 2) {
            throw new IllegalArgumentException("calibration: need at least 2 toys, got " + statistics.size());
        }
        this.widths = widths.clone();
        this.statistics = new double[statistics.size()][];
        for (int k = 0; k < statistics.size(); k++) {
            if (statistics.get(k).length != widths.length) {
                throw new IllegalArgumentException("calibration: toy " + k + " has " + statistics.get(k).length
                        + " statistics for " + widths.length + " widths");
            }
            this.statistics[k] = statistics.get(k).clone();
        }
    }

    /** Number of toys {@code K}. */
    public int toys() {
        return statistics.length;
    }

    /** The checkpoint widths. */
    public double[] widths() {
        return widths.clone();
    }

    /** {@code t_k(σ_j)} of every toy at width {@code j}. */
    public double[] statisticsAt(int j) {
        double[] c = new double[statistics.length];
        for (int k = 0; k < c.length; k++) {
            c[k] = statistics[k][j];
        }
        return c;
    }

    /** {@code t_k(σ_j)} of toy {@code k} at every width. */
    public double[] statisticsOf(int k) {
        return statistics[k].clone();
    }

    /** Per-width p-values of observed statistics: {@code p_j = (1 + #{k : t_k(σ_j) ≥ t_j}) / (K + 1)}. */
    public double[] pValues(double[] observed) {
        checkLength(observed);
        double[] p = new double[widths.length];
        for (int j = 0; j < p.length; j++) {
            p[j] = PValues.empirical(observed[j], statisticsAt(j));
        }
        return p;
    }

    /** Toy {@code k}'s per-width p-values against the other {@code K − 1} toys. */
    public double[] leaveOneOutPValues(int k) {
        double[] p = new double[widths.length];
        for (int j = 0; j < p.length; j++) {
            p[j] = PValues.leaveOneOut(k, statisticsAt(j));
        }
        return p;
    }

    /**
     * The combined statistic {@code T_k} of every toy from its leave-one-out p-values (against the
     * other {@code K − 1} toys): the toys among themselves, as {@link #leaveOneOutGlobalPValues}
     * and the tail model use them. A test's global p-value compares it with
     * {@link #nullCombined(double[], Aggregation)} instead.
     */
    public double[] nullCombined(Aggregation rule) {
        return combined(leaveOneOutPValues(), rule);
    }

    /**
     * The combined statistic of every toy with the observed test among its comparators: toy
     * {@code k}'s p-value at width {@code j} is {@code (1 + #{i ≠ k : t_i(σ_j) ≥ t_k(σ_j)} +
     * [t_obs(σ_j) ≥ t_k(σ_j)]) / (K + 1)}, on the grid of the observed test's own p-values
     * ({@link #pValues}). The {@code K + 1} tests are then combined alike, so that under the null
     * the observed one's rank among them is uniform (docs/design.md §5).
     */
    public double[] nullCombined(double[] observed, Aggregation rule) {
        return combined(toyPValuesWithObserved(observed), rule);
    }

    /**
     * Algorithm 1, lines 19–24: the observed test's per-width p-values, its combined statistic
     * {@code T_obs}, and its rank among the {@code K + 1} tests (the toys' statistics from
     * {@link #nullCombined(double[], Aggregation)}): {@code P = (1 + #{k : T_k ≻ T_obs}) / (K + 1)},
     * where {@code ≻} orders by {@code T}, then, among equal {@code T}, by the rule's tie-break
     * statistic ({@link Aggregation#tieBreak}; a tie in both counts against the observed test).
     * Every test is treated alike, so {@code P} is a valid p-value (uniform on its grid under the
     * null, conservative where ties remain).
     */
    public GlobalPValue globalPValue(double[] observed, Aggregation rule) {
        double[] pObserved = pValues(observed);
        double[][] pToys = toyPValuesWithObserved(observed);
        return GlobalPValue.ranked(rule.combine(pObserved), rule.tieBreak().combine(pObserved),
                combined(pToys, rule), combined(pToys, rule.tieBreak()));
    }

    /**
     * Each toy's own global p-value against the other toys, leave-one-out at both levels (its
     * per-width p-values against the other {@code K − 1}, its combined statistic ranked among
     * the others', ties broken as in {@link #globalPValue}): under the null these are uniform on
     * {@code {1/K, …, 1}}.
     */
    public double[] leaveOneOutGlobalPValues(Aggregation rule) {
        double[][] loo = leaveOneOutPValues();
        double[] combined = combined(loo, rule);
        double[] tie = combined(loo, rule.tieBreak());
        double[] p = new double[combined.length];
        for (int k = 0; k < p.length; k++) {
            int above = 0;
            for (int i = 0; i < combined.length; i++) {
                if (i != k && GlobalPValue.atLeast(combined[i], tie[i], combined[k], tie[k])) {
                    above++;
                }
            }
            p[k] = (1.0 + above) / combined.length;
        }
        return p;
    }

    /** Every toy's {@link #leaveOneOutPValues(int)}. */
    private double[][] leaveOneOutPValues() {
        double[][] p = new double[statistics.length][];
        for (int k = 0; k < p.length; k++) {
            p[k] = leaveOneOutPValues(k);
        }
        return p;
    }

    /** Per toy and width, the p-value against the other toys and the observed test ({@link #nullCombined(double[], Aggregation)}). */
    private double[][] toyPValuesWithObserved(double[] observed) {
        checkLength(observed);
        int k = statistics.length;
        double[][] p = new double[k][widths.length];
        for (int j = 0; j < widths.length; j++) {
            // the comparisons of PValues: a NaN is at least nothing and nothing is at least a NaN
            double[] sorted = java.util.Arrays.stream(statisticsAt(j)).filter(v -> !Double.isNaN(v)).sorted().toArray();
            for (int toy = 0; toy < k; toy++) {
                double t = statistics[toy][j];
                int others = 0;
                if (!Double.isNaN(t)) {
                    // #{i : t_i ≥ t} over all toys, toy itself included, hence the −1
                    others = sorted.length - PValues.lowerBound(sorted, t) - 1 + (observed[j] >= t ? 1 : 0);
                }
                p[toy][j] = (1.0 + others) / (k + 1.0);
            }
        }
        return p;
    }

    private static double[] combined(double[][] p, Aggregation rule) {
        double[] t = new double[p.length];
        for (int k = 0; k < t.length; k++) {
            t[k] = rule.combine(p[k]);
        }
        return t;
    }

    /** A χ² fit (free dof) to the null distribution at width {@code j}, for asymptotic p-values. */
    public ChiSquaredFit chiSquaredFit(int j) {
        return ChiSquaredFit.fit(statisticsAt(j));
    }

    private void checkLength(double[] observed) {
        if (observed.length != widths.length) {
            throw new IllegalArgumentException("calibration has " + widths.length + " widths but "
                    + observed.length + " statistics were given");
        }
    }
}
