package org.sparker.engine;

/**
 * The backend-neutral compute interface of SparKer (docs/design.md §1–3, §7). Every operation is
 * defined by the scalar double-precision reference backend; other backends agree with it within
 * the tolerances of {@link Tolerances}.
 *
 * <p>Notation: points {@code x} (rows of an {@code N×d} {@link FloatMatrix}), centres
 * {@code μ_i}, amplitudes {@code a_i}, width {@code σ}, and
 *
 * <pre>
 *   u_i(x) = ‖x − μ_i‖² / (2σ²)          k_i = e^{−u_i}        p_i = k_i / Σ_j k_j
 *   f(x)   = Σ_i a_i p_i k_i   (softmax)  or  Σ_i a_i k_i   (no softmax)
 * </pre>
 *
 * evaluated stably (with {@code m = min_j u_j} subtracted), so a point far from every centre
 * gives {@code f = 0} and well-defined {@code p}.
 *
 * <p>Outputs go to caller-owned arrays; nothing is allocated per call on hot paths by a serious
 * backend. Arguments are validated: a shape mismatch, a non-finite value, {@code σ ≤ 0} or a
 * short output array throws {@link IllegalArgumentException} naming the argument (and, for data,
 * the row and column). Implementations extend {@link AbstractKernelBackend}, which does this
 * validation once for all of them.
 *
 * <p>A backend may hold threads or device memory: close it when done. Unless a backend says
 * otherwise, one instance may be used by one thread at a time.
 */
public interface KernelBackend extends AutoCloseable {

    /** The name it is registered under ({@code reference}, {@code simd}, {@code cuda}). */
    String name();

    /**
     * Squared distances {@code D[n, i] = ‖x_n − μ_i‖²}, clamped at 0.
     *
     * @param points read, {@code N×d}
     * @param model read: centres only
     * @param out written, {@code out[n * M + i]} for {@code n < N}, {@code i < M}
     */
    void squaredDistances(FloatMatrix points, KernelParameters model, double[] out);

    /**
     * The log density ratio {@code f(x_n)} (Eq. 7) of every point.
     *
     * @param points read, {@code N×d}
     * @param model read
     * @param out written, {@code out[n]} for {@code n < N}
     */
    void logRatio(FloatMatrix points, KernelParameters model, double[] out);

    /**
     * The full forward pass: {@code f}, the anomaly score {@code c = sigmoid(f)} (Eq. 13), the
     * softmax weights {@code p_i} and the components {@code f_i} (Eq. 14).
     *
     * @param points read, {@code N×d}
     * @param model read
     * @param out written; allocated for at least {@code N} points and exactly {@code M} kernels
     */
    void forward(FloatMatrix points, KernelParameters model, ForwardResult out);

    /**
     * Makes the backend's resident form of the samples, to be reused across many
     * {@link #lossAndGradient} calls and closed after (try-with-resources).
     */
    PreparedSamples prepare(TrainingSamples samples);

    /**
     * One fused pass over {@code R ∪ D}: the loss, the test statistic {@code t = −2 L_NP} and the
     * analytic gradients (docs/design.md §3)
     *
     * <pre>
     *   ∂L/∂a_i = Σ_x w g ∂f/∂a_i,   ∂f/∂a_i = p_i k_i                      (a_i k_i without softmax)
     *   ∂L/∂μ_i = Σ_x w g A_i (x − μ_i),   A_i = (2 a_i k_i − f) p_i / σ²    (a_i k_i / σ² without softmax)
     * </pre>
     *
     * with {@code w = w_R ×} point weight on {@code R}, the point weight on {@code D}, and the
     * per-point factor {@code g} of {@code loss}. No regularisation term is included.
     *
     * @param samples read; made by this backend and not closed
     * @param model read
     * @param loss the loss whose value and gradient are computed
     * @param out written (overwritten, not accumulated); shaped {@code M×d} like the model
     */
    void lossAndGradient(PreparedSamples samples, KernelParameters model, Loss loss, LossGradient out);

    /**
     * The stable soft-minimum of optimal transport (docs/design.md §9), with costs made on the
     * fly so memory stays {@code O(n + m)}:
     *
     * <pre>
     *   out_i = −ε log Σ_j exp((h_j − ‖x_i − y_j‖^p) / ε)        (max-shifted)
     * </pre>
     *
     * One half of a log-domain Sinkhorn iteration, with {@code h_j = g_j + ε log b_j}. Costs come
     * from coordinate differences, so coincident points cost exactly 0.
     *
     * @param x read, {@code n×d}
     * @param y read, {@code m×d}, {@code m ≥ 1}
     * @param h read, {@code m} values, finite or {@code −∞} (a point without mass), not all {@code −∞}
     * @param eps the regularisation {@code ε > 0}
     * @param p the cost exponent {@code p > 0}
     * @param out written, {@code out[i]} for {@code i < n}
     */
    default void softmin(FloatMatrix x, FloatMatrix y, double[] h, double eps, double p, double[] out) {
        Softmin.check(x, y, h, eps, p, out);
        Softmin.points(x, y, h, eps, p, out);
    }

    /**
     * {@link #softmin} over a dense row-major cost matrix {@code cost[i * m + j]} ({@code n×m},
     * finite) instead of point clouds.
     */
    default void softminMatrix(double[] cost, int n, int m, double[] h, double eps, double[] out) {
        Softmin.checkMatrix(cost, n, m, h, eps, out);
        Softmin.matrix(cost, n, m, h, eps, out);
    }

    /** Releases threads, device memory and the like; idempotent, never throws. */
    @Override
    void close();
}
