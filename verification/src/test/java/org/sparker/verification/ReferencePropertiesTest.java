package org.sparker.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.ForwardResult;
import org.sparker.engine.KernelModel;
import org.sparker.engine.Loss;
import org.sparker.engine.LossGradient;
import org.sparker.engine.ModelState;
import org.sparker.engine.PreparedSamples;
import org.sparker.engine.TrainingSamples;
import org.sparker.engine.reference.ReferenceBackend;

/**
 * Properties the reference backend must have (the oracle is only an oracle if it is right).
 * Shapes, seeds and widths are drawn by jqwik with fixed seeds, so a run is repeatable; widths
 * span 1e-3 to 1e3 times the spread of the data (docs/design.md §6).
 */
class ReferencePropertiesTest {

    private final ReferenceBackend backend = new ReferenceBackend();

    @Provide
    Arbitrary<Double> widthScales() {
        return Arbitraries.of(1e-3, 1e-2, 0.1, 0.3, 1.0, 3.0, 10.0, 100.0, 1e3);
    }

    @Provide
    Arbitrary<Double> spreads() {
        return Arbitraries.of(1e-2, 1.0, 30.0, 1e3);
    }

    /**
     * Analytic gradients (docs/design.md §3) equal central finite differences of the loss, for every
     * loss, with and without softmax, for every amplitude and centre coordinate.
     */
    @Property(tries = 150, seed = "20261122")
    void gradientsMatchCentralFiniteDifferences(@ForAll @IntRange(min = 1, max = 30) int n,
            @ForAll @IntRange(min = 1, max = 5) int d, @ForAll @IntRange(min = 1, max = 5) int m,
            @ForAll("widthScales") double widthScale, @ForAll("spreads") double spread,
            @ForAll boolean softmax, @ForAll Loss loss, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        FloatMatrix ref = TestData.points(rng, n, d, spread, 0);
        FloatMatrix data = TestData.points(rng, Math.max(1, n / 3), d, spread, 0);
        double width = widthScale * spread;
        KernelModel model = TestData.modelNear(rng, data.concat(ref), m, width, 2.0, softmax);
        TrainingSamples samples = TrainingSamples.of(ref, data, 0.37);

        try (PreparedSamples prepared = backend.prepare(samples)) {
            LossGradient analytic = LossGradient.allocate(m, d);
            backend.lossAndGradient(prepared, model, loss, analytic);
            ModelState state = ModelState.copyOf(model);
            LossGradient scratch = LossGradient.allocate(m, d);

            double[] gradA = analytic.amplitudeGradient();
            double scaleA = scale(gradA);
            for (int i = 0; i < m; i++) {
                double h = 1e-5 * Math.max(1.0, Math.abs(state.amplitudes[i]));
                double fd = centralDifference(prepared, state, state.amplitudes, i, h, loss, scratch);
                assertClose("∂L/∂a_" + i, gradA[i], fd, scaleA);
            }
            double[] gradMu = analytic.centerGradient();
            double scaleMu = scale(gradMu);
            for (int j = 0; j < m * d; j++) {
                double h = 1e-5 * width;
                double fd = centralDifference(prepared, state, state.centers, j, h, loss, scratch);
                assertClose("∂L/∂μ[" + j / d + "][" + j % d + "]", gradMu[j], fd, scaleMu);
            }
        }
    }

    /** Relabelling the kernels leaves f unchanged (and permutes the components). */
    @Property(tries = 100, seed = "7")
    void permutingKernelsLeavesFUnchanged(@ForAll @IntRange(min = 1, max = 40) int n,
            @ForAll @IntRange(min = 1, max = 6) int d, @ForAll @IntRange(min = 2, max = 8) int m,
            @ForAll("widthScales") double widthScale, @ForAll boolean softmax, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        FloatMatrix x = TestData.points(rng, n, d, 1.0, 0);
        KernelModel model = TestData.modelNear(rng, x, m, widthScale, 3.0, softmax);
        int[] perm = permutation(rng, m);
        double[] c = model.centers();
        double[] a = model.amplitudes();
        double[] pc = new double[m * d];
        double[] pa = new double[m];
        for (int i = 0; i < m; i++) {
            System.arraycopy(c, perm[i] * d, pc, i * d, d);
            pa[i] = a[perm[i]];
        }
        KernelModel permuted = KernelModel.of(pc, d, pa, model.width(), softmax);
        ForwardResult r1 = ForwardResult.allocate(n, m);
        ForwardResult r2 = ForwardResult.allocate(n, m);
        backend.forward(x, model, r1);
        backend.forward(x, permuted, r2);
        for (int p = 0; p < n; p++) {
            double componentScale = 0;
            for (int i = 0; i < m; i++) {
                componentScale += Math.abs(r1.components()[p * m + i]);
                // the sums run in another order: equal up to rounding
                assertClose("f_" + i, r1.components()[p * m + perm[i]], r2.components()[p * m + i], 0, 1e-13);
                assertClose("p_" + i, r1.softmaxWeights()[p * m + perm[i]], r2.softmaxWeights()[p * m + i], 0, 1e-13);
            }
            assertClose("f(x_" + p + ")", r1.logRatio()[p], r2.logRatio()[p], componentScale, 1e-13);
        }
    }

