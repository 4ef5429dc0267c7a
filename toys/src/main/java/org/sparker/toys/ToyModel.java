package org.sparker.toys;


import org.apache.commons.rng.UniformRandomProvider;
import org.sparker.calibration.ToyParameters;
import org.sparker.engine.TrainingSamples;

/**
 * A seeded generator of (reference, data) pairs: one of the paper's toy set-ups, with or without
 * its anomalous signal. Calibration uses {@link #withoutSignal()}.
 */
public interface ToyModel {

    /** A short name, e.g. {@code exp1d-tail}. */
    String name();

    /** Draws one (reference, data) pair, with {@code w_R} as the toy defines it. */
    TrainingSamples sample(UniformRandomProvider rng);

    /** The same set-up with no anomaly: the null hypothesis. */
    ToyModel withoutSignal();

    /** The same set-up at other sizes: {@code N_R} reference points, {@code N(R)} expected data points. */
    ToyModel withSizes(int nReference, double expectedData);

    /** Every parameter that shapes the samples, as calibration files record them. */
    ToyParameters parameters();

    /** {@code N_R}, the reference's size. */
    int referenceSize();

    /** {@code N(R)}, the expected size of the data sample. */
    double expectedData();
}
