package org.sparker.verification;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.sparker.engine.FloatMatrix;
import org.sparker.engine.ForwardResult;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.KernelModel;
import org.sparker.engine.Loss;
import org.sparker.engine.LossGradient;
import org.sparker.engine.PreparedSamples;
import org.sparker.engine.Tolerances;
import org.sparker.engine.TrainingSamples;

/**
 * Runs every operation of a candidate backend and of the reference on the same inputs and lists
 * the disagreements beyond {@link Tolerances} (docs/design.md §6). Scales for the absolute floor:
 * for {@code f} and the components, {@code Σ_i |f_i(x)|} of the point; for a loss, the weighted
 * sum of the absolute per-point terms; for a gradient, its largest absolute component; for
 * distances, the largest distance.
 */
final class BackendComparison {

    /** One input shape of the agreement tests. */
    record Case(int n, int d, int m, double widthScale, double spread, double offset, long seed) {
        @Override
        public String toString() {
            return "N=" + n + " d=" + d + " M=" + m + " σ=" + widthScale + "×spread, spread=" + spread
                    + ", offset=" + offset;
        }
    }

    private static final int MAX_REPORTED = 8;

    private BackendComparison() {
    }

    /** Every disagreement of {@code candidate} with {@code reference} on {@code c}, described. */
    static List<String> compare(KernelBackend candidate, KernelBackend reference, Case c) {
        SplittableRandom rng = new SplittableRandom(c.seed());
        FloatMatrix ref = TestData.points(rng, c.n(), c.d(), c.spread(), c.offset());
        FloatMatrix data = TestData.points(rng, Math.max(1, (c.n() + 9) / 10), c.d(), c.spread(), c.offset());
        double width = c.widthScale() * c.spread();
        List<String> failures = new ArrayList<>();
        for (boolean softmax : new boolean[] {true, false}) {
            KernelModel model = TestData.modelNear(rng, ref.concat(data), c.m(), width, 2.0, softmax);
            compareOn(candidate, reference, ref, data, model, failures);
        }
        return reported(failures);
    }

    /** Every disagreement on given samples and model: distances, forward pass, every loss. */
    static List<String> compare(KernelBackend candidate, KernelBackend reference, FloatMatrix ref, FloatMatrix data,
            KernelModel model) {
        List<String> failures = new ArrayList<>();
        compareOn(candidate, reference, ref, data, model, failures);
        return reported(failures);
    }

    private static List<String> reported(List<String> failures) {
        return failures.size() > MAX_REPORTED
                ? List.copyOf(failures.subList(0, MAX_REPORTED)) : List.copyOf(failures);
    }

    private static void compareOn(KernelBackend candidate, KernelBackend reference, FloatMatrix ref, FloatMatrix data,
            KernelModel model, List<String> failures) {
        String tag = model.softmax() ? "[softmax] " : "[no softmax] ";
        if (model.softmax()) {
            compareDistances(candidate, reference, ref, model, failures);
        }
        compareForward(tag, candidate, reference, ref, model, failures);
        TrainingSamples samples = TrainingSamples.of(ref, data);
        try (PreparedSamples pc = candidate.prepare(samples); PreparedSamples pr = reference.prepare(samples)) {
            for (Loss loss : Loss.values()) {
                compareLoss(tag + loss + " ", candidate, reference, pc, pr, samples, model, loss, failures);
            }
        }
    }

    private static void compareDistances(KernelBackend candidate, KernelBackend reference, FloatMatrix x,
            KernelModel model, List<String> failures) {
        int len = x.rows() * model.kernels();
        double[] expected = new double[len];
        double[] actual = new double[len];
        reference.squaredDistances(x, model, expected);
        candidate.squaredDistances(x, model, actual);
        double scale = Tolerances.scaleOf(expected, len);
        for (int i = 0; i < len; i++) {
            check("‖x_" + i / model.kernels() + " − μ_" + i % model.kernels() + "‖²", expected[i], actual[i], scale,
                    failures);
        }
    }

