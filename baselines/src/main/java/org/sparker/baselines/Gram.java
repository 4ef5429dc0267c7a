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
        int n4 = n - n % 4;
        for (int a0 = 0; a0 < r; a0 += panel) {
            int a1 = Math.min(r, a0 + panel);
            // four points at a time: each pass over the panel does four updates per load of out
            for (int i = 0; i < n4; i += 4) {
                int o0 = i * r;
                int o1 = o0 + r;
                int o2 = o1 + r;
                int o3 = o2 + r;
                double w0 = w == null ? 1 : w[i];
                double w1 = w == null ? 1 : w[i + 1];
                double w2 = w == null ? 1 : w[i + 2];
                double w3 = w == null ? 1 : w[i + 3];
                for (int a = a0; a < a1; a++) {
                    double c0 = w0 * phi[o0 + a];
                    double c1 = w1 * phi[o1 + a];
                    double c2 = w2 * phi[o2 + a];
                    double c3 = w3 * phi[o3 + a];
                    int row = a * r;
                    for (int b = 0; b <= a; b++) {
                        out[row + b] += c0 * phi[o0 + b] + c1 * phi[o1 + b] + c2 * phi[o2 + b] + c3 * phi[o3 + b];
                    }
                }
            }
            for (int i = n4; i < n; i++) {
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
