package org.sparker.engine;

/**
 * The two samples of the test (docs/design.md §2): a reference sample {@code R} weighted by
 * {@code w_R}, and a data sample {@code D} of weight 1, optionally with per-point weights that
 * multiply each point's term. Validated on construction, so backends can trust it.
 *
 * @param reference the anomaly-free reference sample, {@code N_R × d}
 * @param data the data sample, {@code N_D × d}
 * @param referenceWeight {@code w_R > 0}; {@link #of} uses {@code N_D / N_R}
 * @param referencePointWeights per-point weights of {@code R}, or {@code null} for all 1
 * @param dataPointWeights per-point weights of {@code D}, or {@code null} for all 1
 */
public record TrainingSamples(FloatMatrix reference, FloatMatrix data, double referenceWeight,
        double[] referencePointWeights, double[] dataPointWeights) {

    public TrainingSamples {
        if (reference == null) {
            throw new IllegalArgumentException("reference: sample is missing");
        }
        if (data == null) {
            throw new IllegalArgumentException("data: sample is missing");
        }
        if (reference.rows() == 0) {
            throw new IllegalArgumentException("reference: sample is empty");
        }
        if (data.rows() == 0) {
            throw new IllegalArgumentException("data: sample is empty");
        }
        if (reference.cols() != data.cols()) {
            throw new IllegalArgumentException("dimension mismatch: reference has " + reference.cols()
                    + " columns but data has " + data.cols());
        }
        reference.requireFinite("reference");
        data.requireFinite("data");
        if (!(referenceWeight > 0) || !Double.isFinite(referenceWeight)) {
            throw new IllegalArgumentException("referenceWeight: w_R must be positive and finite, got "
                    + referenceWeight);
        }
        checkPointWeights("referencePointWeights", referencePointWeights, reference.rows());
        checkPointWeights("dataPointWeights", dataPointWeights, data.rows());
    }

    /** Unweighted points with the default {@code w_R = N_D / N_R}. */
    public static TrainingSamples of(FloatMatrix reference, FloatMatrix data) {
        if (reference == null || data == null || reference.rows() == 0) {
            return new TrainingSamples(reference, data, 1.0, null, null); // fails with the precise message
        }
        return new TrainingSamples(reference, data, (double) data.rows() / reference.rows(), null, null);
    }

    /**
     * Unweighted points with an explicit {@code w_R}, e.g. {@code N(R) / N_R} with the expected
     * data count {@code N(R)} when the data size is Poisson-fluctuated.
     */
    public static TrainingSamples of(FloatMatrix reference, FloatMatrix data, double referenceWeight) {
        return new TrainingSamples(reference, data, referenceWeight, null, null);
    }

    /** Dimension {@code d} of the points. */
    public int dimension() {
        return data.cols();
    }

    /** The weight of reference point {@code i}, {@code w_R} excluded. */
    public double referencePointWeight(int i) {
        return referencePointWeights == null ? 1.0 : referencePointWeights[i];
    }

    /** The weight of data point {@code i}. */
    public double dataPointWeight(int i) {
        return dataPointWeights == null ? 1.0 : dataPointWeights[i];
    }

    private static void checkPointWeights(String name, double[] w, int n) {
        if (w == null) {
            return;
        }
        if (w.length != n) {
            throw new IllegalArgumentException(name + ": expected " + n + " weights, got " + w.length);
        }
        for (int i = 0; i < n; i++) {
            if (!(w[i] >= 0) || !Double.isFinite(w[i])) {
                throw new IllegalArgumentException(name + ": weight at row " + i + " is " + w[i]
                        + "; weights must be finite and ≥ 0");
            }
        }
    }
}
