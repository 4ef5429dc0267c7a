package org.sparker.baselines;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.TrainingSamples;
import org.sparker.sampling.Seeds;
import org.sparker.sampling.Stream;
import org.sparker.sampling.PairwiseDistances;

/**
 * MMD-FUSE (Biggs, Schrab and Gretton, NeurIPS 2023) with Nyström features, as the paper's
 * "Nyström-MMD" baseline. For each kernel ({@link NystromKernel}) and each of its bandwidths,
 * the MMD U-statistic of the two samples is normalised by the Frobenius norm of the
 * zero-diagonal kernel matrix; the normalised statistics are fused by
 * {@code log((1/N) Σ exp(·))}, and the p-value is the fraction of the {@code B + 1} statistics
 * (B random permutations of the pooled labels, plus the unpermuted one) at least as large as
 * the unpermuted one. Unequal sample sizes use MMD-FUSE's weighting of the within- and
 * between-sample sums.
 *
 * <p>With features {@code φ} (a {@link NystromBasis} on random landmarks), {@code k(x, y)} is
 * replaced by {@code φ(x)ᵀφ(y)}: every sum over pairs becomes a squared norm of a feature sum,
 * so a permutation costs {@code O(n r)} for the smaller sample's {@code n} points instead of
 * {@code O((m + n)²)}. With the landmarks at all points and no truncation it is the exact test.
 *
 * <p>Bandwidths, as in MMD-FUSE: {@code q} equally spaced values from half the 5th to twice the
 * 95th percentile of the pairwise distances of the pooled sample (L2 for the Gaussian, L1 for the
 * Laplace kernel), estimated on a random subset of points. They depend on the pooled sample only,
 * so the permutation test keeps its level.
 */
public final class MmdFuse {

