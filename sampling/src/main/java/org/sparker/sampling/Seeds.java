package org.sparker.sampling;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Reproducible random streams. Every random choice in the engine draws from a stream made here
 * from a 64-bit seed; independent streams (one per calibration toy, say) are derived from a
 * master seed and an index, so toy {@code k} gets the same numbers whether it runs first, last,
 * alone or after a crash. Which index serves which purpose is registered in {@link Stream}.
 */
public final class Seeds {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /** A fresh stream (xoshiro256++, from Commons RNG) for {@code seed}. */
    public static UniformRandomProvider stream(long seed) {
        return RandomSource.XO_SHI_RO_256_PP.create(seed);
    }

    /** The stream of a registered single stream under {@code parent}. */
    public static UniformRandomProvider stream(Stream named, long parent) {
        return stream(named.seed(parent));
    }

    /** The stream of member {@code k} of a registered family under {@code parent}. */
    public static UniformRandomProvider stream(Stream family, long parent, long k) {
        return stream(family.seed(parent, k));
    }

    /**
     * The seed of sub-stream {@code index} of {@code master}: SplitMix64's output function applied
     * to {@code master + (index + 1) · γ}, which decorrelates neighbouring indices. For a fixed
     * master it is a bijection of the index, so distinct indices give distinct seeds.
     */
    public static long derive(long master, long index) {
        long z = master + (index + 1) * GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
