package org.sparker.baselines;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.Loss;
import org.sparker.engine.TrainingSamples;

/**
 * The kernel Neyman–Pearson test (NPLM with kernel logistic regression, the paper's "Falkon"
 * baseline; Letizia et al., EPJC 82 (2022) 879). The model is
 *
 * <pre>
 *   f(x) = Σ_j α_j k_σ(x, c_j)
 * </pre>
 *
 * over {@code M_c} Nyström centres drawn at random from the pooled sample {@code R ∪ D} and kept
 * fixed. It minimises the weighted logistic loss plus an RKHS penalty, in Falkon's scaling,
 *
 * <pre>
 *   J(α) = (1/n) [ Σ_D w_x log(1 + e^{−f}) + w_R Σ_R w_x log(1 + e^{f}) ] + (λ/2) ‖f‖²_H,   n = N_R + N_D,
 * </pre>
 *
 * and the test statistic is {@code t = 2 [ w_R Σ_R w_x (1 − e^{f}) + Σ_D w_x f ]}.
 *
 * <h2>Solver</h2>
 * The span of the {@code M_c} Gaussians has a numerical rank {@code r} far below {@code M_c} in
 * low dimension (tens to hundreds). A pivoted Cholesky of the centres' kernel matrix
 * ({@link NystromBasis}) finds it, and {@code f = φ(x)ᵀβ} in the orthonormal coordinates
 * {@code β = L_Sᵀ α_S}, where {@code ‖f‖²_H = ‖β‖²}. Each Newton step then solves the
 * {@code r×r} system {@code (ΦᵀWΦ/n + λI) δ = ∇J} exactly (Cholesky), in {@code O(n r²)}:
 * Falkon's preconditioned conjugate gradient solves the same system iteratively in the
 * {@code M_c}-dimensional parametrisation, which costs {@code O(M_c³)} for its preconditioner.
 *
 * <h2>Newton steps</h2>
 * The original implementation runs Falkon's {@code LogisticFalkon} with one penalty, which is
 * <em>one</em> Newton step from {@code f = 0}; that is the default here
 * ({@link Config#newtonSteps()} = 1) and what reproduces the published null distributions.
 * {@code newtonSteps = 0} instead iterates damped Newton steps to convergence of {@code J}.
 */
public final class KernelNpFit {

    /**
     * The settings.
     *
     * @param centres {@code M_c}, the Nyström centres drawn from the pooled sample (all points when fewer)
     * @param lambda {@code λ ≥ 0}, the RKHS penalty (Falkon's scaling: relative to the mean loss)
     * @param newtonSteps Newton steps from {@code f = 0}; 0 iterates to convergence
     * @param pivotTolerance relative residual at which the pivoted Cholesky stops (the numerical rank)
     * @param maxRank the most basis functions kept
     */
    public record Config(int centres, double lambda, int newtonSteps, double pivotTolerance, int maxRank) {

        /** The published configuration: {@code M_c = 5000}, {@code λ = 1e-10}, one Newton step. */
        public static final Config DEFAULT = new Config(5000, 1e-10, 1, 1e-13, 3000);

        public Config {
            if (centres < 1) {
                throw new IllegalArgumentException("kernel-np centres: need at least 1, got " + centres);
            }
            if (!(lambda >= 0) || !Double.isFinite(lambda)) {
                throw new IllegalArgumentException("kernel-np lambda: must be ≥ 0 and finite, got " + lambda);
            }
            if (newtonSteps < 0) {
                throw new IllegalArgumentException("kernel-np newton steps: must be ≥ 0 (0 = to convergence), got "
                        + newtonSteps);
            }
            if (!(pivotTolerance >= 0) || !(pivotTolerance < 1)) {
                throw new IllegalArgumentException("kernel-np pivot tolerance: must be in [0, 1), got " + pivotTolerance);
            }
            if (maxRank < 1) {
                throw new IllegalArgumentException("kernel-np max rank: need at least 1, got " + maxRank);
            }
            if (newtonSteps == 0 && !(lambda > 0)) {
                throw new IllegalArgumentException("kernel-np: iterating to convergence needs λ > 0 "
                        + "(separable samples have no minimum otherwise)");
            }
        }

        public Config withCentres(int m) {
            return new Config(m, lambda, newtonSteps, pivotTolerance, maxRank);
        }

        public Config withLambda(double l) {
            return new Config(centres, l, newtonSteps, pivotTolerance, maxRank);
        }

        public Config withNewtonSteps(int s) {
            return new Config(centres, lambda, s, pivotTolerance, maxRank);
        }
    }

    /**
     * One fit.
     *
     * @param t the test statistic
     * @param rank the number of basis functions {@code r}
     * @param steps Newton steps taken
     * @param objective {@code J} at the end
     * @param logRatio {@code f} at every pooled point: reference first, then data
     */
    public record Fit(double t, int rank, int steps, double objective, double[] logRatio) {
    }

    private static final int MAX_STEPS = 200;
    private static final double CONVERGED = 1e-12;

    private final Config config;

    public KernelNpFit(Config config) {
        this.config = config;
    }

    public Config config() {
        return config;
    }

    /** Draws the Nyström centres: {@code M_c} distinct rows of the pooled sample, reference first. */
    public FloatMatrix drawCentres(TrainingSamples samples, UniformRandomProvider rng) {
        FloatMatrix pooled = samples.reference().concat(samples.data());
        int n = pooled.rows();
        if (config.centres() >= n) {
            return pooled;
        }
        return pooled.selectRows(new PermutationSampler(rng, n, config.centres()).sample());
    }

    /** Fits at width {@code sigma} with centres drawn from {@code rng}. */
    public Fit fit(KernelBackend backend, TrainingSamples samples, double sigma, UniformRandomProvider rng) {
        return fit(backend, samples, sigma, drawCentres(samples, rng));
    }

