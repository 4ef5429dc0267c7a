package org.sparker.engine;

/**
 * The mutable working form of a model, updated in place by the trainer: the arrays are public
 * and live ({@link #centers} row-major {@code M×d}, {@link #amplitudes} of length {@code M}) so
 * that an optimiser step allocates nothing. {@link #snapshot()} freezes it into a
 * {@link KernelModel}.
 *
 * <p>Not thread-safe. Backends validate it ({@link #validate()}) at every call because it can
 * change between calls.
 */
public final class ModelState extends ParameterArrays {

    /** Centres, row-major {@code M×d}; live. */
    public final double[] centers;
    /** Amplitudes, length {@code M}; live. */
    public final double[] amplitudes;
    private double width;
    private boolean softmax;

    /**
     * Wraps the arrays (not copied) as the model's live parameters.
     *
     * @throws IllegalArgumentException on a shape mismatch
     */
    public ModelState(double[] centers, int dimension, double[] amplitudes, double width, boolean softmax) {
        super(centers, dimension, amplitudes);
        this.centers = centers;
        this.amplitudes = amplitudes;
        this.width = width;
        this.softmax = softmax;
    }

    /** A mutable copy of {@code model}. */
    public static ModelState copyOf(KernelParameters model) {
        double[] c = new double[model.kernels() * model.dimension()];
        double[] a = new double[model.kernels()];
        model.copyCentersTo(c);
        model.copyAmplitudesTo(a);
        return new ModelState(c, model.dimension(), a, model.width(), model.softmax());
    }

    /** An immutable copy of the current values. */
    public KernelModel snapshot() {
        return KernelModel.of(centers, dimension(), amplitudes, width, softmax);
    }

    public void setWidth(double width) {
        this.width = width;
    }

    public void setSoftmax(boolean softmax) {
        this.softmax = softmax;
    }

    @Override
    public double width() {
        return width;
    }

    @Override
    public boolean softmax() {
        return softmax;
    }
}
