package org.sparker.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.sparker.engine.BackendOptions;
import org.sparker.engine.Backends;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.TrainingSamples;
import org.sparker.engine.train.Trainer;
import org.sparker.engine.train.TrainerConfig;
import org.sparker.engine.train.TrainingResult;

/**
 * Scale equivariance of training (docs/design.md §4) on every backend that runs here: with centre
 * steps in units of σ_t, the same data in units {@code 2^k} times larger gives the same
 * statistics and amplitudes and centres {@code 2^k} times larger, bit for bit — every operation
 * of the reference and of the SIMD backend (direct differences below d = 16, dot products above)
 * scales exactly by powers of two. (Arbitrary scales and shifts, up to rounding: engine-train's
 * EquivarianceTest.)
 */
class EquivariancePropertiesTest {

    @Property(tries = 24, seed = "20261206")
    void powerOfTwoUnitsGiveTheSameBits(@ForAll("backends") String backend, @ForAll @IntRange(min = -12, max = 12) int k,
            @ForAll("dimensions") int d, @ForAll TrainerConfig.Optimizer optimizer,
            @ForAll TrainerConfig.Initialization init, @ForAll boolean explore, @ForAll long seed) {
        Assume.that(Backends.providers().stream().anyMatch(p -> p.name().equals(backend) && p.availability().available()));
        double c = Math.scalb(1.0, k);
        boolean adamCenters = optimizer == TrainerConfig.Optimizer.ADAM;
        TrainerConfig config = TrainerConfig.builder().kernels(3).steps(40).checkpoints(2).optimizer(optimizer)
                .centerRate(adamCenters ? 0.05 : 1.0)
                .amplitudeRate(optimizer == TrainerConfig.Optimizer.GRADIENT_DESCENT ? 1.0 : 0.05)
                .centerUnits(TrainerConfig.CenterUnits.WIDTH).initialization(init).exploreFraction(explore ? 0.3 : 0)
                .seed(seed).build();
        TrainingResult base = train(backend, samples(seed, d, 1), config);
        TrainingResult scaled = train(backend, samples(seed, d, c), config);
        assertThat(scaled.testStatistics()).containsExactly(base.testStatistics());
        assertThat(scaled.model().amplitudes()).containsExactly(base.model().amplitudes());
        double[] mu = base.model().centers();
        for (int i = 0; i < mu.length; i++) {
            mu[i] *= c;
        }
        assertThat(scaled.model().centers()).containsExactly(mu);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> backends() {
        return net.jqwik.api.Arbitraries.of("reference", "simd");
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Integer> dimensions() {
        return net.jqwik.api.Arbitraries.of(1, 3, 17, 40);
    }

    private static TrainingResult train(String backend, TrainingSamples s, TrainerConfig config) {
        try (KernelBackend b = Backends.get(backend, new BackendOptions(2))) {
            return new Trainer(b, config).train(s);
        }
    }

    private static TrainingSamples samples(long seed, int d, double scale) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] r = new float[300 * d];
        float[] x = new float[50 * d];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) (scale * rng.nextGaussian());
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (scale * (i < 8 * d ? 1.5 + 0.2 * rng.nextGaussian() : rng.nextGaussian()));
        }
        return TrainingSamples.of(FloatMatrix.wrap(r, 300, d), FloatMatrix.wrap(x, 50, d));
    }
}
