package org.sparker.baselines;

import java.util.Arrays;

/** Weighted Gram matrices of row-major feature matrices, summed in a fixed order. */
final class Gram {

    private Gram() {
    }

    /**
     * {@code out = Σ_i w_i φ_i φ_iᵀ} (full symmetric {@code r×r}, row-major) for the rows
     * {@code φ_i} of the {@code n×r} matrix {@code phi}; {@code w == null} means all 1.
     */
    static void weighted(double[] phi, int n, int r, double[] w, double[] out) {
        Arrays.fill(out, 0, r * r, 0);
        // panels of rows of the result stay in cache while the points stream by
        int panel = Math.max(8, Math.min(r, 32768 / Math.max(1, r)));
        for (int a0 = 0; a0 < r; a0 += panel) {
            int a1 = Math.min(r, a0 + panel);
            for (int i = 0; i < n; i++) {
                int o = i * r;
                double wi = w == null ? 1 : w[i];
                for (int a = a0; a < a1; a++) {
                    double c = wi * phi[o + a];
                    int row = a * r;
                    for (int b = 0; b <= a; b++) {
                        out[row + b] += c * phi[o + b];
                    }
                }
            }
        }
        for (int a = 0; a < r; a++) {
            for (int b = 0; b < a; b++) {
                out[b * r + a] = out[a * r + b];
            }
        }
    }
}
