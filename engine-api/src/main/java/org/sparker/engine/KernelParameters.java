package org.sparker.engine;

/**
 * Read access to the parameters of a SparKer model (docs/design.md §1): {@code M} kernel centres
 * {@code μ_i ∈ R^d}, amplitudes {@code a_i}, one shared width {@code σ > 0}, and whether the
 * softmax competition is on.
 *
 * <p>Two forms exist: the immutable {@link KernelModel} (results, checkpoints, files) and the
 * mutable {@link ModelState} that the trainer updates in place. Backends only read parameters,
 * copying them into their own layout at the start of each call.
 */
public sealed interface KernelParameters permits ParameterArrays {

    /** Number of kernels {@code M}. */
    int kernels();

    /** Dimension {@code d} of the points and centres. */
    int dimension();

    /** The shared width {@code σ}. */
    double width();

    /** {@code true} for the paper's model {@code f = Σ a_i p_i k_i}; {@code false} for {@code f = Σ a_i k_i}. */
    boolean softmax();

    /** Coordinate {@code axis} of centre {@code kernel}. */
    double center(int kernel, int axis);

    /** Amplitude {@code a_kernel}. */
    double amplitude(int kernel);

    /** Copies the centres, row-major {@code M×d}, into {@code dst[0 .. M*d)}. */
    void copyCentersTo(double[] dst);

    /** Copies the amplitudes into {@code dst[0 .. M)}. */
    void copyAmplitudesTo(double[] dst);

    /**
     * Checks that the width is positive and finite and every centre coordinate and amplitude is
     * finite.
     *
     * @throws IllegalArgumentException naming the offending parameter
     */
    default void validate() {
        double w = width();
        if (!(w > 0) || !Double.isFinite(w)) {
            throw new IllegalArgumentException("width: σ must be positive and finite, got " + w);
        }
        int m = kernels();
        int d = dimension();
        for (int i = 0; i < m; i++) {
            double a = amplitude(i);
            if (!Double.isFinite(a)) {
                throw new IllegalArgumentException("amplitudes: a_" + i + " = " + a + " is not finite");
            }
            for (int k = 0; k < d; k++) {
                double c = center(i, k);
                if (!Double.isFinite(c)) {
                    throw new IllegalArgumentException("centers: coordinate " + k + " of centre " + i
                            + " = " + c + " is not finite");
                }
            }
        }
    }
}
