package org.sparker.transport;

import java.util.Arrays;

/**
 * k-medoids by PAM (Kaufman and Rousseeuw): BUILD adds, one at a time, the point that lowers
 * the total distance to the nearest medoid most; SWAP then exchanges a medoid with a non-medoid
 * while the best exchange lowers it, using each point's nearest and second-nearest medoid so one
 * candidate exchange costs {@code O(n)}. The objective {@code Σ_{x∈R} min_{m∈M} d(x, m)} over
 * {@code M ⊂ R, |M| = k} (Fraser et al. §2). Ties go to the lowest index, so the result is
 * deterministic.
 */
public final class KMedoids {

    /**
     * The medoids and their objective.
     *
     * @param medoids indices into the sample, in the order BUILD/SWAP left them
     * @param cost {@code Σ_x min_m d(x, m)}
     * @param nearest each point's distance to its nearest medoid
     */
    public record Result(int[] medoids, double cost, double[] nearest) {
    }

    private KMedoids() {
    }

    /**
     * PAM over a symmetric {@code n×n} distance matrix (row-major, finite, ≥ 0, zero diagonal).
     *
     * @param k medoids, {@code 1 ≤ k ≤ n}
     */
    public static Result pam(double[] distances, int n, int k) {
        if (distances == null || n < 1 || distances.length != (long) n * n) {
            throw new IllegalArgumentException("distances: needs " + n + "×" + n + " values, got "
                    + (distances == null ? "none" : String.valueOf(distances.length)));
        }
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k: must be between 1 and the sample size " + n + ", got " + k);
        }
        for (int q = 0; q < distances.length; q++) {
            if (!(distances[q] >= 0) || !Double.isFinite(distances[q])) {
                throw new IllegalArgumentException("distances: value at row " + q / n + ", column " + q % n
                        + " is " + distances[q] + "; distances must be finite and ≥ 0");
            }
        }
        int[] medoids = new int[k];
        boolean[] isMedoid = new boolean[n];
        double[] near = new double[n];
        Arrays.fill(near, Double.POSITIVE_INFINITY);
        // BUILD
        for (int c = 0; c < k; c++) {
            int best = -1;
            double bestCost = Double.POSITIVE_INFINITY;
            for (int cand = 0; cand < n; cand++) {
                if (isMedoid[cand]) {
                    continue;
                }
                double total = 0;
                int row = cand * n;
                for (int x = 0; x < n; x++) {
                    total += Math.min(near[x], distances[row + x]);
                }
                if (total < bestCost) {
                    bestCost = total;
                    best = cand;
                }
            }
            medoids[c] = best;
            isMedoid[best] = true;
            for (int x = 0; x < n; x++) {
                near[x] = Math.min(near[x], distances[best * n + x]);
            }
        }
        // SWAP
        int[] nearestIdx = new int[n];
        double[] d1 = new double[n];
        double[] d2 = new double[n];
        double current = assign(distances, n, medoids, nearestIdx, d1, d2);
        for (int round = 0; round < 100 * n; round++) {
            double bestDelta = -1e-12 * Math.max(current, Double.MIN_NORMAL);
            int bestSlot = -1;
            int bestCand = -1;
            for (int slot = 0; slot < k; slot++) {
                int med = medoids[slot];
                for (int cand = 0; cand < n; cand++) {
                    if (isMedoid[cand]) {
                        continue;
                    }
                    int row = cand * n;
                    double delta = 0;
                    for (int x = 0; x < n; x++) {
                        double dc = distances[row + x];
                        if (nearestIdx[x] == med) {
                            delta += Math.min(dc, d2[x]) - d1[x];
                        } else if (dc < d1[x]) {
                            delta += dc - d1[x];
                        }
                    }
                    if (delta < bestDelta) {
                        bestDelta = delta;
                        bestSlot = slot;
                        bestCand = cand;
                    }
                }
            }
            if (bestSlot < 0) {
                break;
            }
            isMedoid[medoids[bestSlot]] = false;
            medoids[bestSlot] = bestCand;
            isMedoid[bestCand] = true;
            current = assign(distances, n, medoids, nearestIdx, d1, d2);
        }
        return new Result(medoids, current, d1);
    }

    /** Nearest and second-nearest medoid distances; returns the objective. */
    private static double assign(double[] dist, int n, int[] medoids, int[] nearestIdx, double[] d1, double[] d2) {
        double total = 0;
        for (int x = 0; x < n; x++) {
            double a = Double.POSITIVE_INFINITY;
            double b = Double.POSITIVE_INFINITY;
            int ai = -1;
            for (int med : medoids) {
                double v = dist[med * n + x];
                if (v < a) {
                    b = a;
                    a = v;
                    ai = med;
                } else if (v < b) {
                    b = v;
                }
            }
            nearestIdx[x] = ai;
            d1[x] = a;
            d2[x] = b;
            total += a;
        }
        return total;
    }
}
