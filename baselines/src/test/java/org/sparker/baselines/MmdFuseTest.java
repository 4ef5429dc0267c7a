package org.sparker.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.TrainingSamples;
import org.sparker.engine.reference.ReferenceBackend;
import org.sparker.sampling.Seeds;

class MmdFuseTest {

    static TrainingSamples gaussians(int m, int n, double shift, long seed) {
        UniformRandomProvider rng = Seeds.stream(seed);
        var g = ZigguratSampler.NormalizedGaussian.of(rng);
        float[] x = new float[2 * m];
        float[] y = new float[2 * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) g.sample();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (g.sample() + (i % 2 == 0 ? shift : 0));
        }
        return TrainingSamples.of(FloatMatrix.wrap(x, m, 2), FloatMatrix.wrap(y, n, 2));
    }

    /** The statistic with every point a landmark and no truncation: exact MMD-FUSE. */
    static double exact(KernelBackend b, TrainingSamples s, double[][] bw) {
        var c = new MmdFuse.Config(List.of(NystromKernel.GAUSSIAN, NystromKernel.LAPLACE), 3, 1, 100_000, 100_000,
                1e-14, 1);
        return new MmdFuse(c).test(b, s, bw, 1).statistic();
    }

    @Test
    void theNystromStatisticApproachesTheExactOneAsFeaturesGrow() {
        TrainingSamples s = gaussians(300, 150, 0.3, 11);
        double[][] bw = {{0.3, 1.0, 3.0}, {0.5, 2.0, 6.0}};
        try (KernelBackend b = new ReferenceBackend()) {
            double exact = exact(b, s, bw);
            double previous = Double.POSITIVE_INFINITY;
            double last = 0;
            for (int features : new int[] {4, 16, 64, 256}) {
                var c = new MmdFuse.Config(List.of(NystromKernel.GAUSSIAN, NystromKernel.LAPLACE), 3, 1, 450, features,
                        0, 1);
                double err = Math.abs(new MmdFuse(c).test(b, s, bw, 1).statistic() - exact);
                // down to the floor set by storing the features in float (≈ 1e-5 here)
                assertThat(err).as("error with %d features", features).isLessThan(Math.max(previous * 1.05, 1e-4));
                previous = err;
                last = err;
            }
            assertThat(last).isLessThan(1e-4 * Math.max(1, Math.abs(exact)));
        }
    }

    @Test
    void underTheNullThePermutationPValuesAreUniform() {
        var config = MmdFuse.Config.DEFAULT.withPermutations(99).withFeatures(200, 20, 1e-8);
        MmdFuse test = new MmdFuse(config);
        int toys = 150;
        double[] p = new double[toys];
        try (KernelBackend b = new ReferenceBackend()) {
            for (int k = 0; k < toys; k++) {
                p[k] = test.test(b, gaussians(120, 60, 0, 1000 + k), k).pValue();
            }
        }
        // discrete on {1/100, …, 1}: compare with the uniform on (0, 1]; the KS p-value must not be small
        double ks = KolmogorovSmirnovTest.withDefaults().test(p, x -> Math.min(1, Math.max(0, x))).getPValue();
        assertThat(ks).isGreaterThan(0.01);
        long rejected = java.util.Arrays.stream(p).filter(v -> v <= 0.05).count();
        assertThat(rejected).isBetween(1L, 18L); // 7.5 expected
    }

    @Test
    void aClearShiftGetsTheSmallestPValue() {
        var config = MmdFuse.Config.DEFAULT.withPermutations(199).withFeatures(200, 30, 1e-8);
        try (KernelBackend b = new ReferenceBackend()) {
            var r = new MmdFuse(config).test(b, gaussians(200, 100, 1.5, 5), 3);
            assertThat(r.pValue()).isEqualTo(1.0 / 200);
            assertThat(r.bandwidths()).hasSize(20);
            assertThat(java.util.Arrays.stream(r.features()).allMatch(f -> f >= 1 && f <= 30)).isTrue();
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        TrainingSamples s = gaussians(150, 80, 0.2, 9);
        var one = MmdFuse.Config.DEFAULT.withPermutations(300).withFeatures(100, 15, 1e-8);
        try (KernelBackend b = new ReferenceBackend()) {
            var a = new MmdFuse(one).test(b, s, 4);
            var c = new MmdFuse(one.withThreads(3)).test(b, s, 4);
            assertThat(c.pValue()).isEqualTo(a.pValue());
            assertThat(c.statistic()).isEqualTo(a.statistic());
        }
    }

    @Test
    void badInputIsRefusedWithTheParameterNamed() {
        assertThatThrownBy(() -> MmdFuse.Config.DEFAULT.withPermutations(0))
                .hasMessageContaining("permutations");
        TrainingSamples s = TrainingSamples.of(FloatMatrix.column(1, 2, 3, 4), FloatMatrix.column(5));
        try (KernelBackend b = new ReferenceBackend()) {
            assertThatThrownBy(() -> new MmdFuse(MmdFuse.Config.DEFAULT).test(b, s, 1))
                    .hasMessageContaining("at least 2 points");
        }
    }
}
