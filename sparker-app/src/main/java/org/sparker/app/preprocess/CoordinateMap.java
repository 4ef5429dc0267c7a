package org.sparker.app.preprocess;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.sparker.engine.FloatMatrix;

/**
 * An invertible map applied to every coordinate (Kasieczka et al., arXiv:2209.06225): the change of variables under which
 * density ("rare") scores change and likelihood ratios do not. Each map gives its value, its
 * inverse and {@code log |f'(x)|}; the density of {@code Y = f(X)} is
 * {@code p_Y(y) = p_X(f⁻¹(y)) / Π_k |f'(f⁻¹(y_k))|} (Eq. 1).
 *
 * <p>Maps parse from {@code identity}, {@code affine:A:B} ({@code Ax + B}), {@code phi} (the
 * standard normal CDF), {@code tanh} ({@code tanh(x + 2)}), {@code exp-neg} ({@code e^{−x}}),
 * composed left to right with {@code >} (e.g. {@code affine:2:5>phi} is Φ(2x + 5)).
 */
public interface CoordinateMap {

    /** The spelling {@link #parse} reads. */
    String name();

    /** {@code f(x)}. */
    double apply(double x);

    /** {@code f⁻¹(y)}. */
    double inverse(double y);

    /** {@code log |f'(x)|}, written out (not through the inverse) so that equal maps give equal bits. */
    double logAbsDerivative(double x);

    /** The identity. */
    CoordinateMap IDENTITY = new Simple("identity") {
        @Override
        public double apply(double x) {
            return x;
        }

        @Override
        public double inverse(double y) {
            return y;
        }

        @Override
        public double logAbsDerivative(double x) {
            return 0;
        }
    };

    /** The standard normal CDF: the background's density becomes uniform on (0, 1) per coordinate. */
    CoordinateMap PHI = new Simple("phi") {
        private final NormalDistribution n = NormalDistribution.of(0, 1);

        @Override
        public double apply(double x) {
            return n.cumulativeProbability(x);
        }

        @Override
        public double inverse(double y) {
            return n.inverseCumulativeProbability(y);
        }

        @Override
        public double logAbsDerivative(double x) {
            return n.logDensity(x);
        }
    };

    /** {@code tanh(x + 2)}: squeezes the right tail, where the seed's signal sits. */
    CoordinateMap TANH_SHIFT = new Simple("tanh") {
        @Override
        public double apply(double x) {
            return Math.tanh(x + 2);
        }

        @Override
        public double inverse(double y) {
            return 0.5 * Math.log((1 + y) / (1 - y)) - 2;
        }

        @Override
        public double logAbsDerivative(double x) {
            // log sech²(x + 2) = −2 log cosh(x + 2), stable for large |x|
            double a = Math.abs(x + 2);
            return -2 * (a + Math.log1p(Math.exp(-2 * a)) - Math.log(2));
        }
    };

    /** {@code e^{−x}}. */
    CoordinateMap EXP_NEG = new Simple("exp-neg") {
        @Override
        public double apply(double x) {
            return Math.exp(-x);
        }

        @Override
        public double inverse(double y) {
            return -Math.log(y);
        }

        @Override
        public double logAbsDerivative(double x) {
            return -x;
        }
    };

    /** {@code a x + b}, {@code a ≠ 0}. */
    static CoordinateMap affine(double a, double b) {
        if (!(a != 0) || !Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("affine map: needs a finite, non-zero scale and a finite shift, got "
                    + a + ", " + b);
        }
        return new Simple("affine:" + a + ":" + b) {
            @Override
            public double apply(double x) {
                return a * x + b;
            }

            @Override
            public double inverse(double y) {
                return (y - b) / a;
            }

            @Override
            public double logAbsDerivative(double x) {
                return Math.log(Math.abs(a));
            }
        };
    }

    /** This map, then {@code next}. */
    default CoordinateMap then(CoordinateMap next) {
        CoordinateMap first = this;
        return new Simple(first.name() + ">" + next.name()) {
            @Override
            public double apply(double x) {
                return next.apply(first.apply(x));
            }

            @Override
            public double inverse(double y) {
                return first.inverse(next.inverse(y));
            }

            @Override
            public double logAbsDerivative(double x) {
                return first.logAbsDerivative(x) + next.logAbsDerivative(first.apply(x));
            }
        };
    }

    /**
     * Applies the map to every value of {@code m} into a new matrix.
     *
     * @throws IllegalArgumentException naming the row and column of a value the map sends out of
     *     the finite floats (e^{−x} of x < −88, say), which would otherwise become ∞ or NaN
     */
    default FloatMatrix apply(FloatMatrix m, String what) {
        float[] in = m.data();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            double v = apply(in[i]);
            float f = (float) v;
            if (!Float.isFinite(f)) {
                throw new IllegalArgumentException(what + ": the map " + name() + " sends row " + i / m.cols()
                        + ", column " + i % m.cols() + " (" + in[i] + ") to " + v + ", outside the finite floats");
            }
            out[i] = f;
        }
        return FloatMatrix.wrap(out, m.rows(), m.cols());
    }

    /** Parses one map or a {@code >}-composition. */
    static CoordinateMap parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("map: empty; expected identity, affine:A:B, phi, tanh or exp-neg");
        }
        List<CoordinateMap> parts = new ArrayList<>();
        for (String p : spec.split(">")) {
            String s = p.trim().toLowerCase(Locale.ROOT);
            CoordinateMap m = switch (s) {
                case "identity" -> IDENTITY;
                case "phi" -> PHI;
                case "tanh" -> TANH_SHIFT;
                case "exp-neg" -> EXP_NEG;
                default -> {
                    if (s.startsWith("affine:")) {
                        String[] ab = s.substring(7).split(":");
                        try {
                            if (ab.length == 2) {
                                yield affine(Double.parseDouble(ab[0]), Double.parseDouble(ab[1]));
                            }
                        } catch (NumberFormatException e) {
                            // fall through to the error below
                        }
                        throw new IllegalArgumentException("map: '" + p.trim() + "' is not affine:A:B with numbers A ≠ 0 and B");
                    }
                    throw new IllegalArgumentException("map: unknown '" + p.trim()
                            + "'; expected identity, affine:A:B, phi, tanh or exp-neg (composed with >)");
                }
            };
            parts.add(m);
        }
        CoordinateMap out = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            out = out.then(parts.get(i));
        }
        return out;
    }

    /** Base of the named maps. */
    abstract class Simple implements CoordinateMap {
        private final String name;

        Simple(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
