package org.sparker.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.TrainingSamples;
import org.sparker.engine.reference.ReferenceBackend;

/**
 * Both baselines against textbook formulas on tiny inputs ({@code make_known_answers.py}):
 * the kernel NP fit against dense Newton in the original {@code f = K α} parametrisation, and
 * the Nyström MMD-FUSE statistic, with every point a landmark, against MMD-FUSE with full
 * kernel matrices.
 */
class KnownAnswerTest {

    static final double[] REF = {0.05, 0.31, 0.47, 0.62, 0.88, 1.04, 1.27, 1.55, 1.71, 1.93, 2.21, 2.58, 2.90, 3.34,
        3.87, 4.60};
    static final double[] DATA = {0.12, 0.51, 0.95, 1.33, 2.05, 2.47, 2.52, 2.61};
    static final double[] CENTRES = {0.0, 0.9, 1.8, 2.7, 3.6, 4.5};

    static Properties answers;

    @BeforeAll
    static void load() throws IOException {
        answers = new Properties();
        try (InputStream in = KnownAnswerTest.class.getResourceAsStream("known-answers.properties")) {
            answers.load(in);
        }
    }

    static TrainingSamples samples() {
        return TrainingSamples.of(FloatMatrix.column(REF), FloatMatrix.column(DATA), 0.45);
    }

    static double expected(String key) {
        String v = answers.getProperty(key);
        assertThat(v).as(key).isNotNull();
        return Double.parseDouble(v);
    }

    @ParameterizedTest(name = "σ = {0}, λ = {1}, Newton steps {2}")
    @CsvSource({"0.5, 0.001, 1", "0.5, 0.001, 0", "0.5, 1e-06, 1", "1.2, 0.001, 1", "1.2, 0.001, 0", "1.2, 1e-06, 1"})
    void kernelNpStatisticMatchesDenseNewton(double sigma, String lambda, int steps) {
        var config = new KernelNpFit.Config(CENTRES.length, Double.parseDouble(lambda), steps, 1e-15, 100);
        try (KernelBackend backend = new ReferenceBackend()) {
            var fit = new KernelNpFit(config).fit(backend, samples(), sigma, FloatMatrix.column(CENTRES));
            assertThat(fit.rank()).isEqualTo(CENTRES.length);
            double want = expected("kernel_np.sigma" + sigma + ".lambda" + lambda + ".steps" + steps);
            assertThat(fit.t()).isCloseTo(want, within(1e-8 * Math.abs(want)));
            if (steps == 1) {
                assertThat(fit.steps()).isEqualTo(1);
            }
        }
    }

    @Test
    void nystromMmdFuseWithEveryPointALandmarkIsTheExactStatistic() {
        var config = new MmdFuse.Config(List.of(NystromKernel.GAUSSIAN, NystromKernel.LAPLACE), 2, 19, 1000, 1000,
                1e-15, 1);
        try (KernelBackend backend = new ReferenceBackend()) {
            var r = new MmdFuse(config).test(backend, samples(), new double[][] {{0.3, 1.1}, {0.4, 1.7}}, 5);
            for (int p = 0; p < 4; p++) {
                double want = expected("mmd_fuse.pair" + p);
                assertThat(r.statistics()[p]).as("pair %d", p).isCloseTo(want, within(1e-5 * Math.abs(want)));
            }
            double want = expected("mmd_fuse.statistic");
            assertThat(r.statistic()).isCloseTo(want, within(1e-5 * Math.abs(want)));
            assertThat(r.pValue()).isBetween(1.0 / 20, 1.0);
        }
    }
}
