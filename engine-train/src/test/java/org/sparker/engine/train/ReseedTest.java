package org.sparker.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.ModelState;
import org.sparker.engine.TrainingSamples;
import org.sparker.engine.reference.ReferenceBackend;
import org.sparker.sampling.Seeds;

/** {@link TrainerConfig#reseedDuplicates()}: kernels on one centre made one again between checkpoints. */
class ReseedTest {

    private static FloatMatrix rows(double[]... r) {
        float[] v = new float[r.length * r[0].length];
        for (int i = 0; i < r.length; i++) {
            for (int k = 0; k < r[i].length; k++) {
                v[i * r[i].length + k] = (float) r[i][k];
            }
        }
        return FloatMatrix.wrap(v, r.length, r[0].length);
    }

    @Test
    void aGroupKeepsItsFirstKernelAndTheOthersMoveToTheFarthestData() {
        // kernels 0 and 1 within 0.1 σ (σ = 1), kernel 2 on its own
        ModelState s = new ModelState(new double[] {0, 0, 0.001, 0, 5, 5}, 2, new double[] {2, 4, 1}, 1, true);
        FloatMatrix data = rows(new double[] {0, 0}, new double[] {5, 5}, new double[] {10, 0}, new double[] {0, 0});
        int[] moved = Trainer.reseedDuplicates(s, data, 1.0, 5, Seeds.stream(7));
        assertThat(moved).containsExactly(1);
        // with the softmax, coincident kernels split their weight: the one left takes the mean
        assertThat(s.amplitudes).containsExactly(3, 0, 1);
        // every row but (10, 0) lies on a centre that stays: the draw can only pick it
        assertThat(s.centers).containsExactly(0, 0, 10, 0, 5, 5);
    }

    @Test
    void withoutTheSoftmaxTheGroupKeepsTheSumWithinTheClip() {
        ModelState s = new ModelState(new double[] {1, 1.02, 1.04, 3}, 1, new double[] {2, 4, -1, 1}, 1, false);
        FloatMatrix data = rows(new double[] {1}, new double[] {3}, new double[] {-4}, new double[] {8});
        int[] moved = Trainer.reseedDuplicates(s, data, 1.0, 5, Seeds.stream(3));
        // 1, 1.02 and 1.04 are linked in a chain of steps under 0.1: one group of three
        assertThat(moved).containsExactly(1, 2);
        assertThat(s.amplitudes).containsExactly(5, 0, 0, 1);
        assertThat(s.centers[0]).isEqualTo(1);
        assertThat(s.centers[3]).isEqualTo(3);
        // the two moved kernels went to the two rows off the centres, one each
        assertThat(new double[] {s.centers[1], s.centers[2]}).containsExactlyInAnyOrder(-4, 8);
    }

    @Test
    void withoutDuplicatesNothingChangesAndNothingIsDrawn() {
        ModelState s = new ModelState(new double[] {0, 1, 2}, 1, new double[] {1, 2, 3}, 1, true);
        UniformRandomProvider rng = Seeds.stream(11);
        assertThat(Trainer.reseedDuplicates(s, rows(new double[] {0}, new double[] {5}), 1.0, 5, rng)).isEmpty();
        assertThat(s.centers).containsExactly(0, 1, 2);
        assertThat(s.amplitudes).containsExactly(1, 2, 3);
        assertThat(rng.nextLong()).isEqualTo(Seeds.stream(11).nextLong());
    }

