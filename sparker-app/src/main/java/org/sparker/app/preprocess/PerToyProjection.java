package org.sparker.app.preprocess;

import org.sparker.calibration.ToyUnits;
import org.sparker.engine.TrainingSamples;

/**
 * {@code --pca K} as a per-toy step: each calibration toy is projected onto the first {@code K}
 * principal axes of its own pseudo-reference (then standardized on the projected
 * pseudo-reference, when {@code standardize}), as the real test is projected onto its
 * reference's axes. Axes fitted once on the whole reference file would make the reference
 * special: its points vary most along them by construction, data drawn beside it do not, and
 * the toys would not see that.
 *
 * @param k the principal axes kept
 * @param standardize whether each projected coordinate is then standardized on the toy's reference
 */
public record PerToyProjection(int k, boolean standardize) implements ToyUnits {

    @Override
    public TrainingSamples apply(TrainingSamples toy) {
        if (toy.referencePointWeights() != null || toy.dataPointWeights() != null) {
            throw new IllegalArgumentException("pca: per-point weights are not carried through");
        }
        Projection p = Projection.fit(toy.reference(), k);
        TrainingSamples projected = TrainingSamples.of(p.apply(toy.reference()), p.apply(toy.data()),
                toy.referenceWeight());
        return standardize ? PerToyStandardization.INSTANCE.apply(projected) : projected;
    }

    @Override
    public String describe() {
        return "projected per toy onto the first " + k + " principal axes of the toy's reference"
                + (standardize ? ", then " + PerToyStandardization.INSTANCE.describe() : "");
    }
}
