package org.sparker.calibration;

/** One finished calibration toy: its index, the seed of its samples, and {@code t} at each checkpoint. */
public record ToyResult(int toy, long seed, double[] statistics) implements java.io.Serializable {

    public ToyResult {
        statistics = statistics.clone();
    }
}
