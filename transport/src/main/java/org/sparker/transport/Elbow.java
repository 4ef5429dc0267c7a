package org.sparker.transport;

import java.util.Arrays;

/**
 * The elbow rule for the number of medoids (Fraser et al. §2, §5): for each k, {@code y(k)} is
 * the centre of the modal bin of the points' nearest-medoid distances (50 bins on [0, P99]); a
 * hinge {@code α + βk + γ·max(0, k − k0)} is fitted by least squares with {@code k0} scanned
 * over the range of k; the choice is {@code ⌊k0⌋ + 1}, the first whole number after the elbow.
 */
public final class Elbow {

    /** Bins of the nearest-distance histogram. */
    public static final int BINS = 50;

    /**
     * The fit.
     *
     * @param k0 the fitted elbow
     * @param chosen {@code ⌊k0⌋ + 1}
     * @param residual the least-squares sum of squares at {@code k0}
     */
    public record Choice(double k0, int chosen, double residual) {
    }

    private Elbow() {
    }

    /** {@code y(k)}: the modal-bin centre of {@code nearest} over 50 bins on [0, P99]. */
    public static double modalDistance(double[] nearest) {
        if (nearest == null || nearest.length == 0) {
            throw new IllegalArgumentException("nearest: needs at least one distance");
        }
        double[] sorted = nearest.clone();
        Arrays.sort(sorted);
        double p99 = sorted[(int) Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)];
        if (!(p99 > 0)) {
            return 0; // at least 99% of the points sit on a medoid
        }
        int[] counts = new int[BINS];
        for (double v : nearest) {
            if (v <= p99) {
                counts[Math.min(BINS - 1, (int) (v / p99 * BINS))]++;
            }
        }
        int mode = 0;
        for (int b = 1; b < BINS; b++) {
            if (counts[b] > counts[mode]) {
                mode = b;
            }
        }
        return (mode + 0.5) * p99 / BINS;
    }

    /**
     * Fits the hinge to {@code y[i]} at {@code k = ks[i]} (at least 4 values of k, increasing)
     * and picks the number of medoids.
     */
    public static Choice choose(int[] ks, double[] y) {
        if (ks == null || y == null || ks.length != y.length || ks.length < 4) {
            throw new IllegalArgumentException("elbow: needs y(k) at 4 or more values of k, got "
                    + (ks == null ? 0 : ks.length));
        }
        for (int i = 1; i < ks.length; i++) {
            if (ks[i] <= ks[i - 1]) {
                throw new IllegalArgumentException("elbow: the values of k must increase, got " + Arrays.toString(ks));
            }
        }
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("elbow: y(" + ks[i] + ") is " + y[i]);
            }
        }
        double lo = ks[0];
        double hi = ks[ks.length - 1];
        int steps = (int) Math.round((hi - lo) * 1000);
        double bestK0 = lo;
        double best = Double.POSITIVE_INFINITY;
        for (int s = 1; s < steps; s++) {
            double k0 = lo + s / 1000.0;
            double r = residual(ks, y, k0);
            if (best == Double.POSITIVE_INFINITY ? r < best : r < best - 1e-15 * Math.max(1, best)) {
                best = r;
                bestK0 = k0;
            }
        }
        return new Choice(bestK0, (int) Math.floor(bestK0) + 1, best);
    }

    /** The least-squares residual of {@code α + βk + γ·max(0, k − k0)} (normal equations, 3×3). */
    static double residual(int[] ks, double[] y, double k0) {
        double[][] a = new double[3][4];
        for (int i = 0; i < ks.length; i++) {
            double[] row = {1, ks[i], Math.max(0, ks[i] - k0)};
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    a[r][c] += row[r] * row[c];
                }
                a[r][3] += row[r] * y[i];
            }
        }
        double[] coef = solve3(a);
        if (coef == null) {
            return Double.POSITIVE_INFINITY;
        }
        double ss = 0;
        for (int i = 0; i < ks.length; i++) {
            double fit = coef[0] + coef[1] * ks[i] + coef[2] * Math.max(0, ks[i] - k0);
            ss += (y[i] - fit) * (y[i] - fit);
        }
        return ss;
    }

    /** Gaussian elimination with partial pivoting; {@code null} when singular. */
    private static double[] solve3(double[][] a) {
        for (int c = 0; c < 3; c++) {
            int piv = c;
            for (int r = c + 1; r < 3; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            if (Math.abs(a[piv][c]) < 1e-12) {
                return null;
            }
            double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            for (int r = c + 1; r < 3; r++) {
                double f = a[r][c] / a[c][c];
                for (int q = c; q < 4; q++) {
                    a[r][q] -= f * a[c][q];
                }
            }
        }
        double[] x = new double[3];
        for (int r = 2; r >= 0; r--) {
            double s = a[r][3];
            for (int q = r + 1; q < 3; q++) {
                s -= a[r][q] * x[q];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }
}
