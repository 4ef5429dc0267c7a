package org.sparker.verification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sparker.engine.Backends;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.ForwardResult;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.KernelModel;
import org.sparker.engine.Loss;
import org.sparker.engine.LossGradient;
import org.sparker.engine.PreparedSamples;
import org.sparker.engine.TrainingSamples;

/** The README's worked example, kept compiling and meaningful. */
class ReadmeExampleTest {

    @Test
    void workedExampleRuns() {
        FloatMatrix reference = FloatMatrix.column(0.1, 0.7, 1.3, 2.2, 0.4, 0.9);
        FloatMatrix data = FloatMatrix.column(0.2, 6.4, 6.5);
        KernelModel model = KernelModel.of(new double[][] {{0.5}, {6.4}}, new double[] {0.0, 1.5}, 0.3, true);
        try (KernelBackend backend = Backends.get("auto");
                PreparedSamples samples = backend.prepare(TrainingSamples.of(reference, data))) {
            LossGradient g = LossGradient.allocate(model.kernels(), model.dimension());
            backend.lossAndGradient(samples, model, Loss.NP, g);
            // the bump kernel sits on two data points and no reference point: t > 0, and raising
            // its amplitude lowers the loss
            assertThat(g.testStatistic()).isPositive();
            assertThat(g.amplitudeGradient()[1]).isNegative();
            ForwardResult out = ForwardResult.allocate(data.rows(), model.kernels());
            backend.forward(data, model, out);
            assertThat(out.score()[1]).isGreaterThan(0.5);
            assertThat(out.logRatio()[0]).isCloseTo(0.0, org.assertj.core.api.Assertions.within(1e-12));
        }
    }
}
