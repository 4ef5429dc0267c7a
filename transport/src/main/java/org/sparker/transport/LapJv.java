package org.sparker.transport;

/**
 * The exact linear assignment problem for a dense square cost matrix, by the Jonker–Volgenant
 * algorithm (Computing 38, 1987): column reduction, reduction transfer, two rounds of
 * augmenting row reduction, then a shortest augmenting path (Dijkstra over reduced costs) for
 * each row still free. {@code O(n³)} in the worst case, far less on the costs of optimal
 * transport, where the reductions assign most rows.
 *
 * <p>This is the exact solver of a balanced transport problem between two equal-size batches
 * with uniform weights (RAD-OT §2): its optimal plan is a permutation (Birkhoff),
 * so the assignment is the plan, with no {@code 1/B} mass arithmetic at all.
 */
public final class LapJv {

    private LapJv() {
    }

    /**
     * The row-to-column assignment {@code σ} minimising {@code Σ_i cost[i·n + σ(i)]}.
     *
     * @param cost row-major {@code n×n}, finite
     * @param n the size, ≥ 1
     * @return {@code σ}, a permutation of {@code 0 … n−1}
     */
    public static int[] solve(double[] cost, int n) {
        return solve(cost, n, n >= AUCTION_FROM);
    }

    /** {@link #solve(double[], int)} with the warm start chosen (tests compare both starts). */
    static int[] solve(double[] cost, int n, boolean auction) {
        if (n < 1 || cost == null || cost.length != (long) n * n) {
            throw new IllegalArgumentException("cost: needs " + n + "×" + n + " values, got "
                    + (cost == null ? "none" : String.valueOf(cost.length)));
        }
        for (int k = 0; k < cost.length; k++) {
            if (!Double.isFinite(cost[k])) {
                throw new IllegalArgumentException("cost: value at row " + k / n + ", column " + k % n + " is "
                        + cost[k] + "; costs must be finite");
            }
        }
        int[] rowsol = new int[n];
        int[] colsol = new int[n];
        double[] v = new double[n];
        int[] free = new int[n];
        int numFree = !auction ? initialize(cost, n, rowsol, colsol, v, free)
                : initializeFromAuction(cost, n, rowsol, colsol, v, free);
        numFree = augmentingRowReduction(cost, n, rowsol, colsol, v, free, numFree);
        augment(cost, n, rowsol, colsol, v, free, numFree);
        return rowsol;
    }

    /** From this size on, the column prices start from an ε-scaled auction instead of column reduction. */
    static final int AUCTION_FROM = 200;

    /**
     * Near-optimal column prices from Bertsekas' forward auction with ε-scaling (ε from a quarter
     * of the largest |cost| down by 5× a phase to 1e-9 of it), then every row takes its cheapest
     * column under those prices if no earlier row has. That state satisfies what the exact phases
     * need (each assigned row sits at its reduced-cost minimum), and with near-optimal prices the
     * shortest augmenting paths that remain are short: on geometric costs (RAD-OT's squared
     * distances) this replaces the cubic behaviour of a cold start. The result is exact either
     * way; only the time changes.
     */
    private static int initializeFromAuction(double[] c, int n, int[] rowsol, int[] colsol, double[] v, int[] free) {
        double max = 0;
        for (double x : c) {
            max = Math.max(max, Math.abs(x));
        }
        double[] p = new double[n];
        if (max > 0) {
            double epsFinal = 1e-9 * max;
            int[] owner = new int[n];
            int[] queue = new int[n];
            for (double eps = max / 4; ; eps = Math.max(epsFinal, eps / 5)) {
                java.util.Arrays.fill(owner, -1);
                for (int i = 0; i < n; i++) {
                    queue[i] = i;
                }
                int head = 0;
                int tail = 0;
                int pending = n;
                while (pending > 0) {
                    int i = queue[head];
                    head = head + 1 == n ? 0 : head + 1;
                    pending--;
                    int row = i * n;
                    double w1 = Double.POSITIVE_INFINITY;
                    double w2 = Double.POSITIVE_INFINITY;
                    int j1 = 0;
                    for (int j = 0; j < n; j++) {
                        double val = c[row + j] + p[j];
                        if (val < w2) {
                            if (val < w1) {
                                w2 = w1;
                                w1 = val;
                                j1 = j;
                            } else {
                                w2 = val;
                            }
                        }
                    }
                    p[j1] += (w2 - w1) + eps;
                    int prev = owner[j1];
                    owner[j1] = i;
                    if (prev >= 0) {
                        queue[tail] = prev;
                        tail = tail + 1 == n ? 0 : tail + 1;
                        pending++;
                    }
                }
                if (eps == epsFinal) {
                    break;
                }
            }
        }
        java.util.Arrays.fill(rowsol, -1);
        java.util.Arrays.fill(colsol, -1);
        for (int j = 0; j < n; j++) {
            v[j] = -p[j];
        }
        int numFree = 0;
        for (int i = 0; i < n; i++) {
            int row = i * n;
            double best = Double.POSITIVE_INFINITY;
            int bj = 0;
            for (int j = 0; j < n; j++) {
                double r = c[row + j] - v[j];
                if (r < best) {
                    best = r;
                    bj = j;
                }
            }
            if (colsol[bj] < 0) {
                rowsol[i] = bj;
                colsol[bj] = i;
            } else {
                free[numFree++] = i;
            }
        }
        return numFree;
    }

