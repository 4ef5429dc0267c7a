package org.sparker.engine.reference;

import org.sparker.engine.AbstractKernelBackend;
import org.sparker.engine.BasePreparedSamples;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.ForwardResult;
import org.sparker.engine.KernelParameters;
import org.sparker.engine.ParameterSnapshot;
import org.sparker.engine.Loss;
import org.sparker.engine.LossGradient;
import org.sparker.engine.PreparedSamples;
import org.sparker.engine.TrainingSamples;

/**
 * The scalar oracle: plain Java, double precision, single-threaded, written to be read against
 * the paper's equations (docs/design.md §1–3). Every other backend is tested against it.
 *
 * <p>Points arrive as floats and are widened to double; all arithmetic and every sum is in
 * double. Distances are computed directly as {@code Σ_k (x_k − μ_k)²}, never through the
 * expanded {@code ‖x‖² + ‖μ‖² − 2x·μ}, so they need no clamping and lose nothing to
 * cancellation.
 */
public final class ReferenceBackend extends AbstractKernelBackend {

    /** The name this backend is registered under. */
    public static final String NAME = "reference";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected void computeSquaredDistances(FloatMatrix points, KernelParameters model, double[] out) {
        Params q = Params.of(model);
        float[] x = points.data();
        for (int n = 0; n < points.rows(); n++) {
            for (int i = 0; i < q.m; i++) {
                out[n * q.m + i] = squaredDistance(x, n * q.d, q.centers, i * q.d, q.d);
            }
        }
    }

    @Override
    protected void computeLogRatio(FloatMatrix points, KernelParameters model, double[] out) {
        Params q = Params.of(model);
        PointEval e = new PointEval(q.m);
        for (int n = 0; n < points.rows(); n++) {
            out[n] = e.evaluate(q, points.data(), n * q.d);
        }
    }

    @Override
    protected void computeForward(FloatMatrix points, KernelParameters model, ForwardResult out) {
        Params q = Params.of(model);
        PointEval e = new PointEval(q.m);
        double[] f = out.logRatio();
        double[] score = out.score();
        double[] p = out.softmaxWeights();
        double[] components = out.components();
        for (int n = 0; n < points.rows(); n++) {
            double fn = e.evaluate(q, points.data(), n * q.d);
            f[n] = fn;
            score[n] = Loss.sigmoid(fn); // Eq. 13
            for (int i = 0; i < q.m; i++) {
                p[n * q.m + i] = e.p[i];
                components[n * q.m + i] = e.component(q, i); // Eq. 14
            }
        }
    }

    @Override
    protected PreparedSamples prepareSamples(TrainingSamples samples) {
        return new BasePreparedSamples(samples, NAME);
    }

    @Override
    protected void computeLossAndGradient(PreparedSamples prepared, KernelParameters model, Loss loss,
            LossGradient out) {
        TrainingSamples s = prepared.samples();
        Params q = Params.of(model);
        PointEval e = new PointEval(q.m);
        out.clear();
        double[] gradA = out.amplitudeGradient();
        double[] gradMu = out.centerGradient();
        double lossSum = 0;
        double npSum = 0; // L_NP, for t = −2 L_NP (Eq. 4)

        FloatMatrix ref = s.reference();
        for (int n = 0; n < ref.rows(); n++) {
            double f = e.evaluate(q, ref.data(), n * q.d);
            double w = s.referenceWeight() * s.referencePointWeight(n);
            lossSum += w * loss.referenceTerm(f);
            npSum += w * Math.expm1(f);
            accumulateGradient(q, e, f, w * loss.referenceFactor(f), ref.data(), n * q.d, gradA, gradMu);
        }
        FloatMatrix data = s.data();
        for (int n = 0; n < data.rows(); n++) {
            double f = e.evaluate(q, data.data(), n * q.d);
            double w = s.dataPointWeight(n);
            lossSum += w * loss.dataTerm(f);
            npSum -= w * f;
            accumulateGradient(q, e, f, w * loss.dataFactor(f), data.data(), n * q.d, gradA, gradMu);
        }
        out.setLoss(lossSum, -2.0 * npSum);
    }

