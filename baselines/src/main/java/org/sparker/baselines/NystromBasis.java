package org.sparker.baselines;

import org.sparker.engine.FloatMatrix;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.KernelModel;

/**
 * A Nyström basis of a kernel on a set of candidate centres: a pivoted Cholesky
 * ({@link PivotedCholesky}) of the centres' kernel matrix selects the {@code r} centres {@code S}
 * that span it to a relative tolerance, and the features
 *
 * <pre>
 *   φ(x) = L_S⁻¹ k_S(x),      L_S L_Sᵀ = K_SS,      φ(x)ᵀ φ(y) ≈ k(x, y)
 * </pre>
 *
 * are orthonormal coordinates of the span of {@code k(·, c)} over the centres: a function
 * {@code f = Σ_j α_j k(·, c_j)} is {@code f(x) = φ(x)ᵀ β} with {@code ‖f‖²_H = ‖β‖²}, and the
 * Nyström kernel {@code φ(x)ᵀφ(y)} equals {@code k(x, y)} whenever {@code x} or {@code y} is a
 * centre of {@code S}. Gaussian kernel values go through the {@link KernelBackend}'s squared
 * distances.
 */
public final class NystromBasis {

    private final NystromKernel kernel;
    private final double bandwidth;
    private final FloatMatrix centres; // the r selected centres S
    private final double[] lower;      // L_S, r×r row-major lower triangular
    private final double residual;

    private NystromBasis(NystromKernel kernel, double bandwidth, FloatMatrix centres, double[] lower, double residual) {
        this.kernel = kernel;
        this.bandwidth = bandwidth;
        this.centres = centres;
        this.lower = lower;
        this.residual = residual;
    }

    /**
     * Builds the basis on {@code candidates}.
     *
     * @param backend evaluates Gaussian squared distances
     * @param kernel the kernel
     * @param bandwidth {@code σ} of the Gaussian, {@code λ} of the Laplace kernel, > 0
     * @param candidates the candidate centres (m×d)
     * @param tolerance relative residual at which the pivoted Cholesky stops
     * @param maxRank the most centres to keep
     */
    public static NystromBasis build(KernelBackend backend, NystromKernel kernel, double bandwidth,
            FloatMatrix candidates, double tolerance, int maxRank) {
        if (!(bandwidth > 0) || !Double.isFinite(bandwidth)) {
            throw new IllegalArgumentException("bandwidth: must be positive and finite, got " + bandwidth);
        }
        int m = candidates.rows();
        double[] diagonal = new double[m];
        java.util.Arrays.fill(diagonal, 1.0);
        PivotedCholesky chol = PivotedCholesky.factor(m, diagonal,
                (j, out) -> evaluate(backend, kernel, bandwidth, candidates, candidates.selectRows(new int[] {j}), out),
                tolerance, maxRank);
        return new NystromBasis(kernel, bandwidth, candidates.selectRows(chol.pivots()), chol.pivotBlock(),
                chol.residual());
    }

    /** The number of features {@code r}. */
    public int rank() {
        return centres.rows();
    }

    /** The selected centres {@code S} (r×d). */
    public FloatMatrix centres() {
        return centres;
    }

    /** The largest residual diagonal of the centres' kernel matrix: the approximation error. */
    public double residual() {
        return residual;
    }

    public NystromKernel kernel() {
        return kernel;
    }

    public double bandwidth() {
        return bandwidth;
    }

    /**
     * The features of {@code points}: {@code out[i·r + a] = φ_a(x_i)}.
     *
     * @return a new row-major {@code n×r} array
     */
    public double[] features(KernelBackend backend, FloatMatrix points) {
        int n = points.rows();
        int r = rank();
        double[] phi = new double[n * r];
        evaluate(backend, kernel, bandwidth, points, centres, phi);
        int n4 = n - n % 4;
        for (int i = 0; i < n4; i += 4) {
            forwardSubstitute4(lower, r, phi, i * r);
        }
        for (int i = n4; i < n; i++) {
            forwardSubstitute(lower, r, phi, i * r);
        }
        return phi;
    }

    /** Solves {@code L y = b} in place for the row {@code v[off … off + r)}. */
    static void forwardSubstitute(double[] l, int r, double[] v, int off) {
        for (int a = 0; a < r; a++) {
            double s = v[off + a];
            int row = a * r;
            for (int k = 0; k < a; k++) {
                s -= l[row + k] * v[off + k];
            }
            v[off + a] = s / l[row + a];
        }
    }

    /** {@link #forwardSubstitute} for four consecutive rows at once: one read of {@code L} serves four solves. */
    static void forwardSubstitute4(double[] l, int r, double[] v, int off) {
        int o1 = off + r;
        int o2 = o1 + r;
        int o3 = o2 + r;
        for (int a = 0; a < r; a++) {
            double s0 = v[off + a];
            double s1 = v[o1 + a];
            double s2 = v[o2 + a];
            double s3 = v[o3 + a];
            int row = a * r;
            for (int k = 0; k < a; k++) {
                double lk = l[row + k];
                s0 -= lk * v[off + k];
                s1 -= lk * v[o1 + k];
                s2 -= lk * v[o2 + k];
                s3 -= lk * v[o3 + k];
            }
            double d = l[row + a];
            v[off + a] = s0 / d;
            v[o1 + a] = s1 / d;
            v[o2 + a] = s2 / d;
            v[o3 + a] = s3 / d;
        }
    }

    /** {@code out[i·c + j] = k(x_i, y_j)} for the rows of {@code x} (n) and {@code y} (c). */
    static void evaluate(KernelBackend backend, NystromKernel kernel, double bandwidth, FloatMatrix x, FloatMatrix y,
            double[] out) {
        int n = x.rows();
        int c = y.rows();
        if (kernel == NystromKernel.GAUSSIAN) {
            double[] zeros = new double[c];
            KernelModel model = KernelModel.of(toDouble(y), y.cols(), zeros, bandwidth, false);
            backend.squaredDistances(x, model, out);
            double scale = -1 / (2 * bandwidth * bandwidth);
            for (int i = 0; i < n * c; i++) {
                out[i] = Math.exp(out[i] * scale);
            }
        } else {
            int d = x.cols();
            float[] xs = x.data();
            float[] ys = y.data();
            double scale = -Math.sqrt(2) / bandwidth;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < c; j++) {
                    double s = 0;
                    for (int k = 0; k < d; k++) {
                        s += Math.abs((double) xs[i * d + k] - ys[j * d + k]);
                    }
                    out[i * c + j] = Math.exp(s * scale);
                }
            }
        }
    }

    private static double[] toDouble(FloatMatrix m) {
        float[] f = m.data();
        double[] d = new double[m.rows() * m.cols()];
        for (int i = 0; i < d.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
