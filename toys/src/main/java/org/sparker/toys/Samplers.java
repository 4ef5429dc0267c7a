package org.sparker.toys;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/** Small helpers over Commons RNG samplers shared by the toys. */
final class Samplers {

    private Samplers() {
    }

    /** A Poisson count of mean {@code mean} (0 for mean 0). */
    static int poisson(UniformRandomProvider rng, double mean) {
        return mean <= 0 ? 0 : PoissonSampler.of(rng, mean).sample();
    }

    static ZigguratSampler.NormalizedGaussian gaussian(UniformRandomProvider rng) {
        return ZigguratSampler.NormalizedGaussian.of(rng);
    }

    static ZigguratSampler.Exponential exponential(UniformRandomProvider rng) {
        return ZigguratSampler.Exponential.of(rng);
    }
}
