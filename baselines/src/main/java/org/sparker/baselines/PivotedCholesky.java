package org.sparker.baselines;

import java.util.Arrays;

/**
 * Partial Cholesky factorisation with diagonal pivoting of a symmetric positive semi-definite
 * matrix {@code K} (m×m) given column by column: {@code K ≈ L Lᵀ} with {@code L} of rank
 * {@code r ≤ m}, stopping when the largest remaining diagonal of the residual
 * {@code K − L Lᵀ} is at most {@code tolerance × max diag K} or the rank reaches a cap.
 *
 * <p>This is the rank-revealing step of the Nyström baselines: the Gaussian kernel matrix of
 * thousands of centres has a numerical rank of tens to hundreds in low dimension, and the
 * pivots select the centres that span it. Cost {@code O(m r²)} and {@code O(m r)} memory; only
 * {@code r} columns of {@code K} are ever evaluated.
 */
public final class PivotedCholesky {

    /** Supplies column {@code j} of {@code K}. */
    @FunctionalInterface
    public interface Columns {
        /** Writes {@code K[i, j]} into {@code out[i]} for every {@code i < m}. */
        void column(int j, double[] out);
    }

    private final int[] pivots;
    private final double[][] columns; // columns[k][i] = L[i, k]
    private final double residual;

    private PivotedCholesky(int[] pivots, double[][] columns, double residual) {
        this.pivots = pivots;
        this.columns = columns;
        this.residual = residual;
    }

    /**
     * Factorises {@code K}.
     *
     * @param m the size of {@code K}
     * @param diagonal {@code K[i, i]}, read only
     * @param k the column oracle
     * @param tolerance relative stopping threshold on the residual diagonal, ≥ 0
     * @param maxRank the largest rank to reach, ≥ 1
     */
    public static PivotedCholesky factor(int m, double[] diagonal, Columns k, double tolerance, int maxRank) {
        if (m < 1 || diagonal.length < m) {
            throw new IllegalArgumentException("pivoted Cholesky: need m ≥ 1 and m diagonal entries");
        }
        if (!(tolerance >= 0) || maxRank < 1) {
            throw new IllegalArgumentException("pivoted Cholesky: tolerance must be ≥ 0 and maxRank ≥ 1");
        }
        double[] d = Arrays.copyOf(diagonal, m);
        double scale = 0;
        for (int i = 0; i < m; i++) {
            if (!(d[i] >= 0) || !Double.isFinite(d[i])) {
                throw new IllegalArgumentException("pivoted Cholesky: diagonal entry " + i + " is " + d[i]
                        + "; the matrix is not positive semi-definite");
            }
            scale = Math.max(scale, d[i]);
        }
        double threshold = tolerance * scale;
        int cap = Math.min(m, maxRank);
        int[] piv = new int[cap];
        double[][] cols = new double[cap][];
        boolean[] chosen = new boolean[m];
        double[] kcol = new double[m];
        int r = 0;
        double largest = scale;
        while (r < cap) {
            int p = -1;
            largest = 0;
            for (int i = 0; i < m; i++) {
                if (!chosen[i] && d[i] > largest) {
                    largest = d[i];
                    p = i;
                }
            }
            if (p < 0 || largest <= threshold) {
                break;
            }
            k.column(p, kcol);
            double pivot = Math.sqrt(largest);
            double[] l = new double[m];
            for (int j = 0; j < r; j++) {
                double[] lj = cols[j];
                double ljp = lj[p];
                if (ljp != 0) {
                    for (int i = 0; i < m; i++) {
                        kcol[i] -= lj[i] * ljp;
                    }
                }
            }
            for (int i = 0; i < m; i++) {
                if (chosen[i]) {
                    l[i] = 0; // exactly zero in exact arithmetic: keeps L[pivots, :] triangular
                } else {
                    l[i] = kcol[i] / pivot;
                    d[i] = Math.max(0, d[i] - l[i] * l[i]);
                }
            }
            l[p] = pivot;
            d[p] = 0;
            chosen[p] = true;
            piv[r] = p;
            cols[r] = l;
            r++;
        }
        if (r < cap) {
            largest = 0;
            for (int i = 0; i < m; i++) {
                largest = Math.max(largest, d[i]);
            }
        }
        return new PivotedCholesky(Arrays.copyOf(piv, r), Arrays.copyOf(cols, r), largest);
    }

    /** The rank {@code r} reached. */
    public int rank() {
        return pivots.length;
    }

    /** The pivot indices, in the order chosen. */
    public int[] pivots() {
        return pivots.clone();
    }

    /** The largest residual diagonal entry when the factorisation stopped. */
    public double residual() {
        return residual;
    }

    /** {@code L[i, k]}. */
    public double get(int i, int k) {
        return columns[k][i];
    }

    /**
     * The leading block {@code L[pivots, :]}: an {@code r×r} lower-triangular matrix, row-major,
     * with {@code L_S L_Sᵀ = K[pivots, pivots]}.
     */
    public double[] pivotBlock() {
        int r = rank();
        double[] b = new double[r * r];
        for (int a = 0; a < r; a++) {
            int p = pivots[a];
            for (int k = 0; k <= a; k++) {
                b[a * r + k] = columns[k][p];
            }
        }
        return b;
    }
}