    /**
     * Adds {@code c · ∂f/∂θ} at point {@code x} to the gradients, with {@code c = w g} (docs/design.md
     * §3, Eqs. 9, 11, 12):
     * <pre>
     *   softmax:    ∂f/∂a_i = p_i k_i,   ∂f/∂μ_i = (2 a_i k_i − f) p_i (x − μ_i) / σ²
     *   no softmax: ∂f/∂a_i = k_i,       ∂f/∂μ_i = a_i k_i (x − μ_i) / σ²
     * </pre>
     */
    private static void accumulateGradient(Params q, PointEval e, double f, double c, float[] x, int xOff,
            double[] gradA, double[] gradMu) {
        if (c == 0) {
            return;
        }
        double invSigma2 = 1.0 / (q.sigma * q.sigma);
        for (int i = 0; i < q.m; i++) {
            double dfda;
            double coefficient; // A_i
            if (q.softmax) {
                dfda = e.p[i] * e.k[i];
                coefficient = (2.0 * q.amplitudes[i] * e.k[i] - f) * e.p[i] * invSigma2;
            } else {
                dfda = e.k[i];
                coefficient = q.amplitudes[i] * e.k[i] * invSigma2;
            }
            gradA[i] += c * dfda;
            double cA = c * coefficient;
            if (cA != 0) {
                int mu = i * q.d;
                for (int k = 0; k < q.d; k++) {
                    gradMu[mu + k] += cA * (x[xOff + k] - q.centers[mu + k]);
                }
            }
        }
    }

    static double squaredDistance(float[] x, int xOff, double[] centers, int cOff, int d) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            double diff = x[xOff + k] - centers[cOff + k];
            s += diff * diff;
        }
        return s;
    }

    @Override
    public void close() {
        // nothing held
    }

    /** The model's parameters copied once per call into plain arrays. */
    private record Params(int m, int d, double[] centers, double[] amplitudes, double sigma, boolean softmax) {
        static Params of(KernelParameters model) {
            ParameterSnapshot p = ParameterSnapshot.of(model);
            return new Params(p.kernels(), p.dimension(), p.centers(), p.amplitudes(), p.width(), p.softmax());
        }
    }

    /**
     * Per-point quantities of Eqs. 5–7, evaluated with the minimum scaled distance {@code m}
     * subtracted (docs/design.md §1): {@code e_i = e^{−(u_i − m)}}, {@code S = Σ_j e_j ≥ 1},
     * {@code p_i = e_i / S}, {@code k_i = e^{−u_i}} and
     * {@code f = e^{−m} Σ_i a_i e_i² / S} (softmax) or {@code Σ_i a_i k_i} (no softmax).
     * Far from every centre {@code e^{−m}} and all {@code k_i} underflow to 0, so {@code f = 0}
     * while {@code p} stays a proper distribution.
     */
    private static final class PointEval {
        final double[] u;
        final double[] e;
        final double[] p;
        final double[] k;
        double sumE;
        double expMinusMin;

        PointEval(int m) {
            u = new double[m];
            e = new double[m];
            p = new double[m];
            k = new double[m];
        }

        double evaluate(Params q, float[] x, int xOff) {
            double twoSigma2 = 2.0 * q.sigma * q.sigma;
            double minU = Double.POSITIVE_INFINITY;
            for (int i = 0; i < q.m; i++) {
                u[i] = squaredDistance(x, xOff, q.centers, i * q.d, q.d) / twoSigma2; // Eq. 5
                minU = Math.min(minU, u[i]);
            }
            sumE = 0;
            for (int i = 0; i < q.m; i++) {
                e[i] = Math.exp(-(u[i] - minU));
                sumE += e[i];
            }
            expMinusMin = Math.exp(-minU);
            double f = 0;
            for (int i = 0; i < q.m; i++) {
                p[i] = e[i] / sumE; // Eq. 6
                k[i] = Math.exp(-u[i]);
                f += q.softmax ? q.amplitudes[i] * e[i] * e[i] : q.amplitudes[i] * k[i];
            }
            return q.softmax ? expMinusMin * f / sumE : f; // Eq. 7
        }

        /** {@code f_i = a_i p_i k_i} (Eq. 14), or {@code a_i k_i} without softmax. */
        double component(Params q, int i) {
            return q.softmax ? q.amplitudes[i] * e[i] * e[i] * expMinusMin / sumE : q.amplitudes[i] * k[i];
        }
    }

    /** Reference samples need no transformation: the handle holds them as they are. */
}
