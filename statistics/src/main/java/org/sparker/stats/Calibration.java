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

    /** The combined statistic {@code T_k} of every toy, from its leave-one-out p-values. */
    public double[] nullCombined(Aggregation rule) {
        double[] t = new double[statistics.length];
        for (int k = 0; k < t.length; k++) {
            t[k] = rule.combine(leaveOneOutPValues(k));
        }
        return t;
    }

    /** Algorithm 1, lines 19–24: per-width p-values, combined statistic, global p-value and Z. */
    public GlobalPValue globalPValue(double[] observed, Aggregation rule) {
        return GlobalPValue.of(rule.combine(pValues(observed)), nullCombined(rule));
    }

    /**
     * Each toy's own global p-value against the other toys, leave-one-out at both levels: under
     * the null these are uniform on {@code {1/K, …, 1}}.
     */
    public double[] leaveOneOutGlobalPValues(Aggregation rule) {
        double[] combined = nullCombined(rule);
        double[] p = new double[combined.length];
        for (int k = 0; k < p.length; k++) {
            p[k] = PValues.leaveOneOut(k, combined);
        }
        return p;
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
