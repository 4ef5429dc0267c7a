package org.sparker.calibration;

import org.apache.commons.rng.sampling.PermutationSampler;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.TrainingSamples;
import org.sparker.sampling.Seeds;
import org.sparker.sampling.Stream;

/**
 * A test whose reference supplies its own calibration toys (docs/design.md §5): toys are
 * disjoint random subsets of the reference, a pseudo-reference of {@code N_R* = N_R − N_D} and a
 * pseudo-data sample of {@code N_D}, and the real test uses a random {@code N_R*} of the reference
 * ({@link Stream#TEST_REFERENCE}) against the data, so toys and test match in both sizes and in
 * {@code w_R}.
 *
 * @param source where the calibration toys come from
 * @param observed the samples of the real test
 */
public record ReferenceSplit(PoolBootstrap source, TrainingSamples observed) {

    /**
     * The split for {@code data} against {@code reference} with master seed {@code seed}.
     *
     * @throws IllegalArgumentException if the reference is not larger than the data
     */
    public static ReferenceSplit of(FloatMatrix reference, FloatMatrix data, long seed) {
        PoolBootstrap source = PoolBootstrap.forReferenceFile(reference, data.rows());
        int[] rows = new PermutationSampler(Seeds.stream(Stream.TEST_REFERENCE, seed), reference.rows(),
                source.referenceSize()).sample();
        return new ReferenceSplit(source, TrainingSamples.of(reference.selectRows(rows), data, source.referenceWeight()));
    }
}
