package org.sparker.reproduction;

import org.sparker.app.preprocess.CoordinateMap;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The coordinate-invariance Gaussian study: background {@code X_b ~ N(0, 1)^d}, signal {@code X_s ~ N(1, 1)^d},
 * with exact scores in the original coordinates {@code x} for any per-coordinate
 * {@link CoordinateMap} {@code f}:
 *
 * <ul>
 *   <li>the likelihood ratio {@code log p_s/p_b = Σ_k (x_k − ½)}: the same in every coordinate system;</li>
 *   <li>the density score in {@code y = f(x)}: {@code −log p_Y(y) = −log p_b(x) + Σ_k log |f'(x_k)|}
 *       (higher = rarer = more anomalous).</li>
 * </ul>
 */
public record GaussianShiftToy(int dimension, double shift) {

    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

    public GaussianShiftToy {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension: must be ≥ 1, got " + dimension);
        }
    }

    /** The seed's toy: shift 1. */
    public static GaussianShiftToy of(int dimension) {
        return new GaussianShiftToy(dimension, 1.0);
    }

    /** {@code n} events, row-major {@code n×d}, from the background or the signal. */
    public double[] sample(UniformRandomProvider rng, int n, boolean signal) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] x = new double[n * dimension];
        for (int i = 0; i < x.length; i++) {
            x[i] = g.sample() + (signal ? shift : 0);
        }
        return x;
    }

    /** {@code log p_s(x) − log p_b(x)} of the event at row {@code r}. */
    public double logRatio(double[] x, int r) {
        double s = 0;
        for (int k = 0; k < dimension; k++) {
            s += shift * (x[r * dimension + k] - 0.5 * shift);
        }
        return s;
    }

    /** The density score of one coordinate value (summed over coordinates by {@link #densityScore}). */
    public static double densityScore1(double v, CoordinateMap f) {
        return -STANDARD.logDensity(v) + f.logAbsDerivative(v);
    }

    /** The density score of row {@code r} in the coordinates {@code f(x)}. */
    public double densityScore(double[] x, int r, CoordinateMap f) {
        double s = 0;
        for (int k = 0; k < dimension; k++) {
            double v = x[r * dimension + k];
            // the same log φ as Φ's derivative, so that after Φ every score is exactly 0 (all tie)
            s += -STANDARD.logDensity(v) + f.logAbsDerivative(v);
        }
        return s;
    }
}
