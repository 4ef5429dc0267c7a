package org.sparker.engine.train;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.descriptive.Quantile;
import org.sparker.engine.FloatMatrix;
import org.sparker.sampling.PairwiseDistances;

/**
 * The annealing range of the kernel width (docs/design.md §4, paper App. A-C): from a broad
 * {@code σ_0} down to a narrow {@code σ_T}, linearly, {@code σ_t = σ_0 − (σ_0 − σ_T) t / T}
 * (the paper's Eq. 15 has the sign wrong).
 *
 * <p>The checkpoint widths must be the same for every calibration toy and for the tested data
 * (per-width p-values compare statistics at equal σ), so a calibration fixes one range and
 * passes it to every training.
 */
public record WidthRange(double initial, double last) implements java.io.Serializable {

    /** Default size of the random subset whose pairwise distances set the range. */
    public static final int DEFAULT_SUBSET = PairwiseDistances.DEFAULT_SUBSET;

    /**
     * The pairwise-distance quantiles that set the range: {@code σ_T = ½ × P(low)} and
     * {@code σ_0 = 2 × P(high)}; the paper's are {@link #PAPER} (1% and 99%).
     *
     * @param low the quantile of the narrowest width, in (0, 1)
     * @param high the quantile of the broadest, in [low, 1)
     */
    public record Quantiles(double low, double high) implements java.io.Serializable {

        /** The paper's: {@code σ_T = ½ P1}, {@code σ_0 = 2 P99}. */
        public static final Quantiles PAPER = new Quantiles(0.01, 0.99);

        public Quantiles {
            if (!(low > 0) || !(high < 1) || !(low <= high)) {
                throw new IllegalArgumentException("width quantiles: need 0 < LOW ≤ HIGH < 1, got " + low + " and " + high);
            }
        }

        /** {@code LOW,HIGH} as a user writes them ({@code 0.01,0.5}). */
        public static Quantiles parse(String v) {
            String[] parts = v.split(",");
            if (parts.length != 2) {
                throw new IllegalArgumentException("expected LOW,HIGH (two quantiles, e.g. 0.01,0.99), got '" + v + "'");
            }
            try {
                return new Quantiles(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected LOW,HIGH (two numbers, e.g. 0.01,0.99), got '" + v + "'");
            }
        }

        @Override
        public String toString() {
            return low + "," + high;
        }
    }

    public WidthRange {
        if (!(initial > 0) || !Double.isFinite(initial) || !(last > 0) || !Double.isFinite(last)) {
            throw new IllegalArgumentException("width range: σ_0 and σ_T must be positive and finite, got "
                    + initial + " and " + last);
        }
        if (last > initial) {
            throw new IllegalArgumentException("width range: σ_T = " + last + " is larger than σ_0 = " + initial
                    + "; annealing goes from broad to narrow");
        }
    }

    /** The width at step {@code t} of {@code steps}: {@code σ_0 − (σ_0 − σ_T) t / T}. */
    public double at(int t, int steps) {
        return initial - (initial - last) * t / (double) steps;
    }

    /**
     * The paper's range: {@code σ_0 = 2 × P99} and {@code σ_T = ½ × P1} of the pairwise
     * distances among a random subset of {@code points} (all of them when fewer than
     * {@code subset}).
     *
     * @throws IllegalArgumentException if the points have fewer than two distinct rows
     */
    public static WidthRange fromPairwiseDistances(FloatMatrix points, int subset, UniformRandomProvider rng) {
        return fromPairwiseDistances(points, subset, rng, Quantiles.PAPER);
    }

    /**
     * {@code σ_T = ½ × P(low)} and {@code σ_0 = 2 × P(high)} of the pairwise distances among a
     * random subset of {@code points}, as {@link #fromPairwiseDistances(FloatMatrix, int,
     * UniformRandomProvider)} with other quantiles.
     *
     * @throws IllegalArgumentException if the points have fewer than two distinct rows
     */
    public static WidthRange fromPairwiseDistances(FloatMatrix points, int subset, UniformRandomProvider rng,
            Quantiles quantiles) {
        double[] distances = PairwiseDistances.euclidean(points, subset, rng);
        double[] q = Quantile.withDefaults().evaluate(distances, quantiles.low(), quantiles.high());
        if (!(q[0] > 0)) {
            // many repeated points: take the smallest positive distance instead of 0
            double min = Double.POSITIVE_INFINITY;
            for (double d : distances) {
                if (d > 0) {
                    min = Math.min(min, d);
                }
            }
            if (min == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("width range: all sampled points are identical; "
                        + "give the width range explicitly");
            }
            q[0] = min;
        }
        return new WidthRange(2 * q[1], 0.5 * q[0]);
    }
}
