package org.sparker.app.preprocess;

import org.sparker.calibration.ToyUnits;
import org.sparker.engine.TrainingSamples;

/**
 * The standardization as a per-toy step: each calibration toy is put on the units of its own
 * pseudo-reference, as the real test is put on the units of its reference. Fitting on the whole
 * reference file once instead lets the toys miss what the test meets: a pixel that is almost
 * always 0 in the reference gets a tiny scale, and a data sample drawn from outside the reference
 * turns every non-zero value there into an outlier that no toy drawn from the reference itself
 * shows (docs/archive/embeddings-2026-12-04-to-2026-12-06.md, the clean null).
 */
public enum PerToyStandardization implements ToyUnits {
    INSTANCE;

    @Override
    public TrainingSamples apply(TrainingSamples toy) {
        return apply(Standardization.of(toy.reference()), toy);
    }

    /** Both samples of {@code samples} in the units {@code units}, the weights kept. */
    static TrainingSamples apply(Standardization units, TrainingSamples samples) {
        if (samples.referencePointWeights() != null || samples.dataPointWeights() != null) {
            throw new IllegalArgumentException("standardization: per-point weights are not carried through");
        }
        return TrainingSamples.of(units.apply(samples.reference()), units.apply(samples.data()),
                samples.referenceWeight());
    }

    @Override
    public String describe() {
        return "standardized per toy: each coordinate's mean and population standard deviation fitted on the toy's "
                + "reference";
    }
}
