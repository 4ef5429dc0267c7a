package org.sparker.engine.train;

/**
 * Adam (Kingma and Ba) on a flat parameter vector, full batch, with bias correction:
 * <pre>
 *   m ← β1 m + (1 − β1) g,   v ← β2 v + (1 − β2) g²,
 *   θ ← θ − η m̂ / (√v̂ + ε),   m̂ = m / (1 − β1^t),   v̂ = v / (1 − β2^t)
 * </pre>
 * with β1 = 0.9, β2 = 0.999, ε = 1e-8 (docs/design.md §4), the step size given per update (a
 * schedule may change it). Allocation happens once, here. Call {@link #beginStep()} once per
 * step, then {@link #update} for each parameter block.
 */
public final class Adam {

    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPSILON = 1e-8;

    private final double[] m;
    private final double[] v;
    /** The step before each parameter's first update since {@link #reset}; null until a reset. */
    private int[] born;
    private int t;
    private double beta1Power = 1;
    private double beta2Power = 1;

    /** Optimiser state for {@code size} parameters. */
    public Adam(int size) {
        this.m = new double[size];
        this.v = new double[size];
    }

    /** Starts a new step: advances the bias corrections. */
    public void beginStep() {
        t++;
        beta1Power *= BETA1;
        beta2Power *= BETA2;
    }

    /**
     * Updates {@code theta[0 .. n)} with gradient {@code g[0 .. n)}, using optimiser state
     * {@code [offset, offset + n)}: Adam on the rescaled parameters {@code θ / scale}, whose
     * gradient is {@code scale · g}, so that {@code θ ← θ − η · scale · m̂ / (√v̂ + ε)}. With
     * {@code scale = σ_t} a centre moves in units of the current width; with 1, in its own.
     */
    public void update(double[] theta, double[] g, int n, int offset, double learningRate, double scale) {
        double c1 = 1 - beta1Power;
        double c2 = 1 - beta2Power;
        double step = learningRate * scale;
        for (int i = 0; i < n; i++) {
            int s = offset + i;
            double gi = scale * g[i];
            m[s] = BETA1 * m[s] + (1 - BETA1) * gi;
            v[s] = BETA2 * v[s] + (1 - BETA2) * gi * gi;
            if (born == null || born[s] == 0) {
                theta[i] -= step * (m[s] / c1) / (Math.sqrt(v[s] / c2) + EPSILON);
            } else {
                // bias corrections counted from the parameter's reset, as for a fresh optimiser
                int age = t - born[s];
                theta[i] -= step * (m[s] / (1 - Math.pow(BETA1, age))) / (Math.sqrt(v[s] / (1 - Math.pow(BETA2, age))) + EPSILON);
            }
        }
    }

    /**
     * Clears the state of parameters {@code [offset, offset + n)}: their next update is a first
     * step, with its own bias correction, as if this optimiser had just been made for them.
     */
    public void reset(int offset, int n) {
        if (born == null) {
            born = new int[m.length];
        }
        for (int s = offset; s < offset + n; s++) {
            m[s] = 0;
            v[s] = 0;
            born[s] = t;
        }
    }

    public int steps() {
        return t;
    }
}
