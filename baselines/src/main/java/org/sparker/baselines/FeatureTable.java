package org.sparker.baselines;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.sparker.engine.FloatMatrix;
import org.sparker.engine.KernelBackend;

/**
 * MMD-FUSE's feature table: for every (kernel, bandwidth) pair the Nyström features of all pooled
 * points, side by side in one float array (row {@code i} holds every pair's {@code φ(x_i)}), with
 * the per-point squared norms, the column sums and each pair's Frobenius norm of the off-diagonal
 * kernel matrix. From it the fused statistic of any split into X ({@code m} points) and Y
 * ({@code n} points) costs one pass over Y's rows, which is what the permutations need.
 *
 * <p>Every sum uses the stored float features, so the statistic is the exact MMD-FUSE of the
 * (positive semi-definite) kernel {@code φ̃(x)ᵀφ̃(y)} of the rounded features.
 */
record FeatureTable(float[] all, double[] q, double[] sumAll, double[] qTotal, double[] frobenius, int[] offset,
        int pairs, int width, int m, int n, List<NystromKernel> kernels, double[] bandwidths, int[] features) {

    /**
     * Builds the table of {@code pooled} (X first, then Y) on the Nyström bases at
     * {@code landmarks}, one basis per (kernel, bandwidth) pair of {@code config}.
     *
     * @throws IllegalArgumentException if a pair's kernel matrix vanishes off the diagonal
     */
    static FeatureTable build(KernelBackend backend, MmdFuse.Config config, double[][] bandwidths, FloatMatrix pooled,
            FloatMatrix landmarks, int m, int n) {
        int total = pooled.rows();
        // the bases first, so that every pair's features can go straight into one float array
        List<NystromKernel> kernelOf = new ArrayList<>();
        List<Double> bandwidthOf = new ArrayList<>();
        List<NystromBasis> bases = new ArrayList<>();
        for (int k = 0; k < bandwidths.length; k++) {
            for (double b : bandwidths[k]) {
                bases.add(NystromBasis.build(backend, config.kernels().get(k), b, landmarks, config.pivotTolerance(),
                        config.maxFeatures()));
                kernelOf.add(config.kernels().get(k));
                bandwidthOf.add(b);
            }
        }
        int pairs = bases.size();
        int[] offset = new int[pairs + 1];
        for (int p = 0; p < pairs; p++) {
            offset[p + 1] = offset[p] + bases.get(p).rank();
        }
        int width = offset[pairs];
        // all features side by side, in float (the permutations are bound by reading them): row i holds every pair's φ(x_i)
        float[] all = new float[total * width];
        double[] q = new double[total * pairs];     // ‖φ_p(x_i)‖²
        double[] sumAll = new double[width];
        double[] qTotal = new double[pairs];
        double[] frobenius = new double[pairs];
        for (int p = 0; p < pairs; p++) {
            int r = bases.get(p).rank();
            double[] phi = bases.get(p).features(backend, pooled); // one pair's double features at a time
            double[] gram = new double[r * r];
            Gram.weighted(phi, total, r, null, gram);
            double frob = 0;
            for (double g : gram) {
                frob += g * g;
            }
            for (int i = 0; i < total; i++) {
                double s = 0;
                for (int a = 0; a < r; a++) {
                    // every sum below uses the stored float features, so the statistic is the exact
                    // MMD-FUSE of the (positive semi-definite) kernel φ̃(x)ᵀφ̃(y) of the rounded features
                    float v = (float) phi[i * r + a];
                    all[i * width + offset[p] + a] = v;
                    sumAll[offset[p] + a] += v;
                    s += (double) v * v;
                }
                q[i * pairs + p] = s;
                qTotal[p] += s;
                frob -= s * s;
            }
            frobenius[p] = Math.sqrt(Math.max(frob, 0));
            if (!(frobenius[p] > 0)) {
                throw new IllegalArgumentException("mmd-fuse: the " + kernelOf.get(p).label() + " kernel matrix at bandwidth "
                        + bandwidthOf.get(p) + " vanishes off the diagonal; the bandwidth is too small for these points");
            }
        }
        double[] bws = bandwidthOf.stream().mapToDouble(Double::doubleValue).toArray();
        int[] feats = bases.stream().mapToInt(NystromBasis::rank).toArray();
        return new FeatureTable(all, q, sumAll, qTotal, frobenius, offset, pairs, width, m, n, List.copyOf(kernelOf), bws,
                feats);
    }

    /** The fused statistic of the split whose Y sample is rows {@code ys}; each pair's statistic into {@code perPair}. */
    double fused(int[] ys, double[] perPair, double[] sy, double[] qy) {
        Arrays.fill(sy, 0);
        Arrays.fill(qy, 0);
        for (int y : ys) {
            int o = y * width;
            for (int a = 0; a < width; a++) {
                sy[a] += all[o + a];
            }
            int oq = y * pairs;
            for (int p = 0; p < pairs; p++) {
                qy[p] += q[oq + p];
            }
        }
        double dm = m;
        double dn = n;
        double c10 = (dn - dm + 1) * (dn - 1) / (dm * (dm - 1));
        double c01 = (dm - dn + 1) / dm;
        double c11 = (dn - 1) / dm;
        double scale = Math.sqrt(dn * (dn - 1));
        double max = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < pairs; p++) {
            double xx = 0;
            double yy = 0;
            double diff = 0;
            for (int a = offset[p]; a < offset[p + 1]; a++) {
                double syA = sy[a];
                double sxA = sumAll[a] - syA;
                xx += sxA * sxA;
                yy += syA * syA;
                double dA = sxA - syA;
                diff += dA * dA;
            }
            double q10 = xx - (qTotal[p] - qy[p]);
            double q01 = yy - qy[p];
            double q11 = diff - qTotal[p];
            perPair[p] = (q10 * c10 + q01 * c01 + q11 * c11) / frobenius[p] * scale;
            max = Math.max(max, perPair[p]);
        }
        double s = 0;
        for (int p = 0; p < pairs; p++) {
            s += Math.exp(perPair[p] - max);
        }
        return max + Math.log(s / pairs);
    }
}