    /** Fits at width {@code sigma} with the given candidate centres. */
    public Fit fit(KernelBackend backend, TrainingSamples samples, double sigma, FloatMatrix centres) {
        if (centres.cols() != samples.dimension()) {
            throw new IllegalArgumentException("centres: " + centres.cols() + " columns for " + samples.dimension()
                    + "-dimensional samples");
        }
        NystromBasis basis = NystromBasis.build(backend, NystromKernel.GAUSSIAN, sigma, centres.requireFinite("centres"),
                config.pivotTolerance(), config.maxRank());
        FloatMatrix pooled = samples.reference().concat(samples.data());
        int nRef = samples.reference().rows();
        int n = pooled.rows();
        int r = basis.rank();
        double[] phi = basis.features(backend, pooled);

        // per-point loss weights: w_R × point weight on R, point weight on D
        double[] weight = new double[n];
        boolean[] isData = new boolean[n];
        for (int i = 0; i < n; i++) {
            isData[i] = i >= nRef;
            weight[i] = isData[i] ? samples.dataPointWeight(i - nRef)
                    : samples.referenceWeight() * samples.referencePointWeight(i);
        }
        double lambda = config.lambda();
        double[] beta = new double[r];
        double[] f = new double[n];
        double objective = objective(f, weight, isData, beta, lambda);
        double[] grad = new double[r];
        double[] hess = new double[r * r];
        double[] d1 = new double[n];
        double[] d2 = new double[n];
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.symmPosDef(r);
        int maxSteps = config.newtonSteps() == 0 ? MAX_STEPS : config.newtonSteps();
        int steps = 0;
        while (steps < maxSteps) {
            for (int i = 0; i < n; i++) {
                double s = Loss.sigmoid(f[i]);
                double sm = Loss.sigmoid(-f[i]);
                d1[i] = weight[i] * (isData[i] ? -sm : s) / n;
                d2[i] = weight[i] * s * sm / n;
            }
            gradientAndHessian(phi, n, r, d1, d2, beta, lambda, grad, hess);
            DMatrixRMaj h = DMatrixRMaj.wrap(r, r, hess);
            if (!solver.setA(h)) {
                throw new ArithmeticException("kernel-np: the Newton system is not positive definite at σ = " + sigma
                        + " (rank " + r + "); increase λ or the pivot tolerance");
            }
            DMatrixRMaj delta = new DMatrixRMaj(r, 1);
            solver.solve(DMatrixRMaj.wrap(r, 1, grad.clone()), delta);
            double decrement = 0;
            for (int a = 0; a < r; a++) {
                decrement += grad[a] * delta.data[a];
            }
            steps++;
            if (config.newtonSteps() > 0) {
                for (int a = 0; a < r; a++) {
                    beta[a] -= delta.data[a];
                }
                predict(phi, n, r, beta, f);
                objective = objective(f, weight, isData, beta, lambda);
                continue;
            }
            // damped Newton (Armijo backtracking) to convergence
            double[] trial = new double[r];
            double[] ft = new double[n];
            double step = 1;
            double next;
            while (true) {
                for (int a = 0; a < r; a++) {
                    trial[a] = beta[a] - step * delta.data[a];
                }
                predict(phi, n, r, trial, ft);
                next = objective(ft, weight, isData, trial, lambda);
                if (next <= objective - 0.25 * step * decrement || step < 1e-10) {
                    break;
                }
                step *= 0.5;
            }
            System.arraycopy(trial, 0, beta, 0, r);
            System.arraycopy(ft, 0, f, 0, n);
            double previous = objective;
            objective = next;
            if (decrement / 2 < CONVERGED || previous - objective <= 0) {
                break;
            }
        }
        double t = 0;
        for (int i = 0; i < n; i++) {
            t += isData[i] ? weight[i] * f[i] : -weight[i] * Math.expm1(f[i]);
        }
        t *= 2;
        if (!Double.isFinite(t)) {
            throw new ArithmeticException("kernel-np: the statistic is not finite at σ = " + sigma
                    + " (f overflowed); increase λ");
        }
        return new Fit(t, r, steps, objective, f);
    }

    /** {@code J(β)} given {@code f = Φβ}. */
    private static double objective(double[] f, double[] weight, boolean[] isData, double[] beta, double lambda) {
        double sum = 0;
        for (int i = 0; i < f.length; i++) {
            sum += weight[i] * Loss.softplus(isData[i] ? -f[i] : f[i]);
        }
        double norm = 0;
        for (double b : beta) {
            norm += b * b;
        }
        return sum / f.length + 0.5 * lambda * norm;
    }

    private static void predict(double[] phi, int n, int r, double[] beta, double[] f) {
        for (int i = 0; i < n; i++) {
            double s = 0;
            int o = i * r;
            for (int a = 0; a < r; a++) {
                s += phi[o + a] * beta[a];
            }
            f[i] = s;
        }
    }

    /** {@code grad = Φᵀ d1 + λβ} and {@code hess = Φᵀ diag(d2) Φ + λI}, summed in point order. */
    static void gradientAndHessian(double[] phi, int n, int r, double[] d1, double[] d2, double[] beta, double lambda,
            double[] grad, double[] hess) {
        Gram.weighted(phi, n, r, d2, hess);
        java.util.Arrays.fill(grad, 0);
        for (int i = 0; i < n; i++) {
            int o = i * r;
            double g = d1[i];
            for (int a = 0; a < r; a++) {
                grad[a] += g * phi[o + a];
            }
        }
        for (int a = 0; a < r; a++) {
            grad[a] += lambda * beta[a];
            hess[a * r + a] += lambda;
        }
    }
}
