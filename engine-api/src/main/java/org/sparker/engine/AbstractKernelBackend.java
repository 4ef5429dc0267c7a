package org.sparker.engine;

/**
 * Base class of every backend: the public operations validate their arguments once, here, then
 * call the backend's unchecked implementation. Implementations may therefore assume consistent
 * shapes, finite values, {@code σ > 0}, at least one kernel, and a prepared handle of their own.
 */
public abstract class AbstractKernelBackend implements KernelBackend {

    @Override
    public final void squaredDistances(FloatMatrix points, KernelParameters model, double[] out) {
        checkPointsAndModel(points, model);
        checkOutput("out", out, (long) points.rows() * model.kernels());
        computeSquaredDistances(points, model, out);
    }

    @Override
    public final void logRatio(FloatMatrix points, KernelParameters model, double[] out) {
        checkPointsAndModel(points, model);
        checkOutput("out", out, points.rows());
        computeLogRatio(points, model, out);
    }

    @Override
    public final void forward(FloatMatrix points, KernelParameters model, ForwardResult out) {
        checkPointsAndModel(points, model);
        if (out == null) {
            throw new IllegalArgumentException("out: forward result is missing");
        }
        if (out.kernels() != model.kernels() || out.points() < points.rows()) {
            throw new IllegalArgumentException("out: forward result is shaped for " + out.points() + " points × "
                    + out.kernels() + " kernels but the call has " + points.rows() + " points × "
                    + model.kernels() + " kernels");
        }
        computeForward(points, model, out);
    }

    @Override
    public final PreparedSamples prepare(TrainingSamples samples) {
        if (samples == null) {
            throw new IllegalArgumentException("samples: missing");
        }
        return prepareSamples(samples);
    }

    @Override
    public final void lossAndGradient(PreparedSamples samples, KernelParameters model, Loss loss, LossGradient out) {
        if (samples == null) {
            throw new IllegalArgumentException("samples: missing");
        }
        if (samples.isClosed()) {
            throw new IllegalStateException("samples: this prepared handle has been closed");
        }
        if (!name().equals(samples.backend())) {
            throw new IllegalArgumentException("samples: prepared by backend '" + samples.backend()
                    + "', not by '" + name() + "'");
        }
        checkModel(model);
        if (model.dimension() != samples.samples().dimension()) {
            throw new IllegalArgumentException("dimension mismatch: the samples have " + samples.samples().dimension()
                    + " columns but the model's centres have " + model.dimension());
        }
        if (loss == null) {
            throw new IllegalArgumentException("loss: missing");
        }
        if (out == null || out.kernels() != model.kernels() || out.dimension() != model.dimension()) {
            throw new IllegalArgumentException("out: gradient must be shaped " + model.kernels() + "×"
                    + model.dimension() + (out == null ? ", got none" : ", got " + out.kernels() + "×" + out.dimension()));
        }
        computeLossAndGradient(samples, model, loss, out);
    }

    /** @see #squaredDistances */
    protected abstract void computeSquaredDistances(FloatMatrix points, KernelParameters model, double[] out);

    /** @see #logRatio */
    protected abstract void computeLogRatio(FloatMatrix points, KernelParameters model, double[] out);

    /** @see #forward */
    protected abstract void computeForward(FloatMatrix points, KernelParameters model, ForwardResult out);

    /** @see #prepare; {@code samples} is already validated. */
    protected abstract PreparedSamples prepareSamples(TrainingSamples samples);

    /** @see #lossAndGradient; {@code samples} was made by this backend and is open. */
    protected abstract void computeLossAndGradient(PreparedSamples samples, KernelParameters model, Loss loss,
            LossGradient out);

    @Override
    public final void softmin(FloatMatrix x, FloatMatrix y, double[] h, double eps, double p, double[] out) {
        Softmin.check(x, y, h, eps, p, out);
        computeSoftmin(x, y, h, eps, p, out);
    }

    @Override
    public final void softminMatrix(double[] cost, int n, int m, double[] h, double eps, double[] out) {
        Softmin.checkMatrix(cost, n, m, h, eps, out);
        computeSoftminMatrix(cost, n, m, h, eps, out);
    }

    /**
     * @see #softmin; arguments validated. This default runs the scalar oracle ({@link Softmin})
     *     on the calling thread; a backend with a kernel of its own overrides it.
     */
    protected void computeSoftmin(FloatMatrix x, FloatMatrix y, double[] h, double eps, double p, double[] out) {
        Softmin.points(x, y, h, eps, p, out);
    }

    /** @see #softminMatrix; arguments validated. Defaults to the scalar oracle, like {@link #computeSoftmin}. */
    protected void computeSoftminMatrix(double[] cost, int n, int m, double[] h, double eps, double[] out) {
        Softmin.matrix(cost, n, m, h, eps, out);
    }

    @Override
    public String toString() {
        return name();
    }

    private static void checkModel(KernelParameters model) {
        if (model == null) {
            throw new IllegalArgumentException("model: missing");
        }
        model.validate();
    }

    private static void checkPointsAndModel(FloatMatrix points, KernelParameters model) {
        if (points == null) {
            throw new IllegalArgumentException("points: missing");
        }
        checkModel(model);
        if (points.cols() != model.dimension()) {
            throw new IllegalArgumentException("dimension mismatch: points have " + points.cols()
                    + " columns but the model's centres have " + model.dimension());
        }
        points.requireFinite("points");
    }

    private static void checkOutput(String name, double[] out, long needed) {
        if (out == null || out.length < needed) {
            throw new IllegalArgumentException(name + ": needs " + needed + " values, got "
                    + (out == null ? "none" : String.valueOf(out.length)));
        }
    }
}