    @Test
    void theDrawIsTheSameInScaledAndShiftedCoordinates() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 200;
        int d = 3;
        double c = 2.5;
        double[] b = {1, -2, 3};
        double[][] x = new double[n][d];
        double[][] y = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                x[i][k] = r.nextGaussian();
                y[i][k] = c * x[i][k] + b[k];
            }
        }
        for (long seed = 0; seed < 20; seed++) {
            double[] mu = {0, 0, 0, 0.01, 0, 0, 1, 1, 1, 1, 1.01, 1};
            double[] nu = new double[mu.length];
            for (int i = 0; i < mu.length; i++) {
                nu[i] = c * mu[i] + b[i % d];
            }
            ModelState s0 = new ModelState(mu, d, new double[] {1, 1, 1, 1}, 1, true);
            ModelState s1 = new ModelState(nu, d, new double[] {1, 1, 1, 1}, c, true);
            assertThat(Trainer.reseedDuplicates(s0, rows(x), 1.0, 5, Seeds.stream(seed))).containsExactly(1, 3);
            assertThat(Trainer.reseedDuplicates(s1, rows(y), c, 5, Seeds.stream(seed))).containsExactly(1, 3);
            for (int i = 0; i < mu.length; i++) {
                // the same rows were drawn: the moved centres map onto each other up to float rounding
                assertThat((s1.centers[i] - b[i % d]) / c).as("seed %d, centre coordinate %d", seed, i)
                        .isCloseTo(s0.centers[i], within(1e-5));
            }
        }
    }

    @Test
    void anAdamResetMakesTheNextUpdateAFirstStep() {
        Adam used = new Adam(2);
        double[] theta = {0, 0};
        for (int t = 0; t < 50; t++) {
            used.beginStep();
            used.update(theta, new double[] {1.0, -2.0}, 2, 0, 0.1, 1);
        }
        used.reset(1, 1);
        used.beginStep();
        double[] after = {0, 0};
        used.update(after, new double[] {3.0, 3.0}, 2, 0, 0.1, 1);
        Adam fresh = new Adam(1);
        fresh.beginStep();
        double[] first = {0};
        fresh.update(first, new double[] {3.0}, 1, 0, 0.1, 1);
        assertThat(after[1]).isCloseTo(first[0], within(1e-12));
        assertThat(after[0]).isNotCloseTo(first[0], within(1e-3));
    }

    private static TrainingSamples cluster(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] r = new float[400];
        float[] x = new float[80];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) rng.nextGaussian();
        }
        for (int i = 0; i < x.length; i++) {
            // a quarter of the data in a tight cluster at 2: the kernels that find it pile up there
            x[i] = (float) (i < 20 ? 2 + 0.05 * rng.nextGaussian() : rng.nextGaussian());
        }
        return TrainingSamples.of(FloatMatrix.wrap(r, 400, 1), FloatMatrix.wrap(x, 80, 1));
    }

    private static TrainingResult train(TrainingSamples s, boolean reseed, long seed) {
        TrainerConfig c = TrainerConfig.builder().kernels(5).steps(400).checkpoints(5).reseedDuplicates(reseed)
                .seed(seed).build();
        try (KernelBackend b = new ReferenceBackend()) {
            return new Trainer(b, c).train(s);
        }
    }

    @Test
    void reseedingChangesOnlyTheTrainingsWhereKernelsCoincide() {
        int changed = 0;
        for (long seed = 1; seed <= 6; seed++) {
            TrainingSamples s = cluster(seed);
            TrainingResult off = train(s, false, seed);
            TrainingResult on = train(s, true, seed);
            assertThat(train(s, true, seed).testStatistics()).as("same seed, same bits").containsExactly(on.testStatistics());
            // the first checkpoint is recorded before any reseeding
            assertThat(on.testStatistics()[0]).isEqualTo(off.testStatistics()[0]);
            boolean coincided = false;
            for (int j = 0; j < off.checkpoints().size() - 1; j++) {
                Checkpoint cp = off.checkpoints().get(j);
                coincided |= !DuplicateKernels.groups(cp.model().centers(), 1, cp.width()).isEmpty();
            }
            if (!coincided) {
                assertThat(on.testStatistics()).as("seed %d: no duplicates, nothing reseeded", seed)
                        .containsExactly(off.testStatistics());
            } else {
                Checkpoint first = on.checkpoints().get(0);
                if (!DuplicateKernels.groups(first.model().centers(), 1, first.width()).isEmpty()) {
                    assertThat(on.testStatistics()[1]).isNotEqualTo(off.testStatistics()[1]);
                }
                changed++;
            }
        }
        assertThat(changed).as("trainings in which kernels coincided before the last checkpoint").isPositive();
    }
}
