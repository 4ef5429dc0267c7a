package org.sparker.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.TrainingSamples;
import org.sparker.engine.reference.ReferenceBackend;

/**
 * Scale and translation equivariance (docs/design.md §4): with centre steps in units of σ_t,
 * training on {@code c·X + b} gives centres {@code c·μ + b}, the same amplitudes and the same
 * statistic at every checkpoint, with or without the reseeding of duplicate kernels. For {@code c = 2^k} and no shift every operation scales exactly,
 * so the results are the same bits; for any {@code c} in 1e-4 … 1e4 and any shift they agree up
 * to the rounding of the transformed inputs. With steps in data units they do not.
 */
class EquivarianceTest {

    static TrainingSamples sample(long seed, int d, double scale, double shift) {
        SplittableRandom rng = new SplittableRandom(seed);
        int nRef = 400;
        int nData = 60;
        float[] r = new float[nRef * d];
        float[] x = new float[nData * d];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) (scale * rng.nextGaussian() + shift);
        }
        for (int i = 0; i < x.length; i++) {
            // a small cluster at +1.5 in every coordinate on top of the background
            double v = i < 10 * d ? 1.5 + 0.2 * rng.nextGaussian() : rng.nextGaussian();
            x[i] = (float) (scale * v + shift);
        }
        return TrainingSamples.of(FloatMatrix.wrap(r, nRef, d), FloatMatrix.wrap(x, nData, d));
    }

    static TrainerConfig config(TrainerConfig.Optimizer optimizer, TrainerConfig.CenterUnits units, long seed) {
        return config(optimizer, units, TrainerConfig.Initialization.DATA, 0, seed);
    }

    static TrainerConfig config(TrainerConfig.Optimizer optimizer, TrainerConfig.CenterUnits units,
            TrainerConfig.Initialization init, double explore, long seed) {
        return TrainerConfig.builder().initialization(init).exploreFraction(explore).kernels(3).steps(60).checkpoints(3).optimizer(optimizer).centerUnits(units)
                .centerRate(optimizer == TrainerConfig.Optimizer.ADAM ? 0.05 : 1.0)
                .amplitudeRate(optimizer == TrainerConfig.Optimizer.GRADIENT_DESCENT ? 1.0 : 0.05)
                // every other seed with the centre-step cap, which must keep the equivariance too
                .centerStepCap((seed & 1) == 0 ? 0 : 0.05).seed(seed).build();
    }

    private static TrainingResult train(TrainingSamples s, TrainerConfig c) {
        try (KernelBackend b = new ReferenceBackend()) {
            return new Trainer(b, c).train(s);
        }
    }

    @Property(tries = 30, seed = "20261203")
    void powerOfTwoScalingGivesTheSameBits(@ForAll @IntRange(min = -13, max = 13) int k,
            @ForAll @IntRange(min = 1, max = 3) int d, @ForAll TrainerConfig.Optimizer optimizer,
            @ForAll boolean initialWidth, @ForAll TrainerConfig.Initialization init, @ForAll boolean explore,
            @ForAll boolean reseed, @ForAll long seed) {
        double c = Math.scalb(1.0, k);
        TrainerConfig config = config(optimizer,
                initialWidth ? TrainerConfig.CenterUnits.INITIAL_WIDTH : TrainerConfig.CenterUnits.WIDTH, init,
                explore ? 0.3 : 0, seed).toBuilder().reseedDuplicates(reseed).build();
        TrainingResult base = train(sample(seed, d, 1, 0), config);
        TrainingResult scaled = train(sample(seed, d, c, 0), config);
        assertThat(scaled.testStatistics()).containsExactly(base.testStatistics());
        assertThat(scaled.model().amplitudes()).containsExactly(base.model().amplitudes());
        double[] mu = base.model().centers();
        double[] expected = new double[mu.length];
        for (int i = 0; i < mu.length; i++) {
            expected[i] = c * mu[i];
        }
        assertThat(scaled.model().centers()).containsExactly(expected);
        assertThat(scaled.model().width()).isEqualTo(c * base.model().width());
    }

    @Property(tries = 30, seed = "20261204")
    void anyScaleAndShiftAgreeUpToRounding(@ForAll @DoubleRange(min = -4, max = 4) double logScale,
            @ForAll @DoubleRange(min = -3, max = 3) double shiftInUnits, @ForAll @IntRange(min = 1, max = 3) int d,
            @ForAll TrainerConfig.Optimizer optimizer, @ForAll TrainerConfig.Initialization init,
            @ForAll boolean explore, @ForAll long seed) {
        double c = Math.pow(10, logScale);
        double b = shiftInUnits * c;
        TrainerConfig config = config(optimizer, TrainerConfig.CenterUnits.WIDTH, init, explore ? 0.3 : 0, seed);
        TrainingResult base = train(sample(seed, d, 1, 0), config);
        TrainingResult moved = train(sample(seed, d, c, b), config);
        // the transformed inputs are rounded to float: relative 6e-8 of (|b| + c·|x|)
        double[] t0 = base.testStatistics();
        double[] t1 = moved.testStatistics();
        for (int j = 0; j < t0.length; j++) {
            assertThat(t1[j]).as("t at checkpoint %d", j).isCloseTo(t0[j],
                    org.assertj.core.api.Assertions.within(1e-4 * Math.max(1, Math.abs(t0[j]))));
        }
        double[] a0 = base.model().amplitudes();
        double[] a1 = moved.model().amplitudes();
        for (int i = 0; i < a0.length; i++) {
            assertThat(a1[i]).isCloseTo(a0[i], org.assertj.core.api.Assertions.within(1e-4 * Math.max(1, Math.abs(a0[i]))));
        }
        double[] mu0 = base.model().centers();
        double[] mu1 = moved.model().centers();
        // each input moved by up to 2^−24 (|b|/c + |x|) in the original units when rounded to
        // float; 60 steps of training may amplify that, here allowed 50 times
        double inputRounding = Math.scalb(1.0, -24) * (Math.abs(shiftInUnits) + 6);
        for (int i = 0; i < mu0.length; i++) {
            assertThat((mu1[i] - b) / c).isCloseTo(mu0[i], org.assertj.core.api.Assertions.within(50 * inputRounding));
        }
    }

    /** Steps in data units are not equivariant: the same data in units 1,000 times smaller moves the centres 1,000 times too far. */
    @Property(tries = 5, seed = "20261205")
    void stepsInDataUnitsDependOnTheUnits(@ForAll long seed) {
        TrainerConfig config = config(TrainerConfig.Optimizer.ADAM, TrainerConfig.CenterUnits.DATA, seed);
        double c = 1.0 / 1024;
        TrainingResult base = train(sample(seed, 2, 1, 0), config);
        TrainingResult scaled = train(sample(seed, 2, c, 0), config);
        double[] mu0 = base.model().centers();
        double[] mu1 = scaled.model().centers();
        double worst = 0;
        for (int i = 0; i < mu0.length; i++) {
            worst = Math.max(worst, Math.abs(mu1[i] / c - mu0[i]));
        }
        assertThat(worst).as("largest centre difference in the original units").isGreaterThan(base.model().width());
    }
}
