package org.sparker.engine.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The backend's own exp and expm1 against java.lang.Math over the whole double range. */
class VectorMathTest {

    private static final int L = VectorSupport.LANES;

    private static double[] apply(boolean minusOne, double[] x) {
        double[] out = new double[x.length];
        if (minusOne) {
            VectorSupport.expm1(x, 0, out, 0, x.length, new double[x.length]);
        } else {
            VectorSupport.exp(x, 0, 1.0, out, 0, x.length, new double[x.length]);
        }
        return out;
    }

    private static double[] sample(SplittableRandom rng, int n, double lo, double hi) {
        double[] x = new double[n * L];
        for (int i = 0; i < x.length; i++) {
            x[i] = lo + (hi - lo) * rng.nextDouble();
        }
        return x;
    }

    @Test
    void expIsWithinAFewUlpEverywhere() {
        SplittableRandom rng = new SplittableRandom(1);
        for (double[] range : new double[][] {{-745.2, 709.8}, {-1, 1}, {-1e-6, 1e-6}, {-745.2, -700}, {700, 709.8}}) {
            double[] x = sample(rng, 4000, range[0], range[1]);
            double[] y = apply(false, x);
            for (int i = 0; i < x.length; i++) {
                double expected = Math.exp(x[i]);
                if (Double.isInfinite(expected)) {
                    assertThat(y[i]).as("exp(%s)", x[i]).isEqualTo(expected);
                    continue;
                }
                // subnormal results carry fewer bits: compare in absolute terms there
                double tol = expected < Double.MIN_NORMAL ? 4 * Double.MIN_VALUE : 4 * Math.ulp(expected);
                assertThat(Math.abs(y[i] - expected)).as("exp(%s)", x[i]).isLessThanOrEqualTo(tol);
            }
        }
    }

    @Test
    void expEdgesMatchMath() {
        double[] x = new double[L * 2];
        double[] probes = {0, -0.0, 709.78, 709.79, 710, 1e300, -745.13, -745.14, -746, -1e300, 1, -1,
            Math.log(2), 1e-300, -1e-300, 88.7};
        for (int start = 0; start < probes.length; start += x.length) {
            java.util.Arrays.fill(x, 0);
            int n = Math.min(x.length, probes.length - start);
            System.arraycopy(probes, start, x, 0, n);
            double[] y = apply(false, x);
            for (int i = 0; i < n; i++) {
                double expected = Math.exp(x[i]);
                if (Double.isInfinite(expected) || expected == 0) {
                    assertThat(y[i]).as("exp(%s)", x[i]).isEqualTo(expected);
                } else {
                    assertThat(Math.abs(y[i] - expected)).as("exp(%s)", x[i])
                            .isLessThanOrEqualTo(4 * Math.max(Math.ulp(expected), Double.MIN_VALUE));
                }
            }
        }
    }

    /**
     * The one-factor exponential for arguments in [−700, 0] gives exactly the bits of the general
     * one, for either sign convention, so the training pass may take it for a group of tiles
     * whose arguments all lie there without changing a result.
     */
    @Test
    void expNormalIsBitIdenticalToExpOnItsRange() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] x = new double[4000 * L];
        double[] probes = {0, -0.0, -700, -699.9999999999999, -1e-300, -Double.MIN_VALUE, -Math.log(2), -0.5 * Math.log(2),
            -1022 * Math.log(2) / 1.5, -1e-8};
        for (int i = 0; i < x.length; i++) {
            x[i] = i < probes.length ? probes[i] : i % 3 == 0 ? -700 * rng.nextDouble()
                    : i % 3 == 1 ? -rng.nextDouble() : -1e-6 * rng.nextDouble();
        }
        double[] general = new double[x.length];
        double[] normal = new double[x.length];
        double[] scratch = new double[x.length];
        for (double sign : new double[] {1.0, -1.0}) {
            double[] in = x.clone();
            if (sign < 0) {
                for (int i = 0; i < in.length; i++) {
                    in[i] = -in[i];
                }
            }
            VectorSupport.exp(in, 0, sign, general, 0, in.length, scratch);
            VectorSupport.expNormal(in, 0, sign, normal, 0, in.length, scratch);
            for (int i = 0; i < in.length; i++) {
                assertThat(Double.doubleToRawLongBits(normal[i])).as("exp(%s), sign %s", in[i] * sign, sign)
                        .isEqualTo(Double.doubleToRawLongBits(general[i]));
                assertThat(normal[i]).isGreaterThanOrEqualTo(Double.MIN_NORMAL);
            }
        }
    }

    @Test
    void expm1HasNoCancellationNearZero() {
        SplittableRandom rng = new SplittableRandom(2);
        for (double[] range : new double[][] {{-1e-12, 1e-12}, {-0.5, 0.5}, {-3, 3}, {-700, 700}}) {
            double[] x = sample(rng, 4000, range[0], range[1]);
            double[] y = apply(true, x);
            for (int i = 0; i < x.length; i++) {
                double expected = Math.expm1(x[i]);
                assertThat(Math.abs(y[i] - expected)).as("expm1(%s)", x[i])
                        .isLessThanOrEqualTo(4 * Math.ulp(expected) + Double.MIN_VALUE);
            }
        }
        double[] zero = new double[L];
        assertThat(apply(true, zero)).containsOnly(0.0);
        double[] edges = new double[L * ((7 + L - 1) / L)];
        double[] probes = {709.8, 1e300, -746, -1e300, -40, 709.0, -745.2};
        System.arraycopy(probes, 0, edges, 0, probes.length);
        double[] y = apply(true, edges);
        assertThat(y[0]).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(y[1]).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(y[2]).isEqualTo(-1.0);
        assertThat(y[3]).isEqualTo(-1.0);
        assertThat(y[4]).isEqualTo(Math.expm1(-40));
        assertThat(Math.abs(y[5] - Math.expm1(709.0))).isLessThanOrEqualTo(4 * Math.ulp(Math.expm1(709.0)));
        assertThat(y[6]).isEqualTo(-1.0);
    }

    /** The backend refuses vectors of one double and names a mistyped forced size. */
    @Test
    void speciesBelow128BitsIsRefused() {
        assertThat(VectorSupport.speciesFor(null, 512).vectorBitSize()).isEqualTo(512);
        assertThat(VectorSupport.speciesFor(" ", 256).vectorBitSize()).isEqualTo(256);
        assertThat(VectorSupport.speciesFor("128", 512).vectorBitSize()).isEqualTo(128);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VectorSupport.speciesFor(null, 64))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("preferred")
                .hasMessageContaining("at least 128");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VectorSupport.speciesFor("64", 512))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining(VectorSupport.BITS_PROPERTY);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VectorSupport.speciesFor("100", 512))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'100'");
    }
}
