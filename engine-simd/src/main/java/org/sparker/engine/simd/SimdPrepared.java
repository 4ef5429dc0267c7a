package org.sparker.engine.simd;

import org.sparker.engine.BasePreparedSamples;
import org.sparker.engine.TrainingSamples;

/** Samples in tile layout, resident for the whole training, plus reusable block partials. */
final class SimdPrepared extends BasePreparedSamples {
    final Tiles reference;
    final Tiles data;
    private double[][] partials = new double[0][];

    SimdPrepared(TrainingSamples samples, Tiles reference, Tiles data) {
        super(samples, SimdBackendProvider.NAME);
        this.reference = reference;
        this.data = data;
    }

    double[][] partials(int blocks, int size) {
        if (partials.length != blocks || partials[0].length != size) {
            partials = new double[blocks][size];
        }
        return partials;
    }
}
