package org.sparker.engine;

/**
 * Caller-owned output of {@link KernelBackend#forward} for {@code N} points and {@code M}
 * kernels: {@code f(x)} (Eq. 7), the anomaly score {@code c(x)} (Eq. 13), the softmax weights
 * {@code p_i(x)} and the components {@code f_i(x)} (Eq. 14), the last two row-major {@code N×M}.
 *
 * <p>For a model without softmax, {@code f_i = a_i k_i} and the softmax weights are still
 * reported (they show which kernel dominates each point) although {@code f} does not use them.
 */
public final class ForwardResult {

    private final int points;
    private final int kernels;
    private final double[] logRatio;
    private final double[] score;
    private final double[] softmaxWeights;
    private final double[] components;

    private ForwardResult(int points, int kernels) {
        this.points = points;
        this.kernels = kernels;
        this.logRatio = new double[points];
        this.score = new double[points];
        this.softmaxWeights = new double[Math.multiplyExact(points, kernels)];
        this.components = new double[Math.multiplyExact(points, kernels)];
    }

    /** Output space for {@code points} points and {@code kernels} kernels. */
    public static ForwardResult allocate(int points, int kernels) {
        if (points < 0 || kernels < 1) {
            throw new IllegalArgumentException("forward shape " + points + "×" + kernels + " is invalid");
        }
        return new ForwardResult(points, kernels);
    }

    public int points() {
        return points;
    }

    public int kernels() {
        return kernels;
    }

    /** {@code f(x_n)}, live, length {@code N}. */
    public double[] logRatio() {
        return logRatio;
    }

    /** {@code c(x_n) = sigmoid(f(x_n))}, live, length {@code N}. */
    public double[] score() {
        return score;
    }

    /** {@code p_i(x_n)} at {@code [n * M + i]}, live. */
    public double[] softmaxWeights() {
        return softmaxWeights;
    }

    /** {@code f_i(x_n)} at {@code [n * M + i]}, live. */
    public double[] components() {
        return components;
    }
}