    /** The model starts identically null: zero amplitudes give f = 0, L_NP = 0 and t = 0 exactly. */
    @Property(tries = 60, seed = "11")
    void zeroAmplitudesGiveZero(@ForAll @IntRange(min = 1, max = 40) int n,
            @ForAll @IntRange(min = 1, max = 6) int d, @ForAll @IntRange(min = 1, max = 8) int m,
            @ForAll("widthScales") double widthScale, @ForAll boolean softmax, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        FloatMatrix x = TestData.points(rng, n, d, 1.0, 0);
        KernelModel near = TestData.modelNear(rng, x, m, widthScale, 1.0, softmax);
        KernelModel zero = KernelModel.of(near.centers(), d, new double[m], widthScale, softmax);
        ForwardResult r = ForwardResult.allocate(n, m);
        backend.forward(x, zero, r);
        for (int p = 0; p < n; p++) {
            assertThat(r.logRatio()[p]).isEqualTo(0.0);
            assertThat(r.score()[p]).isEqualTo(0.5);
        }
        LossGradient g = LossGradient.allocate(m, d);
        try (PreparedSamples prepared = backend.prepare(TrainingSamples.of(x, x))) {
            backend.lossAndGradient(prepared, zero, Loss.NP, g);
        }
        assertThat(g.loss()).isEqualTo(0.0);
        assertThat(g.testStatistic()).isEqualTo(0.0);
    }

    /** With one kernel there is nothing to compete with: p = 1 exactly. */
    @Property(tries = 60, seed = "13")
    void singleKernelHasUnitSoftmax(@ForAll @IntRange(min = 1, max = 40) int n,
            @ForAll @IntRange(min = 1, max = 6) int d, @ForAll("widthScales") double widthScale,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        FloatMatrix x = TestData.points(rng, n, d, 1.0, 0);
        KernelModel model = TestData.modelNear(rng, x, 1, widthScale, 3.0, true);
        ForwardResult r = ForwardResult.allocate(n, 1);
        backend.forward(x, model, r);
        for (int p = 0; p < n; p++) {
            assertThat(r.softmaxWeights()[p]).isEqualTo(1.0);
        }
    }

