package org.sparker.sampling;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.sparker.engine.FloatMatrix;

/**
 * Distances between all pairs of a random subset of points: what the trainer's width range
 * (docs/design.md §4), the kernel NP widths and the MMD-FUSE bandwidths are percentiles of.
 */
public final class PairwiseDistances {

    /** Default size of the random subset (the paper's 2,000 points). */
    public static final int DEFAULT_SUBSET = 2000;

    private PairwiseDistances() {
    }

    /**
     * Euclidean distances {@code ‖x_a − x_b‖₂} for all pairs {@code a < b} of a random subset of
     * {@code subset} rows (all of them when fewer), in double.
     *
     * @throws IllegalArgumentException with fewer than two points
     */
    public static double[] euclidean(FloatMatrix points, int subset, UniformRandomProvider rng) {
        return pairwise(points, subset, rng, false);
    }

    /** Manhattan distances {@code ‖x_a − x_b‖₁}, otherwise as {@link #euclidean}. */
    public static double[] manhattan(FloatMatrix points, int subset, UniformRandomProvider rng) {
        return pairwise(points, subset, rng, true);
    }

    /**
     * The {@code subset} random rows (all when fewer) of {@code a} followed by {@code b}, chosen as
     * {@link #euclidean} would choose them from {@code a.concat(b)}, without that copy.
     */
    public static FloatMatrix subsetOfUnion(FloatMatrix a, FloatMatrix b, int subset, UniformRandomProvider rng) {
        int n = a.rows() + b.rows();
        if (n < 2) {
            throw new IllegalArgumentException("pairwise distances: need at least two points, got " + n);
        }
        int s = Math.min(n, Math.max(2, subset));
        int[] rows = s == n ? PermutationSampler.natural(n) : new PermutationSampler(rng, n, s).sample();
        int d = a.cols();
        float[] out = new float[s * d];
        for (int i = 0; i < s; i++) {
            int r = rows[i];
            FloatMatrix from = r < a.rows() ? a : b;
            int row = r < a.rows() ? r : r - a.rows();
            System.arraycopy(from.data(), row * d, out, i * d, d);
        }
        return FloatMatrix.wrap(out, s, d);
    }

    private static double[] pairwise(FloatMatrix points, int subset, UniformRandomProvider rng, boolean manhattan) {
        int n = points.rows();
        if (n < 2) {
            throw new IllegalArgumentException("pairwise distances: need at least two points, got " + n);
        }
        int s = Math.min(n, Math.max(2, subset));
        int[] rows = s == n ? PermutationSampler.natural(n) : new PermutationSampler(rng, n, s).sample();
        int d = points.cols();
        float[] x = points.data();
        double[] out = new double[s * (s - 1) / 2];
        int o = 0;
        for (int a = 0; a < s; a++) {
            int ra = rows[a] * d;
            for (int b = a + 1; b < s; b++) {
                int rb = rows[b] * d;
                double sum = 0;
                for (int k = 0; k < d; k++) {
                    double diff = (double) x[ra + k] - x[rb + k];
                    sum += manhattan ? Math.abs(diff) : diff * diff;
                }
                out[o++] = manhattan ? sum : Math.sqrt(sum);
            }
        }
        return out;
    }
}
