package org.sparker.stats;

import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * A χ² distribution with free degrees of freedom fitted by maximum likelihood to the positive
 * values of a null distribution of {@code t}, to extrapolate p-values beyond the empirical floor
 * {@code 1/(K+1)} (docs/design.md §5.6). Results from it are asymptotic and are always labelled so.
 * The likelihood equation {@code ψ(k/2) = mean(log t) − log 2} is solved by bisection
 * ({@code ψ} is increasing).
 *
 * @param degreesOfFreedom fitted {@code k}
 * @param used number of positive values the fit used
 * @param excluded number of values ≤ 0 left out (χ² has no mass there)
 */
public record ChiSquaredFit(double degreesOfFreedom, int used, int excluded) {

    /** Fits {@code k} to the positive values of {@code t}. */
    public static ChiSquaredFit fit(double[] t) {
        double sumLog = 0;
        int used = 0;
        for (double v : t) {
            if (v > 0) {
                sumLog += Math.log(v);
                used++;
            }
        }
        if (used < 2) {
            throw new IllegalArgumentException("χ² fit: need at least 2 positive values, got " + used);
        }
        double target = sumLog / used - Math.log(2);
        double lo = 1e-6;
        double hi = 1e6;
        for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
            double mid = Math.sqrt(lo * hi); // bisection in log k: k spans many decades
            if (Digamma.value(mid / 2) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return new ChiSquaredFit(0.5 * (lo + hi), used, t.length - used);
    }

    /**
     * How well the fit describes the positive values of {@code t}: the Kolmogorov–Smirnov
     * p-value against χ²_k. The degrees of freedom were fitted to the same values, which makes
     * the test conservative (it rejects less often than its level; Lilliefors); a small value
     * still means a poor fit.
     */
    public double goodnessOfFit(double[] t) {
        double[] positive = java.util.Arrays.stream(t).filter(v -> v > 0).toArray();
        if (positive.length < 2) {
            return Double.NaN;
        }
        ChiSquaredDistribution d = ChiSquaredDistribution.of(degreesOfFreedom);
        return org.apache.commons.statistics.inference.KolmogorovSmirnovTest.withDefaults()
                .test(positive, d::cumulativeProbability).getPValue();
    }

    /** The asymptotic p-value {@code P(χ²_k ≥ t)}. */
    public double pValue(double t) {
        return ChiSquaredDistribution.of(degreesOfFreedom).survivalProbability(t);
    }
}
