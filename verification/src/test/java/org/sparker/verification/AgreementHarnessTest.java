package org.sparker.verification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sparker.engine.AbstractKernelBackend;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.ForwardResult;
import org.sparker.engine.KernelParameters;
import org.sparker.engine.Loss;
import org.sparker.engine.LossGradient;
import org.sparker.engine.PreparedSamples;
import org.sparker.engine.TrainingSamples;
import org.sparker.engine.reference.ReferenceBackend;

/**
 * The harness itself: it must accept an implementation that is as accurate as float arithmetic
 * allows, and reject one that is off by more than docs/design.md §6 allows. Without this, a green
 * agreement test would prove nothing.
 */
class AgreementHarnessTest {

    private static final BackendComparison.Case[] SHAPES = {
        new BackendComparison.Case(13, 3, 5, 0.5, 1, 0, 1),
        new BackendComparison.Case(207, 16, 2, 3, 30, 970, 2),
        new BackendComparison.Case(64, 129, 33, 1e-2, 1e3, 0, 3),
    };

    @Test
    void acceptsResultsRoundedToFloat() {
        try (Perturbed rounded = new Perturbed(0, true)) {
            for (BackendComparison.Case c : SHAPES) {
                assertThat(BackendComparison.compare(rounded, new ReferenceBackend(), c)).as(c.toString()).isEmpty();
            }
        }
    }

    @Test
    void rejectsRelativeErrorsAboveTheContract() {
        try (Perturbed off = new Perturbed(3e-4, false)) {
            for (BackendComparison.Case c : SHAPES) {
                assertThat(BackendComparison.compare(off, new ReferenceBackend(), c)).as(c.toString()).isNotEmpty();
            }
        }
    }

    /** The reference with every output scaled by (1 + error) and optionally rounded to float. */
    private static final class Perturbed extends AbstractKernelBackend {
        private final ReferenceBackend inner = new ReferenceBackend();
        private final double factor;
        private final boolean roundToFloat;

        Perturbed(double relativeError, boolean roundToFloat) {
            this.factor = 1 + relativeError;
            this.roundToFloat = roundToFloat;
        }

        private double[] apply(double[] v, int n) {
            for (int i = 0; i < n; i++) {
                v[i] = roundToFloat ? (float) (v[i] * factor) : v[i] * factor;
            }
            return v;
        }

        @Override
        public String name() {
            return ReferenceBackend.NAME;
        }

        @Override
        protected void computeSquaredDistances(FloatMatrix points, KernelParameters model, double[] out) {
            inner.squaredDistances(points, model, out);
            apply(out, points.rows() * model.kernels());
        }

        @Override
        protected void computeLogRatio(FloatMatrix points, KernelParameters model, double[] out) {
            inner.logRatio(points, model, out);
            apply(out, points.rows());
        }

        @Override
        protected void computeForward(FloatMatrix points, KernelParameters model, ForwardResult out) {
            inner.forward(points, model, out);
            apply(out.logRatio(), points.rows());
            apply(out.components(), points.rows() * model.kernels());
        }

        @Override
        protected PreparedSamples prepareSamples(TrainingSamples samples) {
            return inner.prepare(samples);
        }

        @Override
        protected void computeLossAndGradient(PreparedSamples samples, KernelParameters model, Loss loss,
                LossGradient out) {
            inner.lossAndGradient(samples, model, loss, out);
            double[] l = apply(new double[] {out.loss(), out.testStatistic()}, 2);
            out.setLoss(l[0], l[1]);
            apply(out.amplitudeGradient(), model.kernels());
            apply(out.centerGradient(), model.kernels() * model.dimension());
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