    /** The assignment's total cost. */
    public static double cost(double[] cost, int n, int[] assignment) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += cost[i * n + assignment[i]];
        }
        return s;
    }

    /** Column reduction (last column first) and reduction transfer; returns the free rows' count. */
    private static int initialize(double[] c, int n, int[] rowsol, int[] colsol, double[] v, int[] free) {
        int[] matches = new int[n];
        java.util.Arrays.fill(rowsol, -1);
        for (int j = n - 1; j >= 0; j--) {
            double min = c[j];
            int imin = 0;
            for (int i = 1; i < n; i++) {
                double h = c[i * n + j];
                if (h < min) {
                    min = h;
                    imin = i;
                }
            }
            v[j] = min;
            if (++matches[imin] == 1) {
                rowsol[imin] = j;
                colsol[j] = imin;
            } else {
                colsol[j] = -1;
            }
        }
        int numFree = 0;
        for (int i = 0; i < n; i++) {
            if (matches[i] == 0) {
                free[numFree++] = i;
            } else if (matches[i] == 1) {
                int j1 = rowsol[i];
                double min = Double.POSITIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    if (j != j1) {
                        min = Math.min(min, c[i * n + j] - v[j]);
                    }
                }
                if (min < Double.POSITIVE_INFINITY) {
                    v[j1] -= min;
                }
            }
        }
        return numFree;
    }

    /**
     * Two rounds of augmenting row reduction. The work is capped (it is only a head start for
     * {@link #augment}): with real-valued costs, chains of tiny price changes could otherwise
     * run for a long time.
     */
    private static int augmentingRowReduction(double[] c, int n, int[] rowsol, int[] colsol, double[] v, int[] free,
            int numFree) {
        if (n == 1) {
            return numFree;
        }
        for (int round = 0; round < 2; round++) {
            int k = 0;
            int previous = numFree;
            numFree = 0;
            long budget = 10L * n + 100;
            while (k < previous) {
                int i = free[k++];
                if (--budget < 0) {
                    free[numFree++] = i; // out of budget: leave it for the augmentation
                    continue;
                }
                int row = i * n;
                double umin = c[row] - v[0];
                int j1 = 0;
                int j2 = -1;
                double usubmin = Double.POSITIVE_INFINITY;
                for (int j = 1; j < n; j++) {
                    double h = c[row + j] - v[j];
                    if (h < usubmin) {
                        if (h >= umin) {
                            usubmin = h;
                            j2 = j;
                        } else {
                            usubmin = umin;
                            umin = h;
                            j2 = j1;
                            j1 = j;
                        }
                    }
                }
                int i0 = colsol[j1];
                if (umin < usubmin) {
                    v[j1] -= usubmin - umin;
                } else if (i0 >= 0) {
                    j1 = j2;
                    i0 = colsol[j2];
                }
                rowsol[i] = j1;
                colsol[j1] = i;
                if (i0 >= 0) {
                    rowsol[i0] = -1;
                    if (umin < usubmin) {
                        free[--k] = i0;
                    } else {
                        free[numFree++] = i0;
                    }
                }
            }
        }
        return numFree;
    }

    /** A shortest augmenting path from each free row (Dijkstra over reduced costs), then the price update. */
    private static void augment(double[] c, int n, int[] rowsol, int[] colsol, double[] v, int[] free, int numFree) {
        double[] d = new double[n];
        int[] pred = new int[n];
        int[] collist = new int[n];
        for (int f = 0; f < numFree; f++) {
            int freeRow = free[f];
            int frow = freeRow * n;
            for (int j = 0; j < n; j++) {
                d[j] = c[frow + j] - v[j];
                pred[j] = freeRow;
                collist[j] = j;
            }
            int low = 0;
            int up = 0;
            int last = 0;
            int endOfPath = -1;
            double min = 0;
            boolean found = false;
            while (!found) {
                if (up == low) {
                    // the columns at the new minimum distance
                    last = low - 1;
                    min = d[collist[up++]];
                    for (int k = up; k < n; k++) {
                        int j = collist[k];
                        double h = d[j];
                        if (h <= min) {
                            if (h < min) {
                                up = low;
                                min = h;
                            }
                            collist[k] = collist[up];
                            collist[up++] = j;
                        }
                    }
                    for (int k = low; k < up; k++) {
                        if (colsol[collist[k]] < 0) {
                            endOfPath = collist[k];
                            found = true;
                            break;
                        }
                    }
                }
                if (!found) {
                    // scan the row assigned to the next minimum column
                    int j1 = collist[low++];
                    int i = colsol[j1];
                    int row = i * n;
                    double h = c[row + j1] - v[j1] - min;
                    for (int k = up; k < n; k++) {
                        int j = collist[k];
                        double v2 = c[row + j] - v[j] - h;
                        if (v2 < d[j]) {
                            pred[j] = i;
                            if (v2 == min) {
                                if (colsol[j] < 0) {
                                    endOfPath = j;
                                    found = true;
                                    break;
                                }
                                collist[k] = collist[up];
                                collist[up++] = j;
                            }
                            d[j] = v2;
                        }
                    }
                }
            }
            for (int k = 0; k <= last; k++) {
                int j1 = collist[k];
                v[j1] += d[j1] - min;
            }
            int i;
            do {
                i = pred[endOfPath];
                colsol[endOfPath] = i;
                int j1 = endOfPath;
                endOfPath = rowsol[i];
                rowsol[i] = j1;
            } while (i != freeRow);
        }
    }
}
