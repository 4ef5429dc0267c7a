package org.sparker.stats;

import java.util.Map;

import org.apache.commons.rng.UniformRandomProvider;
import org.sparker.engine.TrainingSamples;

/**
 * Where anomaly-free (reference, data) pairs for calibration toys come from: a toy model's null
 * hypothesis, or a finite pool of nominal points ({@link PoolBootstrap}).
 */
public interface ToySource {

    /** Draws toy {@code index}'s samples from its own stream {@code rng}. */
    TrainingSamples sample(long index, UniformRandomProvider rng);

    /** The parameters that shape the null distribution, recorded in the calibration file. */
    Map<String, Object> parameters();

    /** The null hypothesis of a toy model. */
    static ToySource of(org.sparker.stats.toys.ToyModel model) {
        org.sparker.stats.toys.ToyModel nullModel = model.withoutSignal();
        return new ToySource() {
            @Override
            public TrainingSamples sample(long index, UniformRandomProvider rng) {
                return nullModel.sample(rng);
            }

            @Override
            public Map<String, Object> parameters() {
                return nullModel.parameters();
            }
        };
    }
}
