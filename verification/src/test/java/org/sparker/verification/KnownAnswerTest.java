package org.sparker.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.ForwardResult;
import org.sparker.engine.KernelModel;
import org.sparker.engine.Loss;
import org.sparker.engine.LossGradient;
import org.sparker.engine.PreparedSamples;
import org.sparker.engine.TrainingSamples;
import org.sparker.engine.reference.ReferenceBackend;

/**
 * Tiny cases worked out by hand from docs/design.md §1–3. The expected values are the closed forms
 * written in each test's comment, evaluated in 50-digit arithmetic by
 * {@code src/test/resources/make_known_answers.py} into {@code known-answers.properties}.
 */
class KnownAnswerTest {

    private static final double TOL = 1e-13;
    private static Properties expected;
    private final ReferenceBackend backend = new ReferenceBackend();

    @BeforeAll
    static void load() throws IOException {
        expected = new Properties();
        try (InputStream in = KnownAnswerTest.class.getResourceAsStream("/known-answers.properties")) {
            expected.load(in);
        }
    }

    private static double value(String key) {
        String v = expected.getProperty(key);
        if (v == null) {
            throw new IllegalStateException("no known answer " + key);
        }
        return Double.parseDouble(v);
    }

    /** M = 1, d = 1, x = 1, μ = 0, σ = 1, a = 2: u = ½, p = 1, f = 2e^{−½}. */
    @Test
    void singleKernelInOneDimension() {
        KernelModel model = KernelModel.of(new double[][] {{0}}, new double[] {2}, 1.0, true);
        ForwardResult out = ForwardResult.allocate(1, 1);
        backend.forward(FloatMatrix.column(1), model, out);
        assertThat(out.logRatio()[0]).isCloseTo(value("A.f"), within(TOL));
        assertThat(out.score()[0]).isCloseTo(value("A.score"), within(TOL));
        assertThat(out.softmaxWeights()[0]).isEqualTo(1.0);
        assertThat(out.components()[0]).isCloseTo(value("A.f"), within(TOL));
    }

    /**
     * M = 2, d = 1, x = 0, μ = (0, 1), σ = 1, a = (1, 1): k = (1, e^{−½}), S = 1 + e^{−½},
     * p = k / S, f = (1 + e^{−1}) / S; without softmax f = 1 + e^{−½}.
     */
    @Test
    void twoKernelsInOneDimension() {
        KernelModel model = KernelModel.of(new double[][] {{0}, {1}}, new double[] {1, 1}, 1.0, true);
        ForwardResult out = ForwardResult.allocate(1, 2);
        backend.forward(FloatMatrix.column(0), model, out);
        assertThat(out.logRatio()[0]).isCloseTo(value("B.f"), within(TOL));
        assertThat(out.softmaxWeights()[0]).isCloseTo(value("B.p0"), within(TOL));
        assertThat(out.softmaxWeights()[1]).isCloseTo(value("B.p1"), within(TOL));
        assertThat(out.components()[0]).isCloseTo(value("B.c0"), within(TOL));
        assertThat(out.components()[1]).isCloseTo(value("B.c1"), within(TOL));

        double[] f = new double[1];
        backend.logRatio(FloatMatrix.column(0), model.withSoftmax(false), f);
        assertThat(f[0]).isCloseTo(value("B.f.nosoftmax"), within(TOL));
    }

    /**
     * M = 2, d = 2, x = (1, 2), μ = ((0, 0), (1, 1)), σ = ½, a = (½, −1): squared distances
     * (5, 1), u = (10, 2), f = (½e^{−20} − e^{−4}) / (e^{−10} + e^{−2}); without softmax
     * f = ½e^{−10} − e^{−2}.
     */
    @Test
    void twoKernelsInTwoDimensions() {
        KernelModel model = KernelModel.of(new double[][] {{0, 0}, {1, 1}}, new double[] {0.5, -1}, 0.5, true);
        FloatMatrix x = FloatMatrix.of(new double[][] {{1, 2}});
        double[] d2 = new double[2];
        backend.squaredDistances(x, model, d2);
        assertThat(d2).containsExactly(value("C.d0"), value("C.d1"));

        ForwardResult out = ForwardResult.allocate(1, 2);
        backend.forward(x, model, out);
        assertThat(out.logRatio()[0]).isCloseTo(value("C.f"), within(TOL));
        assertThat(out.softmaxWeights()[0]).isCloseTo(value("C.p0"), within(TOL));
        assertThat(out.softmaxWeights()[1]).isCloseTo(value("C.p1"), within(TOL));

        double[] f = new double[1];
        backend.logRatio(x, model.withSoftmax(false), f);
        assertThat(f[0]).isCloseTo(value("C.f.nosoftmax"), within(TOL));
    }

    /**
     * M = 1, d = 1, μ = 0, σ = 1, a = 1; reference {0} with w_R = ½, data {1}. Then f(0) = 1,
     * f(1) = e^{−½}, ∂f/∂a = k, ∂f/∂μ = a k (x − μ) / σ², and for NP
     * L = ½(e − 1) − e^{−½}, ∂L/∂a = ½e − e^{−½}, ∂L/∂μ = −e^{−½}; t = −2 L_NP for every loss.
     */
    @ParameterizedTest
    @EnumSource(Loss.class)
    void lossAndGradientOfOneKernel(Loss loss) {
        KernelModel model = KernelModel.of(new double[][] {{0}}, new double[] {1}, 1.0, true);
        TrainingSamples samples = TrainingSamples.of(FloatMatrix.column(0), FloatMatrix.column(1), 0.5);
        LossGradient out = LossGradient.allocate(1, 1);
        try (PreparedSamples prepared = backend.prepare(samples)) {
            backend.lossAndGradient(prepared, model, loss, out);
        }
        assertThat(out.loss()).isCloseTo(value("D." + loss + ".loss"), within(TOL));
        assertThat(out.testStatistic()).isCloseTo(value("D.t"), within(TOL));
        assertThat(out.amplitudeGradient()[0]).isCloseTo(value("D." + loss + ".gradA"), within(TOL));
        assertThat(out.centerGradient()[0]).isCloseTo(value("D." + loss + ".gradMu"), within(TOL));
    }

    /** With M = 1 the softmax is the identity: both variants give the same f and gradient. */
    @Test
    void singleKernelIsTheSameWithAndWithoutSoftmax() {
        KernelModel model = KernelModel.of(new double[][] {{0.3}}, new double[] {1.7}, 0.8, true);
        TrainingSamples samples = TrainingSamples.of(FloatMatrix.column(0, 0.5, -1), FloatMatrix.column(1, 0.25));
        LossGradient on = LossGradient.allocate(1, 1);
        LossGradient off = LossGradient.allocate(1, 1);
        try (PreparedSamples prepared = backend.prepare(samples)) {
            backend.lossAndGradient(prepared, model, Loss.NP, on);
            backend.lossAndGradient(prepared, model.withSoftmax(false), Loss.NP, off);
        }
        assertThat(on.loss()).isCloseTo(off.loss(), within(TOL));
        assertThat(on.amplitudeGradient()[0]).isCloseTo(off.amplitudeGradient()[0], within(TOL));
        assertThat(on.centerGradient()[0]).isCloseTo(off.centerGradient()[0], within(TOL));
    }
}
