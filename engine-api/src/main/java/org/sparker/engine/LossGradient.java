package org.sparker.engine;

import java.util.Arrays;

/**
 * Caller-owned output of {@link KernelBackend#lossAndGradient}: the loss {@code L} of the chosen
 * loss function, the test statistic {@code t = −2 L_NP} (Eq. 4, always the NP loss, whatever loss
 * trains), and the gradient of {@code L} with respect to the amplitudes ({@code M}) and centres
 * ({@code M×d}, row-major). No regularisation is included: the trainer adds it.
 *
 * <p>Allocate once with {@link #allocate} and reuse it every step.
 */
public final class LossGradient {

    private final int kernels;
    private final int dimension;
    private final double[] amplitudeGradient;
    private final double[] centerGradient;
    private double loss;
    private double testStatistic;

    private LossGradient(int kernels, int dimension) {
        this.kernels = kernels;
        this.dimension = dimension;
        this.amplitudeGradient = new double[kernels];
        this.centerGradient = new double[Math.multiplyExact(kernels, dimension)];
    }

    /** Output space for a model of {@code kernels} kernels in {@code dimension} dimensions. */
    public static LossGradient allocate(int kernels, int dimension) {
        if (kernels < 1 || dimension < 1) {
            throw new IllegalArgumentException("gradient shape " + kernels + "×" + dimension + " is invalid");
        }
        return new LossGradient(kernels, dimension);
    }

    public int kernels() {
        return kernels;
    }

    public int dimension() {
        return dimension;
    }

    /** The loss of the chosen loss function. */
    public double loss() {
        return loss;
    }

    /** {@code t = −2 L_NP}, without regularisation. */
    public double testStatistic() {
        return testStatistic;
    }

    /** {@code ∂L/∂a}, live, length {@code M}. */
    public double[] amplitudeGradient() {
        return amplitudeGradient;
    }

    /** {@code ∂L/∂μ}, live, row-major {@code M×d}. */
    public double[] centerGradient() {
        return centerGradient;
    }

    /** Written by backends. */
    public void setLoss(double loss, double testStatistic) {
        this.loss = loss;
        this.testStatistic = testStatistic;
    }

    /** Sets the loss, the statistic and both gradients to zero. */
    public void clear() {
        loss = 0;
        testStatistic = 0;
        Arrays.fill(amplitudeGradient, 0);
        Arrays.fill(centerGradient, 0);
    }
}
