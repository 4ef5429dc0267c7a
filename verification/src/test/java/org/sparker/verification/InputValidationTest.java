package org.sparker.verification;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparker.engine.BackendOptions;
import org.sparker.engine.BackendProvider;
import org.sparker.engine.Backends;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.ForwardResult;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.KernelModel;
import org.sparker.engine.Loss;
import org.sparker.engine.LossGradient;
import org.sparker.engine.ModelState;
import org.sparker.engine.PreparedSamples;
import org.sparker.engine.TrainingSamples;

/** Bad input gets an IllegalArgumentException naming the argument (and row and column), on every backend. */
class InputValidationTest {

    static Stream<String> availableBackends() {
        return Backends.providers().stream().filter(p -> p.availability().available()).map(BackendProvider::name);
    }

    private static final KernelModel MODEL =
            KernelModel.of(new double[][] {{0, 0}, {1, 1}}, new double[] {0.5, -0.5}, 1.0, true);

    @ParameterizedTest
    @MethodSource("availableBackends")
    void nonFinitePointsNameRowAndColumn(String name) {
        try (KernelBackend b = Backends.get(name, BackendOptions.defaults())) {
            FloatMatrix bad = FloatMatrix.wrap(new float[] {0, 0, 1, 1, 2, Float.NaN}, 3, 2);
            assertThatThrownBy(() -> b.logRatio(bad, MODEL, new double[3]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("points").hasMessageContaining("row 2").hasMessageContaining("column 1");
            FloatMatrix inf = FloatMatrix.wrap(new float[] {0, Float.POSITIVE_INFINITY}, 1, 2);
            assertThatThrownBy(() -> b.forward(inf, MODEL, ForwardResult.allocate(1, 2)))
                    .hasMessageContaining("row 0").hasMessageContaining("column 1");
        }
    }

    @ParameterizedTest
    @MethodSource("availableBackends")
    void shapeMismatchesAreNamed(String name) {
        try (KernelBackend b = Backends.get(name, BackendOptions.defaults())) {
            FloatMatrix three = FloatMatrix.wrap(new float[] {0, 1, 2}, 1, 3);
            assertThatThrownBy(() -> b.logRatio(three, MODEL, new double[1]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("dimension mismatch").hasMessageContaining("3").hasMessageContaining("2");
            FloatMatrix two = FloatMatrix.wrap(new float[] {0, 1, 2, 3}, 2, 2);
            assertThatThrownBy(() -> b.logRatio(two, MODEL, new double[1]))
                    .hasMessageContaining("out").hasMessageContaining("needs 2");
            assertThatThrownBy(() -> b.forward(two, MODEL, ForwardResult.allocate(2, 3)))
                    .hasMessageContaining("out");
            TrainingSamples s = TrainingSamples.of(two, two);
            try (PreparedSamples p = b.prepare(s)) {
                assertThatThrownBy(() -> b.lossAndGradient(p, MODEL, Loss.NP, LossGradient.allocate(2, 3)))
                        .hasMessageContaining("out: gradient must be shaped 2×2");
                KernelModel oneD = KernelModel.of(new double[][] {{0}}, new double[] {1}, 1, true);
                assertThatThrownBy(() -> b.lossAndGradient(p, oneD, Loss.NP, LossGradient.allocate(1, 1)))
                        .hasMessageContaining("dimension mismatch");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("availableBackends")
    void mutableParametersAreCheckedEveryCall(String name) {
        try (KernelBackend b = Backends.get(name, BackendOptions.defaults())) {
            FloatMatrix two = FloatMatrix.wrap(new float[] {0, 1, 2, 3}, 2, 2);
            ModelState state = ModelState.copyOf(MODEL);
            try (PreparedSamples p = b.prepare(TrainingSamples.of(two, two))) {
                LossGradient g = LossGradient.allocate(2, 2);
                b.lossAndGradient(p, state, Loss.NP, g);
                state.amplitudes[1] = Double.NaN;
                assertThatThrownBy(() -> b.lossAndGradient(p, state, Loss.NP, g))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a_1");
                state.amplitudes[1] = 0;
                state.centers[3] = Double.NEGATIVE_INFINITY;
                assertThatThrownBy(() -> b.lossAndGradient(p, state, Loss.NP, g))
                        .hasMessageContaining("coordinate 1 of centre 1");
                state.centers[3] = 0;
                state.setWidth(0);
                assertThatThrownBy(() -> b.lossAndGradient(p, state, Loss.NP, g)).hasMessageContaining("width");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("availableBackends")
    void closedHandlesAreRejected(String name) {
        try (KernelBackend b = Backends.get(name, BackendOptions.defaults())) {
            FloatMatrix two = FloatMatrix.wrap(new float[] {0, 1, 2, 3}, 2, 2);
            PreparedSamples p = b.prepare(TrainingSamples.of(two, two));
            p.close();
            assertThatThrownBy(() -> b.lossAndGradient(p, MODEL, Loss.NP, LossGradient.allocate(2, 2)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
    }

    @Test
    void samplesAreValidated() {
        FloatMatrix two = FloatMatrix.wrap(new float[] {0, 1, 2, 3}, 2, 2);
        FloatMatrix empty = FloatMatrix.wrap(new float[0], 0, 2);
        assertThatThrownBy(() -> TrainingSamples.of(empty, two)).hasMessageContaining("reference: sample is empty");
        assertThatThrownBy(() -> TrainingSamples.of(two, empty)).hasMessageContaining("data: sample is empty");
        FloatMatrix three = FloatMatrix.wrap(new float[] {0, 1, 2}, 1, 3);
        assertThatThrownBy(() -> TrainingSamples.of(two, three)).hasMessageContaining("dimension mismatch");
        FloatMatrix nan = FloatMatrix.wrap(new float[] {0, 1, Float.NaN, 3}, 2, 2);
        assertThatThrownBy(() -> TrainingSamples.of(two, nan))
                .hasMessageContaining("data").hasMessageContaining("row 1").hasMessageContaining("column 0");
        assertThatThrownBy(() -> TrainingSamples.of(two, two, -1)).hasMessageContaining("referenceWeight");
        assertThatThrownBy(() -> new TrainingSamples(two, two, 1, new double[] {1, -0.5}, null))
                .hasMessageContaining("referencePointWeights").hasMessageContaining("row 1");
        assertThatThrownBy(() -> new TrainingSamples(two, two, 1, null, new double[] {1}))
                .hasMessageContaining("dataPointWeights: expected 2");
    }

    @Test
    void modelsAreValidated() {
        assertThatThrownBy(() -> KernelModel.of(new double[0], 1, new double[0], 1, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kernels");
        assertThatThrownBy(() -> KernelModel.of(new double[][] {{0}}, new double[] {1}, 0, true))
                .hasMessageContaining("width");
        assertThatThrownBy(() -> KernelModel.of(new double[][] {{0}}, new double[] {1}, -2, true))
                .hasMessageContaining("width");
        assertThatThrownBy(() -> KernelModel.of(new double[][] {{0}}, new double[] {1}, Double.NaN, true))
                .hasMessageContaining("width");
        assertThatThrownBy(() -> KernelModel.of(new double[][] {{0, 1}, {0}}, new double[] {1, 1}, 1, true))
                .hasMessageContaining("centre 1");
        assertThatThrownBy(() -> KernelModel.of(new double[] {0, 1}, 1, new double[] {1}, 1, true))
                .hasMessageContaining("centers: expected 1×1");
        assertThatThrownBy(() -> FloatMatrix.wrap(new float[5], 2, 3)).hasMessageContaining("needs 6 values");
    }
}