    /**
     * Translating points and centres together changes nothing. Coordinates are multiples of 1/8
     * and translations whole numbers, so translated floats are exact and results must agree to
     * the last bits.
     */
    @Property(tries = 80, seed = "17")
    void translationLeavesEverythingUnchanged(@ForAll @IntRange(min = 1, max = 30) int n,
            @ForAll @IntRange(min = 1, max = 6) int d, @ForAll @IntRange(min = 1, max = 6) int m,
            @ForAll("widthScales") double widthScale, @ForAll boolean softmax, @ForAll Loss loss,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * d];
        float[] y = new float[n * d];
        double[] shift = new double[d];
        for (int k = 0; k < d; k++) {
            shift[k] = rng.nextInt(-900, 901);
        }
        for (int i = 0; i < n * d; i++) {
            x[i] = rng.nextInt(-80, 81) / 8f;
            y[i] = (float) (x[i] + shift[i % d]);
        }
        double width = widthScale * 10;
        double[] c = new double[m * d];
        double[] cs = new double[m * d];
        double[] a = new double[m];
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < d; k++) {
                c[i * d + k] = rng.nextInt(-80, 81) / 8.0;
                cs[i * d + k] = c[i * d + k] + shift[k];
            }
            a[i] = 2 * rng.nextDouble() - 1;
        }
        KernelModel model = KernelModel.of(c, d, a, width, softmax);
        KernelModel moved = KernelModel.of(cs, d, a, width, softmax);
        FloatMatrix px = FloatMatrix.wrap(x, n, d);
        FloatMatrix py = FloatMatrix.wrap(y, n, d);

        ForwardResult r1 = ForwardResult.allocate(n, m);
        ForwardResult r2 = ForwardResult.allocate(n, m);
        backend.forward(px, model, r1);
        backend.forward(py, moved, r2);
        assertThat(r2.logRatio()).containsExactly(r1.logRatio());
        assertThat(r2.softmaxWeights()).containsExactly(r1.softmaxWeights());

        LossGradient g1 = LossGradient.allocate(m, d);
        LossGradient g2 = LossGradient.allocate(m, d);
        try (PreparedSamples s1 = backend.prepare(TrainingSamples.of(px, px.selectRows(new int[] {0})));
                PreparedSamples s2 = backend.prepare(TrainingSamples.of(py, py.selectRows(new int[] {0})))) {
            backend.lossAndGradient(s1, model, loss, g1);
            backend.lossAndGradient(s2, moved, loss, g2);
        }
        assertThat(g2.loss()).isEqualTo(g1.loss());
        assertThat(g2.testStatistic()).isEqualTo(g1.testStatistic());
        assertThat(g2.amplitudeGradient()).containsExactly(g1.amplitudeGradient());
        assertThat(g2.centerGradient()).containsExactly(g1.centerGradient());
    }

    /**
     * A point far from every centre (scaled distance far beyond exp's range) gives f = 0 exactly,
     * a score of ½, a proper softmax and finite losses and gradients: never NaN.
     */
    @Property(tries = 80, seed = "19")
    void farPointsGiveZeroAndNoNaN(@ForAll @IntRange(min = 1, max = 6) int d,
            @ForAll @IntRange(min = 1, max = 8) int m, @ForAll("widthScales") double widthScale,
            @ForAll boolean softmax, @ForAll Loss loss, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        FloatMatrix near = TestData.points(rng, 10, d, 1.0, 0);
        KernelModel model = TestData.modelNear(rng, near, m, widthScale, 5.0, softmax);
        // 60σ from the origin along every axis: u ≥ 1800·d > 745, where e^{−u} underflows.
        float[] far = new float[2 * d];
        for (int k = 0; k < d; k++) {
            far[k] = (float) (1.0 + 60 * widthScale + 1.0);
            far[d + k] = (float) -(1.0 + 60 * widthScale + 1.0);
        }
        FloatMatrix x = FloatMatrix.wrap(far, 2, d);
        ForwardResult r = ForwardResult.allocate(2, m);
        backend.forward(x, model, r);
        for (int p = 0; p < 2; p++) {
            assertThat(r.logRatio()[p]).isEqualTo(0.0);
            assertThat(r.score()[p]).isEqualTo(0.5);
            double sum = 0;
            for (int i = 0; i < m; i++) {
                double pi = r.softmaxWeights()[p * m + i];
                assertThat(pi).isBetween(0.0, 1.0);
                sum += pi;
                assertThat(r.components()[p * m + i]).isEqualTo(0.0);
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
        }
        LossGradient g = LossGradient.allocate(m, d);
        try (PreparedSamples prepared = backend.prepare(TrainingSamples.of(x, near.concat(x)))) {
            backend.lossAndGradient(prepared, model, loss, g);
        }
        assertThat(g.loss()).isFinite();
        assertThat(g.testStatistic()).isFinite();
        for (double v : g.amplitudeGradient()) {
            assertThat(v).isFinite();
        }
        for (double v : g.centerGradient()) {
            assertThat(v).isFinite();
        }
    }

    private double centralDifference(PreparedSamples prepared, ModelState state, double[] param, int index,
            double h, Loss loss, LossGradient scratch) {
        double saved = param[index];
        param[index] = saved + h;
        backend.lossAndGradient(prepared, state, loss, scratch);
        double plus = scratch.loss();
        param[index] = saved - h;
        backend.lossAndGradient(prepared, state, loss, scratch);
        double minus = scratch.loss();
        param[index] = saved;
        return (plus - minus) / (2 * h);
    }

    private static void assertClose(String what, double analytic, double numeric, double scale) {
        assertClose(what, analytic, numeric, scale, 1e-5);
    }

    private static void assertClose(String what, double expected, double actual, double scale, double rel) {
        double tol = rel * (Math.abs(expected) + scale) + 1e-300;
        assertThat(Math.abs(actual - expected))
                .as("%s: expected %s, got %s (scale %s)", what, expected, actual, scale)
                .isLessThanOrEqualTo(tol);
    }

    private static double scale(double[] v) {
        double s = 0;
        for (double x : v) {
            s = Math.max(s, Math.abs(x));
        }
        return s;
    }

    private static int[] permutation(SplittableRandom rng, int m) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            idx.add(i);
        }
        int[] p = new int[m];
        for (int i = 0; i < m; i++) {
            p[i] = idx.remove(rng.nextInt(idx.size()));
        }
        return p;
    }
}
