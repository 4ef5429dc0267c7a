package org.sparker.stats;

import java.util.Locale;

import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * Power at level α: the fraction of signal toys whose global p-value is at most α, with a
 * Clopper–Pearson interval (68% by default, as the paper's error bars).
 */
public record Power(int detected, int toys, double alpha, double value, double lower, double upper,
        double confidence) {

    /** The default confidence of the interval: 68%, one Gaussian standard deviation. */
    public static final double DEFAULT_CONFIDENCE = 0.6827;

    /** Power of the given global p-values at level {@code alpha} with a 68% interval. */
    public static Power atLevel(double[] globalPValues, double alpha) {
        int x = 0;
        for (double p : globalPValues) {
            if (p <= alpha) {
                x++;
            }
        }
        return of(x, globalPValues.length, alpha, DEFAULT_CONFIDENCE);
    }

    /** {@code x} successes in {@code n} trials with a Clopper–Pearson interval at {@code confidence}. */
    public static Power of(int x, int n, double alpha, double confidence) {
        if (n < 1 || x < 0 || x > n) {
            throw new IllegalArgumentException("power: need 0 ≤ detected ≤ toys and toys ≥ 1, got " + x + " of " + n);
        }
        double[] ci = clopperPearson(x, n, confidence);
        return new Power(x, n, alpha, (double) x / n, ci[0], ci[1], confidence);
    }

    /** The exact binomial (Clopper–Pearson) interval for {@code x} of {@code n} at {@code confidence}. */
    public static double[] clopperPearson(int x, int n, double confidence) {
        double tail = (1 - confidence) / 2;
        double lo = x == 0 ? 0 : BetaDistribution.of(x, n - x + 1).inverseCumulativeProbability(tail);
        double hi = x == n ? 1 : BetaDistribution.of(x + 1, n - x).inverseCumulativeProbability(1 - tail);
        return new double[] {lo, hi};
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f] (%d/%d at α = %.3g)", value, lower, upper, detected, toys, alpha);
    }
}
