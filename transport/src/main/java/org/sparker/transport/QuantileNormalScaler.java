package org.sparker.transport;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * A per-feature quantile → standard normal map {@code S(x)_k = Φ⁻¹(F̂_k(x_k))}, with
 * {@code F̂_k} the empirical CDF of the fitting sample (mid-ranks {@code (r − ½)/N} at the sample
 * points, linear between them, clamped outside), used by RAD-OT for the cost only (RAD-OT paper,
 * Algorithm 1 step 2): it makes the matching insensitive to each feature's units and shape.
 * Monotone in every coordinate, so in 1-D the optimal matching is the sorted one whatever the
 * data (fixture G3).
 */
public final class QuantileNormalScaler {

    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

    private final double[][] sorted;
    private final double[][] normal;

    private QuantileNormalScaler(double[][] sorted, double[][] normal) {
        this.sorted = sorted;
        this.normal = normal;
    }

    /**
     * Fits the scaler to the rows of {@code data} ({@code n×d}, row-major, finite, n ≥ 2).
     */
    public static QuantileNormalScaler fit(double[] data, int n, int d) {
        if (n < 2 || d < 1 || data == null || data.length != (long) n * d) {
            throw new IllegalArgumentException("scaler: needs at least 2 rows of " + d + " features");
        }
        double[][] sorted = new double[d][];
        double[][] normal = new double[d][];
        for (int k = 0; k < d; k++) {
            double[] col = new double[n];
            for (int i = 0; i < n; i++) {
                col[i] = data[i * d + k];
                if (!Double.isFinite(col[i])) {
                    throw new IllegalArgumentException("scaler: row " + i + ", column " + k + " is " + col[i]);
                }
            }
            Arrays.sort(col);
            // merge ties: one knot per distinct value at its mid-rank
            int distinct = 0;
            double[] xs = new double[n];
            double[] zs = new double[n];
            for (int s = 0; s < n;) {
                int e = s;
                while (e + 1 < n && col[e + 1] == col[s]) {
                    e++;
                }
                double mid = 0.5 * (s + e) + 0.5; // mid-rank minus ½, over n: in (0, 1)
                xs[distinct] = col[s];
                zs[distinct] = STANDARD.inverseCumulativeProbability(mid / n);
                distinct++;
                s = e + 1;
            }
            sorted[k] = Arrays.copyOf(xs, distinct);
            normal[k] = Arrays.copyOf(zs, distinct);
        }
        return new QuantileNormalScaler(sorted, normal);
    }

    /** Features. */
    public int dimension() {
        return sorted.length;
    }

    /** {@code S(v)_k} for feature {@code k}. */
    public double transform(int k, double v) {
        double[] xs = sorted[k];
        double[] zs = normal[k];
        if (xs.length == 1 || v <= xs[0]) {
            return zs[0];
        }
        if (v >= xs[xs.length - 1]) {
            return zs[xs.length - 1];
        }
        int pos = Arrays.binarySearch(xs, v);
        if (pos >= 0) {
            return zs[pos];
        }
        int hi = -pos - 1;
        int lo = hi - 1;
        double t = (v - xs[lo]) / (xs[hi] - xs[lo]);
        return zs[lo] + t * (zs[hi] - zs[lo]);
    }

    /** Transforms rows {@code n×d} into a new array. */
    public double[] transform(double[] data, int n) {
        int d = dimension();
        double[] out = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                out[i * d + k] = transform(k, data[i * d + k]);
            }
        }
        return out;
    }
}
