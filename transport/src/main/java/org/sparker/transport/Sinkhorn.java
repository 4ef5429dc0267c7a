package org.sparker.transport;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.Softmin;

/**
 * Log-domain Sinkhorn iterations for entropic optimal transport between two discrete measures
 * (docs/design.md §9; Fraser et al. §2). With {@code C_ij = ‖x_i − y_j‖^p}, marginals
 * {@code a ∈ Δ_n}, {@code b ∈ Δ_m} and potentials starting at 0:
 *
 * <pre>
 *   f_i ← −ε LSE_j[(g_j − C_ij)/ε + log b_j]      g_j ← −ε LSE_i[(f_i − C_ij)/ε + log a_i]
 * </pre>
 *
 * each half a {@link KernelBackend#softmin} (costs on the fly, memory {@code O(n + m)}) or a
 * {@link KernelBackend#softminMatrix} over a given cost matrix. Every tenth iteration the first
 * marginal's error {@code ‖P1 − a‖₁ = Σ_i a_i |e^{(f_i − f̃_i)/ε} − 1|} is measured from the next
 * {@code f} update, which is then kept, so the check costs nothing extra. Optional ε-scaling runs
 * one update at each of {@code ε_k = max(ε, diam^p · r^k)}, warm-started, before iterating at ε.
 *
 * <p>Nothing is silent: a non-finite input is rejected naming the argument, the result reports
 * whether the tolerance was reached, and a potential that is not finite (which log-domain
 * arithmetic rules out for valid input) throws rather than being returned.
 */
public final class Sinkhorn {

    private final KernelBackend backend;
    private final double epsilon;
    private final double p;
    private final int maxIterations;
    private final double tolerance;
    private final double scalingRatio;

    private Sinkhorn(Builder b) {
        this.backend = b.backend;
        this.epsilon = b.epsilon;
        this.p = b.p;
        this.maxIterations = b.maxIterations;
        this.tolerance = b.tolerance;
        this.scalingRatio = b.scalingRatio;
    }

    /** Starts a configuration: ε 0.01, p 2, 1000 iterations, tolerance 1e-9, no ε-scaling. */
    public static Builder builder(KernelBackend backend) {
        return new Builder(backend);
    }

