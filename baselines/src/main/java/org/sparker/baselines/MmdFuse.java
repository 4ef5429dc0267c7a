package org.sparker.baselines;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
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
     * @param threads threads for the permutations (results do not depend on it, so files do not record it)
     */
    public record Config(List<NystromKernel> kernels, int bandwidths, int permutations, int landmarks, int maxFeatures,
            double pivotTolerance, @JsonIgnore int threads) {

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

        FeatureTable table = FeatureTable.build(backend, config, bandwidths, pooled, landmarks, m, n);
        int pairs = table.pairs();
        int width = table.width();

        // unpermuted: Y is the smaller sample, the last n rows of the pooled sample
        int[] original = new int[n];
        for (int i = 0; i < n; i++) {
            original[i] = m + i;
        }
        double[] perPair = new double[pairs];
        double observed = table.fused(original, perPair, new double[width], new double[pairs]);

        int b = config.permutations();
        double pValue = PermutationPValue.pValue(table, total, n, observed, b, config.threads(), seed);
        return new Result(observed, pValue, table.kernels(), table.bandwidths(), perPair, table.features());
    }

    /** The pooled sample with the larger sample first (MMD-FUSE's X), then the smaller (Y). */
    private static FloatMatrix pooled(TrainingSamples s) {
        return s.reference().rows() >= s.data().rows() ? s.reference().concat(s.data()) : s.data().concat(s.reference());
    }
}