    private static void compareForward(String tag, KernelBackend candidate, KernelBackend reference, FloatMatrix x,
            KernelModel model, List<String> failures) {
        int n = x.rows();
        int m = model.kernels();
        ForwardResult expected = ForwardResult.allocate(n, m);
        ForwardResult actual = ForwardResult.allocate(n, m);
        reference.forward(x, model, expected);
        candidate.forward(x, model, actual);
        double[] logRatioOnly = new double[n];
        candidate.logRatio(x, model, logRatioOnly);
        for (int p = 0; p < n; p++) {
            double scale = 0;
            for (int i = 0; i < m; i++) {
                scale += Math.abs(expected.components()[p * m + i]);
            }
            check(tag + "f(x_" + p + ")", expected.logRatio()[p], actual.logRatio()[p], scale, failures);
            check(tag + "logRatio f(x_" + p + ")", expected.logRatio()[p], logRatioOnly[p], scale, failures);
            check(tag + "score(x_" + p + ")", expected.score()[p], actual.score()[p], 1.0, failures);
            for (int i = 0; i < m; i++) {
                check(tag + "p_" + i + "(x_" + p + ")", expected.softmaxWeights()[p * m + i],
                        actual.softmaxWeights()[p * m + i], 1.0, failures);
                check(tag + "f_" + i + "(x_" + p + ")", expected.components()[p * m + i],
                        actual.components()[p * m + i], scale, failures);
            }
        }
    }

    private static void compareLoss(String tag, KernelBackend candidate, KernelBackend reference, PreparedSamples pc,
            PreparedSamples pr, TrainingSamples samples, KernelModel model, Loss loss, List<String> failures) {
        int m = model.kernels();
        int d = model.dimension();
        LossGradient expected = LossGradient.allocate(m, d);
        LossGradient actual = LossGradient.allocate(m, d);
        reference.lossAndGradient(pr, model, loss, expected);
        candidate.lossAndGradient(pc, model, loss, actual);
        double[] lossScales = lossScales(reference, samples, model, loss);
        check(tag + "loss", expected.loss(), actual.loss(), lossScales[0], failures);
        check(tag + "t", expected.testStatistic(), actual.testStatistic(), lossScales[1], failures);
        double scaleA = Tolerances.scaleOf(expected.amplitudeGradient(), m);
        for (int i = 0; i < m; i++) {
            check(tag + "∂L/∂a_" + i, expected.amplitudeGradient()[i], actual.amplitudeGradient()[i], scaleA, failures);
        }
        double scaleMu = Tolerances.scaleOf(expected.centerGradient(), m * d);
        for (int j = 0; j < m * d; j++) {
            check(tag + "∂L/∂μ_" + j / d + "[" + j % d + "]", expected.centerGradient()[j],
                    actual.centerGradient()[j], scaleMu, failures);
        }
    }

    /** {Σ w |term| of the loss, 2 Σ w |term| of L_NP}, from the reference's f. */
    private static double[] lossScales(KernelBackend reference, TrainingSamples s, KernelModel model, Loss loss) {
        double[] fr = new double[s.reference().rows()];
        double[] fd = new double[s.data().rows()];
        reference.logRatio(s.reference(), model, fr);
        reference.logRatio(s.data(), model, fd);
        double scale = 0;
        double np = 0;
        for (int i = 0; i < fr.length; i++) {
            double w = s.referenceWeight() * s.referencePointWeight(i);
            scale += w * Math.abs(loss.referenceTerm(fr[i]));
            np += w * Math.abs(Math.expm1(fr[i]));
        }
        for (int i = 0; i < fd.length; i++) {
            double w = s.dataPointWeight(i);
            scale += w * Math.abs(loss.dataTerm(fd[i]));
            np += w * Math.abs(fd[i]);
        }
        return new double[] {scale, 2 * np};
    }

    private static void check(String what, double expected, double actual, double scale, List<String> failures) {
        if (!Tolerances.agrees(expected, actual, scale)) {
            failures.add(what + ": reference " + expected + ", candidate " + actual + " (scale " + scale + ")");
        }
    }
}
