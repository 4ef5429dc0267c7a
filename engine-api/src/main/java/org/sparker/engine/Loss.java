package org.sparker.engine;

/**
 * The training losses of docs/design.md §2 (paper Eq. 3 and App. D, Table III). Each is a sum of a
 * per-point term over the reference sample {@code R} (weighted by {@code w_R} and the point's
 * weight) and one over the data sample {@code D} (weighted by the point's weight):
 *
 * <pre>
 *   NP :  L = w_R Σ_R (e^f − 1)        − Σ_D f
 *   BCE:  L = −w_R Σ_R log(1 − s(f))   − Σ_D log s(f)        s = sigmoid
 *   MSE:  L =  w_R Σ_R s(f)²           + Σ_D (1 − s(f))²
 * </pre>
 *
 * and {@code ∂L/∂θ = Σ_x w(x) g(x) ∂f(x)/∂θ} with the per-point factors {@code g} of
 * docs/design.md §3 ({@link #referenceFactor}, {@link #dataFactor}).
 *
 * <p>The per-point functions here are the scalar definitions every backend uses after it has
 * reduced over the kernels; they are written to stay finite wherever the mathematics is
 * (softplus rather than {@code log(1 − sigmoid)}).
 */
public enum Loss {

    /** Neyman–Pearson (maximum-likelihood) loss, Eq. 3; {@code t = −2 L_NP} is the test statistic. */
    NP {
        @Override
        public double referenceTerm(double f) {
            return Math.expm1(f);
        }

        @Override
        public double dataTerm(double f) {
            return -f;
        }

        @Override
        public double referenceFactor(double f) {
            return Math.exp(f);
        }

        @Override
        public double dataFactor(double f) {
            return -1.0;
        }
    },

    /** Binary cross-entropy of the classifier {@code s(f)}. */
    BCE {
        @Override
        public double referenceTerm(double f) {
            return softplus(f); // −log(1 − s(f))
        }

        @Override
        public double dataTerm(double f) {
            return softplus(-f); // −log s(f)
        }

        @Override
        public double referenceFactor(double f) {
            return sigmoid(f);
        }

        @Override
        public double dataFactor(double f) {
            return -sigmoid(-f); // −(1 − s(f))
        }
    },

    /** Mean squared error of the classifier {@code s(f)} against labels 0 (reference) and 1 (data). */
    MSE {
        @Override
        public double referenceTerm(double f) {
            double s = sigmoid(f);
            return s * s;
        }

        @Override
        public double dataTerm(double f) {
            double q = sigmoid(-f); // 1 − s(f), without cancellation
            return q * q;
        }

        @Override
        public double referenceFactor(double f) {
            double s = sigmoid(f);
            return 2.0 * s * s * sigmoid(-f);
        }

        @Override
        public double dataFactor(double f) {
            double q = sigmoid(-f);
            return -2.0 * sigmoid(f) * q * q;
        }
    };

    /** The loss term of one reference point, before weighting. */
    public abstract double referenceTerm(double f);

    /** The loss term of one data point, before weighting. */
    public abstract double dataTerm(double f);

    /** {@code g(x)} for a reference point: {@code ∂(term)/∂f}. */
    public abstract double referenceFactor(double f);

    /** {@code g(x)} for a data point: {@code ∂(term)/∂f}. */
    public abstract double dataFactor(double f);

    /** The anomaly score {@code c = 1 / (1 + e^{−f})} (Eq. 13), without overflow for any {@code f}. */
    public static double sigmoid(double f) {
        if (f >= 0) {
            return 1.0 / (1.0 + Math.exp(-f));
        }
        double e = Math.exp(f);
        return e / (1.0 + e);
    }

    /** {@code log(1 + e^x)} without overflow or loss of precision. */
    public static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    /** Parses "np", "bce" or "mse" (any case). */
    public static Loss parse(String name) {
        for (Loss l : values()) {
            if (l.name().equalsIgnoreCase(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException("loss: unknown loss '" + name + "'; expected np, bce or mse");
    }
}
