package org.sparker.app.preprocess;

import org.sparker.calibration.ToyUnits;
import org.sparker.engine.TrainingSamples;

/**
 * {@code --spherical} as a per-toy step: each calibration toy is projected onto its own
 * reference's principal axes (with {@code --pca K}), put in hyperspherical coordinates about its
 * own reference's mean (or the origin), then standardized on its own reference (when
 * {@code standardize}), as the real test is on its reference.
 *
 * @param pca the principal axes kept first, or 0 for none
 * @param center where the coordinates are centred
 * @param standardize whether each coordinate is then standardized on the toy's reference
 */
public record PerToySpherical(int pca, Spherical.Center center, boolean standardize) implements ToyUnits {

    @Override
    public TrainingSamples apply(TrainingSamples toy) {
        if (toy.referencePointWeights() != null || toy.dataPointWeights() != null) {
            throw new IllegalArgumentException("spherical: per-point weights are not carried through");
        }
        TrainingSamples t = pca > 0 ? new PerToyProjection(pca, false).apply(toy) : toy;
        Spherical s = Spherical.fit(t.reference(), center);
        TrainingSamples spherical = TrainingSamples.of(s.apply(t.reference()), s.apply(t.data()), t.referenceWeight());
        return standardize ? PerToyStandardization.INSTANCE.apply(spherical) : spherical;
    }

    @Override
    public String describe() {
        return (pca > 0 ? new PerToyProjection(pca, false).describe() + ", then " : "")
                + "hyperspherical coordinates (radius, angles) about "
                + (center == Spherical.Center.MEAN ? "the mean of the toy's reference" : "the origin")
                + (standardize ? ", then " + PerToyStandardization.INSTANCE.describe() : "");
    }
}
