package org.sparker.calibration;

import org.apache.commons.rng.UniformRandomProvider;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.TrainingSamples;
import org.sparker.sampling.PairwiseDistances;

/**
 * Where anomaly-free (reference, data) pairs for calibration toys come from: a toy model's null
 * hypothesis, or a finite pool of nominal points ({@link PoolBootstrap}).
 */
public interface ToySource {

    /** Draws toy {@code index}'s samples from its own stream {@code rng}. */
    TrainingSamples sample(long index, UniformRandomProvider rng);

    /**
     * Up to {@code subset} random points of toy {@code index}'s reference and data together: the
     * points whose pairwise distances set the widths (docs/design.md §4). The same points as
     * drawing the toy with {@code rng} and then {@code subset} rows of reference ∪ data with
     * {@code subsetRng}, without copying the whole toy (a pool source overrides it to copy only
     * the chosen rows).
     */
    default FloatMatrix estimationPoints(long index, UniformRandomProvider rng, int subset,
            UniformRandomProvider subsetRng) {
        TrainingSamples s = sample(index, rng);
        return PairwiseDistances.subsetOfUnion(s.reference(), s.data(), subset, subsetRng);
    }

    /** The parameters that shape the null distribution, recorded in the calibration file. */
    ToyParameters parameters();
}
