package org.sparker.engine;

/**
 * The scalar definition of the stable soft-minimum of {@link KernelBackend#softmin} and
 * {@link KernelBackend#softminMatrix} (docs/design.md §9): the oracle the reference backend runs
 * and every other backend is tested against, and what a backend without a kernel of its own
 * inherits from {@link AbstractKernelBackend}.
 *
 * <pre>
 *   s_ij  = (h_j − c_ij) / ε,   M_i = max_j s_ij
 *   out_i = −ε (M_i + log Σ_j e^{s_ij − M_i})
 * </pre>
 *
 * Every term of the sum is at most 1 and one equals 1, so nothing overflows or underflows to a
 * wrong answer whatever ε is; a row whose {@code h_j} are all {@code −∞} is rejected before.
 */
public final class Softmin {

    private Softmin() {
    }

    /**
     * The ground cost {@code ‖x − y‖^p} from coordinate differences, in double: coincident points
     * cost exactly 0 (an expanded {@code ‖x‖² + ‖y‖² − 2x·y} leaves rounding residue that
     * {@code c^p} with {@code p < 1} turns into a visible cost).
     */
    public static double cost(float[] x, int xo, float[] y, int yo, int d, double p) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            double diff = (double) x[xo + k] - y[yo + k];
            s += diff * diff;
        }
        return fromSquared(s, p);
    }

    /** {@code (√s)^p} for a squared distance {@code s ≥ 0}, exact for p = 2 and a plain root for p = 1. */
    public static double fromSquared(double s, double p) {
        if (p == 2.0) {
            return s;
        }
        if (p == 1.0) {
            return Math.sqrt(s);
        }
        return s == 0 ? 0.0 : Math.pow(s, 0.5 * p);
    }

    /** The oracle for point clouds; arguments already validated. */
    public static void points(FloatMatrix x, FloatMatrix y, double[] h, double eps, double p, double[] out) {
        int n = x.rows();
        int m = y.rows();
        int d = x.cols();
        float[] xs = x.data();
        float[] ys = y.data();
        double[] s = new double[m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                s[j] = (h[j] - cost(xs, i * d, ys, j * d, d, p)) / eps;
            }
            out[i] = reduce(s, m, eps);
        }
    }

    /** The oracle for a dense cost matrix; arguments already validated. */
    public static void matrix(double[] cost, int n, int m, double[] h, double eps, double[] out) {
        double[] s = new double[m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                s[j] = (h[j] - cost[i * m + j]) / eps;
            }
            out[i] = reduce(s, m, eps);
        }
    }

    /** {@code −ε (M + log Σ_j e^{s_j − M})}, the sum in index order. */
    public static double reduce(double[] s, int m, double eps) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < m; j++) {
            max = Math.max(max, s[j]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return Double.POSITIVE_INFINITY; // every cost overflowed: the soft-minimum is +∞, not NaN
        }
        double sum = 0;
        for (int j = 0; j < m; j++) {
            sum += Math.exp(s[j] - max);
        }
        return -eps * (max + Math.log(sum));
    }

    // ------------------------------------------------------------------ validation

    static void check(FloatMatrix x, FloatMatrix y, double[] h, double eps, double p, double[] out) {
        if (x == null) {
            throw new IllegalArgumentException("x: missing");
        }
        if (y == null) {
            throw new IllegalArgumentException("y: missing");
        }
        if (x.cols() != y.cols()) {
            throw new IllegalArgumentException("dimension mismatch: x has " + x.cols() + " columns but y has "
                    + y.cols());
        }
        if (y.rows() == 0) {
            throw new IllegalArgumentException("y: needs at least one point");
        }
        x.requireFinite("x");
        y.requireFinite("y");
        if (!(p > 0) || !Double.isFinite(p)) {
            throw new IllegalArgumentException("p: the cost exponent must be finite and > 0, got " + p);
        }
        checkCommon(x.rows(), y.rows(), h, eps, out);
    }

    static void checkMatrix(double[] cost, int n, int m, double[] h, double eps, double[] out) {
        if (n < 0 || m < 1) {
            throw new IllegalArgumentException("cost: shape " + n + "×" + m + " is invalid (rows ≥ 0, columns ≥ 1)");
        }
        if (cost == null || cost.length < (long) n * m) {
            throw new IllegalArgumentException("cost: needs " + (long) n * m + " values, got "
                    + (cost == null ? "none" : String.valueOf(cost.length)));
        }
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < m; c++) {
                double v = cost[r * m + c];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("cost: value at row " + r + ", column " + c
                            + " is " + v + "; costs must be finite");
                }
            }
        }
        checkCommon(n, m, h, eps, out);
    }

    private static void checkCommon(int n, int m, double[] h, double eps, double[] out) {
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("eps: must be finite and > 0, got " + eps);
        }
        if (h == null || h.length < m) {
            throw new IllegalArgumentException("h: needs " + m + " values, got "
                    + (h == null ? "none" : String.valueOf(h.length)));
        }
        boolean anyFinite = false;
        for (int j = 0; j < m; j++) {
            if (Double.isNaN(h[j]) || h[j] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("h: value " + j + " is " + h[j]
                        + "; potentials must be finite (−∞ marks a point without mass)");
            }
            anyFinite |= h[j] != Double.NEGATIVE_INFINITY;
        }
        if (!anyFinite) {
            throw new IllegalArgumentException("h: every value is −∞, so no point carries mass");
        }
        if (out == null || out.length < n) {
            throw new IllegalArgumentException("out: needs " + n + " values, got "
                    + (out == null ? "none" : String.valueOf(out.length)));
        }
    }
}
