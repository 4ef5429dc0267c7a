package org.sparker.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.sparker.engine.train.TrainerConfig;

/** The Java API's contract: progress, cancellation, reuse of a calibration, validation. */
class SparkerApiTest {

    private static double[][] gaussian(SplittableRandom rng, int n, double shift) {
        double[][] x = new double[n][1];
        for (double[] r : x) {
            r[0] = rng.nextGaussian() + shift;
        }
        return x;
    }

    private static Sparker.Builder small(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return Sparker.builder().reference(gaussian(rng, 400, 0)).data(gaussian(rng, 40, 0.3)).toys(4).seed(seed)
                .backend("reference").threads(2).training(TrainerConfig.builder().steps(40).checkpoints(2).build());
    }

    @Test
    void reportsProgressAndReusesItsCalibration() {
        AtomicInteger toys = new AtomicInteger();
        AtomicInteger steps = new AtomicInteger();
        Sparker.Result r = small(3).build().run(new Sparker.Listener() {
            @Override
            public void onCalibrationToy(int done, int total) {
                toys.incrementAndGet();
            }

            @Override
            public void onTrainingStep(int step, int total) {
                steps.set(step);
            }
        });
        assertThat(toys.get()).isEqualTo(4);
        assertThat(steps.get()).isEqualTo(40);
        assertThat(r.pValue()).isBetween(0.2, 1.0); // 1/(4+1) is the smallest p four toys can give
        assertThat(r.checkpoints()).hasSize(2);
        assertThat(r.backend()).isEqualTo("reference");
        Sparker.Result again = small(3).calibration(r.calibration()).build().run();
        assertThat(again.pValue()).isEqualTo(r.pValue());
        assertThat(again.checkpoints()).isEqualTo(r.checkpoints());
    }

    @Test
    void cancelStopsTheRun() {
        Sparker test = small(4).build();
        assertThatThrownBy(() -> test.run(new Sparker.Listener() {
            @Override
            public void onCalibrationToy(int done, int total) {
                test.cancel();
            }
        })).isInstanceOf(CancellationException.class).hasMessageContaining("cancelled during calibration");
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> Sparker.builder().reference(new double[][] {{1, 2}}).data(new double[][] {{1}})
                .build()).hasMessageContaining("dimension mismatch");
        assertThatThrownBy(() -> Sparker.builder().toys(1)).hasMessageContaining("at least 2 toys");
        assertThatThrownBy(() -> Sparker.builder().data(new double[][] {{1}}).build())
                .hasMessageContaining("reference: missing");
        assertThatThrownBy(() -> Sparker.builder().reference(new double[][] {{Double.NaN}}).data(new double[][] {{1}})
                .build()).hasMessageContaining("reference");
    }
}