    /** Uniform weights {@code 1/n}. */
    public static double[] uniform(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0 / n);
        return w;
    }

    /** Entropic transport between point clouds {@code x} (weights {@code a}) and {@code y} (weights {@code b}). */
    public SinkhornResult solve(FloatMatrix x, double[] a, FloatMatrix y, double[] b) {
        return solve(x, a, y, b, null);
    }

    /**
     * {@link #solve(FloatMatrix, double[], FloatMatrix, double[])} warm-started from the
     * potentials of an earlier result (a nearby problem: the same points moved a little, or
     * another ε): far fewer iterations when they are close. ε-scaling, if configured, is skipped.
     */
    public SinkhornResult solve(FloatMatrix x, double[] a, FloatMatrix y, double[] b, SinkhornResult start) {
        if (x == null || y == null) {
            throw new IllegalArgumentException((x == null ? "x" : "y") + ": missing");
        }
        if (x.cols() != y.cols()) {
            throw new IllegalArgumentException("dimension mismatch: x has " + x.cols() + " columns, y has " + y.cols());
        }
        x.requireFinite("x");
        y.requireFinite("y");
        checkWeights("a", a, x.rows());
        checkWeights("b", b, y.rows());
        Problem pr = new Problem() {
            @Override
            public void rows(double[] h, double eps, double[] out) {
                backend.softmin(x, y, h, eps, p, out);
            }

            @Override
            public void columns(double[] h, double eps, double[] out) {
                backend.softmin(y, x, h, eps, p, out);
            }

            @Override
            public double cost(int i, int j) {
                return Softmin.cost(x.data(), i * x.cols(), y.data(), j * y.cols(), x.cols(), p);
            }
        };
        return run(pr, a, b, diameter(x, y), start);
    }

    /** Entropic transport for a dense row-major {@code n×m} cost matrix (finite, ≥ 0). */
    public SinkhornResult solve(double[] cost, int n, int m, double[] a, double[] b) {
        if (cost == null || n < 1 || m < 1 || cost.length != (long) n * m) {
            throw new IllegalArgumentException("cost: needs " + n + "×" + m + " values, got "
                    + (cost == null ? "none" : String.valueOf(cost.length)));
        }
        double max = 0;
        for (int k = 0; k < cost.length; k++) {
            if (!Double.isFinite(cost[k]) || cost[k] < 0) {
                throw new IllegalArgumentException("cost: value at row " + k / m + ", column " + k % m + " is "
                        + cost[k] + "; costs must be finite and ≥ 0");
            }
            max = Math.max(max, cost[k]);
        }
        checkWeights("a", a, n);
        checkWeights("b", b, m);
        double[] transposed = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                transposed[j * n + i] = cost[i * m + j];
            }
        }
        Problem pr = new Problem() {
            @Override
            public void rows(double[] h, double eps, double[] out) {
                backend.softminMatrix(cost, n, m, h, eps, out);
            }

            @Override
            public void columns(double[] h, double eps, double[] out) {
                backend.softminMatrix(transposed, m, n, h, eps, out);
            }

            @Override
            public double cost(int i, int j) {
                return cost[i * m + j];
            }
        };
        // for a cost matrix the scale of ε-scaling is its largest entry (diam^p for point clouds)
        return run(pr, a, b, max, null);
    }

    /**
     * The debiased Sinkhorn divergence {@code S_ε = OT_ε(a,b) − ½ OT_ε(a,a) − ½ OT_ε(b,b)},
     * non-negative and 0 for equal measures.
     */
    public double divergence(FloatMatrix x, double[] a, FloatMatrix y, double[] b) {
        double ab = solve(x, a, y, b).entropicCost();
        double aa = solve(x, a, x, a).entropicCost();
        double bb = solve(y, b, y, b).entropicCost();
        return ab - 0.5 * aa - 0.5 * bb;
    }

    /** The two half-updates and the cost of one pair. */
    private interface Problem {
        void rows(double[] h, double eps, double[] out);

        void columns(double[] h, double eps, double[] out);

        double cost(int i, int j);
    }

    private SinkhornResult run(Problem pr, double[] a, double[] b, double costScale, SinkhornResult start) {
        int n = a.length;
        int m = b.length;
        double[] logA = logs(a);
        double[] logB = logs(b);
        double[] f = new double[n];
        double[] g = new double[m];
        if (start != null) {
            if (start.f().length != n || start.g().length != m) {
                throw new IllegalArgumentException("start: its potentials are for " + start.f().length + " × "
                        + start.g().length + " points, this problem has " + n + " × " + m);
            }
            System.arraycopy(start.f(), 0, f, 0, n);
            System.arraycopy(start.g(), 0, g, 0, m);
        }
        double[] fNext = new double[n];
        double[] hRow = new double[m];
        double[] hCol = new double[n];
        int iterations = 0;
        if (scalingRatio > 0 && start == null) {
            for (double eps = Math.max(epsilon, costScale); eps > epsilon && iterations < maxIterations;
                    eps = Math.max(epsilon, eps * scalingRatio)) {
                update(pr, eps, f, g, logA, logB, hRow, hCol);
                iterations++;
            }
        }
        double error = Double.POSITIVE_INFINITY;
        boolean fresh = false; // whether f already holds the update from the last check
        while (iterations < maxIterations) {
            if (!fresh) {
                shift(g, logB, epsilon, hRow);
                pr.rows(hRow, epsilon, f);
            }
            shift(f, logA, epsilon, hCol);
            pr.columns(hCol, epsilon, g);
            iterations++;
            fresh = false;
            if (iterations % 10 == 0 || iterations == maxIterations) {
                shift(g, logB, epsilon, hRow);
                pr.rows(hRow, epsilon, fNext);
                error = 0;
                for (int i = 0; i < n; i++) {
                    if (a[i] > 0) {
                        error += a[i] * Math.abs(Math.expm1((f[i] - fNext[i]) / epsilon));
                    }
                }
                System.arraycopy(fNext, 0, f, 0, n);
                fresh = true;
                if (error <= tolerance) {
                    break;
                }
            }
        }
        if (!fresh) {
            // leave f consistent with g for the reported costs
            shift(g, logB, epsilon, hRow);
            pr.rows(hRow, epsilon, f);
        }
        requireFinite("f", f);
        requireFinite("g", g);
        double dual = 0;
        for (int i = 0; i < n; i++) {
            dual += a[i] > 0 ? a[i] * f[i] : 0;
        }
        for (int j = 0; j < m; j++) {
            dual += b[j] > 0 ? b[j] * g[j] : 0;
        }
        double primal = primalCost(pr, f, g, logA, logB);
        return new SinkhornResult(f, g, primal, dual, error, iterations, error <= tolerance, epsilon, p);
    }

    private static void update(Problem pr, double eps, double[] f, double[] g, double[] logA, double[] logB,
            double[] hRow, double[] hCol) {
        shift(g, logB, eps, hRow);
        pr.rows(hRow, eps, f);
        shift(f, logA, eps, hCol);
        pr.columns(hCol, eps, g);
    }

    /** {@code h = pot + ε log w} ({@code −∞} where the weight is 0). */
    private static void shift(double[] pot, double[] logW, double eps, double[] h) {
        for (int j = 0; j < pot.length; j++) {
            h[j] = logW[j] == Double.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY : pot[j] + eps * logW[j];
        }
    }

    /** {@code ⟨P, C⟩} with {@code P_ij = exp((f_i + g_j − C_ij)/ε + log a_i + log b_j)}, rows in parallel, summed in order. */
    private double primalCost(Problem pr, double[] f, double[] g, double[] logA, double[] logB) {
        int n = f.length;
        int m = g.length;
        double[] rowSums = new double[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            if (logA[i] == Double.NEGATIVE_INFINITY) {
                return;
            }
            double s = 0;
            for (int j = 0; j < m; j++) {
                if (logB[j] == Double.NEGATIVE_INFINITY) {
                    continue;
                }
                double c = pr.cost(i, j);
                s += c * Math.exp((f[i] + g[j] - c) / epsilon + logA[i] + logB[j]);
            }
            rowSums[i] = s;
        });
        double total = 0;
        for (double v : rowSums) {
            total += v;
        }
        return total;
    }

    private static double[] logs(double[] w) {
        double[] l = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            l[i] = Math.log(w[i]);
        }
        return l;
    }

    /** {@code diam^p} of the bounding box of {@code x ∪ y}: the largest cost, where ε-scaling starts. */
    private double diameter(FloatMatrix x, FloatMatrix y) {
        int d = x.cols();
        double s = 0;
        for (int k = 0; k < d; k++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (FloatMatrix z : new FloatMatrix[] {x, y}) {
                float[] v = z.data();
                for (int r = 0; r < z.rows(); r++) {
                    lo = Math.min(lo, v[r * d + k]);
                    hi = Math.max(hi, v[r * d + k]);
                }
            }
            s += (hi - lo) * (hi - lo);
        }
        return Softmin.fromSquared(s, p);
    }

    static void checkWeights(String name, double[] w, int n) {
        if (w == null || w.length != n) {
            throw new IllegalArgumentException(name + ": needs " + n + " weights, got "
                    + (w == null ? "none" : String.valueOf(w.length)));
        }
        if (n == 0) {
            throw new IllegalArgumentException(name + ": the measure has no points");
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (!(w[i] >= 0) || !Double.isFinite(w[i])) {
                throw new IllegalArgumentException(name + ": weight " + i + " is " + w[i] + "; weights must be finite and ≥ 0");
            }
            sum += w[i];
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException(name + ": weights sum to " + sum + ", not 1");
        }
    }

    private static void requireFinite(String name, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new ArithmeticException("Sinkhorn potential " + name + "[" + i + "] became " + v[i]
                        + "; this is a bug: log-domain updates of valid input stay finite");
            }
        }
    }

    /** Options of {@link Sinkhorn}. */
    public static final class Builder {
        private final KernelBackend backend;
        private double epsilon = 0.01;
        private double p = 2;
        private int maxIterations = 1000;
        private double tolerance = 1e-9;
        private double scalingRatio;

        private Builder(KernelBackend backend) {
            if (backend == null) {
                throw new IllegalArgumentException("backend: missing");
            }
            this.backend = backend;
        }

        /** The regularisation ε (> 0), in cost units. */
        public Builder epsilon(double v) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("epsilon: must be finite and > 0, got " + v);
            }
            epsilon = v;
            return this;
        }

        /** The cost exponent p (> 0): {@code c = ‖x − y‖^p}. */
        public Builder p(double v) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("p: must be finite and > 0, got " + v);
            }
            p = v;
            return this;
        }

        /** The most {@code (f, g)} updates, ε-scaling stages included (≥ 1). */
        public Builder maxIterations(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("maxIterations: must be ≥ 1, got " + v);
            }
            maxIterations = v;
            return this;
        }

        /** Stop when {@code ‖P1 − a‖₁ ≤ tolerance} (checked every 10 iterations; ≥ 0). */
        public Builder tolerance(double v) {
            if (!(v >= 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("tolerance: must be finite and ≥ 0, got " + v);
            }
            tolerance = v;
            return this;
        }

        /** ε-scaling from {@code diam^p} down to ε by the factor {@code ratio ∈ (0, 1)} (GeomLoss: 0.5). */
        public Builder epsScaling(double ratio) {
            if (!(ratio > 0 && ratio < 1)) {
                throw new IllegalArgumentException("epsScaling: the ratio must be in (0, 1), got " + ratio);
            }
            scalingRatio = ratio;
            return this;
        }

        public Sinkhorn build() {
            return new Sinkhorn(this);
        }
    }
}
