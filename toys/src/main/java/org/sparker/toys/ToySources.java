package org.sparker.toys;

import org.apache.commons.rng.UniformRandomProvider;
import org.sparker.calibration.ToyParameters;
import org.sparker.calibration.ToySource;
import org.sparker.engine.TrainingSamples;

/** A toy model as a source of calibration toys (its null) or of signal toys (as it is). */
public final class ToySources {

    private ToySources() {
    }

    /** The null hypothesis of a toy model: calibration toys. */
    public static ToySource of(ToyModel model) {
        return withSignal(model.withoutSignal());
    }

    /** The toy model as it is, signal included: signal toys for power studies. */
    public static ToySource withSignal(ToyModel model) {
        return new ToySource() {
            @Override
            public TrainingSamples sample(long index, UniformRandomProvider rng) {
                return model.sample(rng);
            }

            @Override
            public ToyParameters parameters() {
                return model.parameters();
            }
        };
    }
}