    /**
     * The settings.
     *
     * @param kernels the kernel families, each with {@code bandwidths} bandwidths
     * @param bandwidths bandwidths per kernel, ≥ 2
     * @param permutations {@code B}, ≥ 1
     * @param landmarks candidate Nyström landmarks drawn from the pooled sample
     * @param maxFeatures the most features per kernel and bandwidth
     * @param pivotTolerance relative residual at which a basis stops growing
     * @param threads threads for the permutations (results do not depend on it)
     */
    public record Config(List<NystromKernel> kernels, int bandwidths, int permutations, int landmarks, int maxFeatures,
            double pivotTolerance, int threads) {

        /** Gaussian and Laplace, 10 bandwidths each, 2,000 permutations, 1,000 landmarks, ≤ 100 features. */
        public static final Config DEFAULT = new Config(List.of(NystromKernel.GAUSSIAN, NystromKernel.LAPLACE), 10,
                2000, 1000, 100, 1e-8, 1);

        public Config {
            kernels = List.copyOf(kernels);
            if (kernels.isEmpty() || kernels.size() != kernels.stream().distinct().count()) {
                throw new IllegalArgumentException("mmd-fuse kernels: need at least one, each once, got " + kernels);
            }
            if (bandwidths < 2) {
                throw new IllegalArgumentException("mmd-fuse bandwidths: need at least 2, got " + bandwidths);
            }
            if (permutations < 1) {
                throw new IllegalArgumentException("mmd-fuse permutations: need at least 1, got " + permutations);
            }
            if (landmarks < 1 || maxFeatures < 1) {
                throw new IllegalArgumentException("mmd-fuse: landmarks and features must be ≥ 1, got " + landmarks
                        + " and " + maxFeatures);
            }
            if (!(pivotTolerance >= 0) || !(pivotTolerance < 1)) {
                throw new IllegalArgumentException("mmd-fuse pivot tolerance: must be in [0, 1), got " + pivotTolerance);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("mmd-fuse threads: need at least 1, got " + threads);
            }
        }

        public Config withPermutations(int b) {
            return new Config(kernels, bandwidths, b, landmarks, maxFeatures, pivotTolerance, threads);
        }

        public Config withFeatures(int landmarkCount, int features, double tolerance) {
            return new Config(kernels, bandwidths, permutations, landmarkCount, features, tolerance, threads);
        }

        public Config withThreads(int t) {
            return new Config(kernels, bandwidths, permutations, landmarks, maxFeatures, pivotTolerance, t);
        }

        /** The settings as JSON-friendly values. */
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kernels", kernels.stream().map(NystromKernel::label).toList());
            m.put("bandwidths", bandwidths);
            m.put("permutations", permutations);
            m.put("landmarks", landmarks);
            m.put("max_features", maxFeatures);
            m.put("pivot_tolerance", pivotTolerance);
            return m;
        }
    }

    /**
     * One test.
     *
     * @param statistic the fused statistic of the unpermuted samples
     * @param pValue {@code #{b : T_b ≥ T} / (B + 1)}, the unpermuted statistic included
     * @param kernels the kernel of each (kernel, bandwidth) pair
     * @param bandwidths the bandwidth of each pair
     * @param statistics the normalised MMD of each pair, unpermuted
     * @param features the number of Nyström features of each pair
     */
    public record Result(double statistic, double pValue, List<NystromKernel> kernels, double[] bandwidths,
            double[] statistics, int[] features) {
    }

    private static final int SUBSET = 2000;
    private static final int BLOCK = 64; // permutations per seeded block

    private final Config config;

    public MmdFuse(Config config) {
        this.config = config;
    }

    public Config config() {
        return config;
    }

    /** The MMD-FUSE bandwidths of {@code kernel} for the pooled sample. */
    public double[] bandwidths(NystromKernel kernel, FloatMatrix pooled, UniformRandomProvider rng) {
        double[] d = kernel == NystromKernel.GAUSSIAN ? PairwiseDistances.euclidean(pooled, SUBSET, rng)
                : PairwiseDistances.manhattan(pooled, SUBSET, rng);
        double[] sorted = d.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        for (int i = 0; i < d.length; i++) {
            if (d[i] == 0) {
                d[i] = median;
            }
        }
        Arrays.sort(d);
        double low = d[(int) Math.floor(d.length * 0.05)] / 2;
        double high = d[(int) Math.floor(d.length * 0.95)] * 2;
        if (!(low > 0)) {
            throw new IllegalArgumentException("mmd-fuse: all sampled points are identical; no bandwidth can be chosen");
        }
        int q = config.bandwidths();
        double[] b = new double[q];
        for (int i = 0; i < q; i++) {
            b[i] = low + (high - low) * i / (q - 1);
        }
        return b;
    }

    /** Runs the test with bandwidths, landmarks and permutations drawn from {@code seed}. */
    public Result test(KernelBackend backend, TrainingSamples samples, long seed) {
        FloatMatrix pooled = pooled(samples);
        double[][] bw = new double[config.kernels().size()][];
        for (int k = 0; k < bw.length; k++) {
            bw[k] = bandwidths(config.kernels().get(k), pooled, Seeds.stream(Stream.MMD_BANDWIDTHS, seed));
        }
        return test(backend, samples, bw, seed);
    }

    /**
     * Runs the test at given bandwidths ({@code bandwidths[k]} for kernel {@code k} of the
     * configuration).
     */
    public Result test(KernelBackend backend, TrainingSamples samples, double[][] bandwidths, long seed) {
        if (samples.referencePointWeights() != null || samples.dataPointWeights() != null) {
            throw new IllegalArgumentException("mmd-fuse: per-point weights are not supported; MMD compares unweighted samples");
        }
        if (bandwidths.length != config.kernels().size()) {
            throw new IllegalArgumentException("mmd-fuse: " + bandwidths.length + " bandwidth lists for "
                    + config.kernels().size() + " kernels");
        }
        FloatMatrix pooled = pooled(samples);
        int total = pooled.rows();
        int m = Math.max(samples.reference().rows(), samples.data().rows()); // X: the larger sample, first
        int n = total - m;
        if (n < 2) {
            throw new IllegalArgumentException("mmd-fuse: each sample needs at least 2 points, got " + n);
        }
        FloatMatrix landmarks = total <= config.landmarks() ? pooled
                : pooled.selectRows(new PermutationSampler(Seeds.stream(Stream.MMD_LANDMARKS, seed), total,
                        config.landmarks()).sample());

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
        Statistic stat = new Statistic(all, q, sumAll, qTotal, frobenius, offset, pairs, width, m, n);

        // unpermuted: Y is the smaller sample, the last n rows of the pooled sample
        int[] original = new int[n];
        for (int i = 0; i < n; i++) {
            original[i] = m + i;
        }
        double[] perPair = new double[pairs];
        double observed = stat.fused(original, perPair, new double[width], new double[pairs]);

        int b = config.permutations();
        double[] permuted = new double[b];
        int blocks = (b + BLOCK - 1) / BLOCK;
        int threads = Math.min(config.threads(), blocks);
        Runnable[] work = new Runnable[blocks];
        for (int blk = 0; blk < blocks; blk++) {
            int from = blk * BLOCK;
            int to = Math.min(b, from + BLOCK);
            long blockSeed = Stream.MMD_PERMUTATIONS.seed(seed, blk);
            work[blk] = () -> {
                UniformRandomProvider rng = Seeds.stream(blockSeed);
                int[] index = PermutationSampler.natural(total);
                int[] ys = new int[n];
                double[] sy = new double[width];
                double[] qy = new double[pairs];
                double[] unused = new double[pairs];
                for (int j = from; j < to; j++) {
                    // a uniformly random n-subset of the pooled points: a partial Fisher–Yates shuffle
                    for (int i = 0; i < n; i++) {
                        int swap = i + rng.nextInt(total - i);
                        int t = index[i];
                        index[i] = index[swap];
                        index[swap] = t;
                        ys[i] = index[i];
                    }
                    permuted[j] = stat.fused(ys, unused, sy, qy);
                }
            };
        }
        run(work, threads);
        int atLeast = 1; // the unpermuted statistic itself
        for (double t : permuted) {
            if (t >= observed) {
                atLeast++;
            }
        }
        double[] bws = bandwidthOf.stream().mapToDouble(Double::doubleValue).toArray();
        int[] feats = bases.stream().mapToInt(NystromBasis::rank).toArray();
        return new Result(observed, atLeast / (double) (b + 1), List.copyOf(kernelOf), bws, perPair, feats);
    }

    /** The pooled sample with the larger sample first (MMD-FUSE's X), then the smaller (Y). */
    private static FloatMatrix pooled(TrainingSamples s) {
        return s.reference().rows() >= s.data().rows() ? s.reference().concat(s.data()) : s.data().concat(s.reference());
    }

    /** The fused statistic of a split given by the indices of its {@code n}-point sample Y. */
    private record Statistic(float[] all, double[] q, double[] sumAll, double[] qTotal, double[] frobenius,
            int[] offset, int pairs, int width, int m, int n) {

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

    private static void run(Runnable[] work, int threads) {
        if (threads <= 1) {
            for (Runnable r : work) {
                r.run();
            }
            return;
        }
        ExecutorService ex = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sparker-mmd-fuse");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (Runnable r : work) {
                fs.add(ex.submit(r));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("mmd-fuse interrupted", e);
        } finally {
            ex.shutdownNow();
        }
    }
}
