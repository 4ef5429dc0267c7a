package org.sparker.engine.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API species and the vector math of the SIMD backend, in a holder class that only
 * code running after the module check loads (STYLE.md, Lucene).
 *
 * <p>Lanes hold points: a double vector of {@link #LANES} points, loaded from float storage
 * through a float vector of the same lane count. The species is the hardware's preferred one,
 * or the bit size in the {@value #BITS_PROPERTY} system property (tests force 128 bits).
 *
 * <p>{@link #exp} and {@link #expm1} are built only from IEEE-exact operations (fused multiply-add,
 * multiply, add, conversions), so they give the same bits whether the code runs interpreted or
 * compiled; the Vector API's own {@code EXP} may not, which would break run-to-run
 * reproducibility. Accuracy: a few ulp over the whole double range, subnormals included.
 */
public final class VectorSupport {

    /** System property forcing the double vector size in bits (128, 256 or 512). */
    public static final String BITS_PROPERTY = "sparker.simd.bits";

    static final VectorSpecies<Double> DOUBLE = speciesFor(System.getProperty(BITS_PROPERTY),
            DoubleVector.SPECIES_PREFERRED.vectorBitSize());
    static final VectorSpecies<Float> FLOAT =
            VectorSpecies.of(float.class, VectorShape.forBitSize(DOUBLE.vectorBitSize() / 2));
    static final VectorSpecies<Long> LONG = VectorSpecies.of(long.class, DOUBLE.vectorShape());
    /** Points per tile: the lanes of a double vector. */
    static final int LANES = DOUBLE.length();

    private VectorSupport() {
    }

    /**
     * The double species for a forced size ({@code null} or blank: none) on hardware whose
     * preferred vectors are {@code preferredBits} wide.
     *
     * @throws UnsupportedOperationException below 128 bits (two doubles): the backend refuses
     *     itself there, as vectorising one lane is pointless
     * @throws IllegalArgumentException for a forced size that is not 64, 128, 256 or 512
     */
    static VectorSpecies<Double> speciesFor(String forced, int preferredBits) {
        int bits;
        if (forced == null || forced.isBlank()) {
            bits = preferredBits;
        } else {
            try {
                bits = Integer.parseInt(forced.trim());
                VectorShape.forBitSize(bits);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(BITS_PROPERTY + ": expected 128, 256 or 512, got '" + forced + "'");
            }
        }
        if (bits < 128) {
            throw new UnsupportedOperationException((forced == null || forced.isBlank() ? "the hardware's preferred"
                    : "the forced (" + BITS_PROPERTY + ")") + " vectors are " + bits
                    + " bits wide; the simd backend needs at least 128");
        }
        return VectorSpecies.of(double.class, VectorShape.forBitSize(bits));
    }

    /** A line for availability(): species and lanes. */
    public static String describe() {
        return "Vector API, " + DOUBLE.vectorBitSize() + "-bit vectors (" + LANES + " points per tile), "
                + Runtime.getRuntime().availableProcessors() + " processors";
    }

    /** Loads {@link #LANES} floats and widens them to doubles. */
    static DoubleVector loadWidened(float[] a, int offset) {
        return (DoubleVector) FloatVector.fromArray(FLOAT, a, offset).convertShape(VectorOperators.F2D, DOUBLE, 0);
    }

    private static final double LOG2E = 1.4426950408889634;
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double SHIFTER = 6755399441055744.0; // 1.5·2^52: adding it rounds to an integer
    private static final double EXP_OVERFLOW = 709.782712893384;
    private static final double EXP_UNDERFLOW = -745.1332191019412;
    // Taylor coefficients, unrolled below: a vector carried around a loop would be boxed.
    // e^r on |r| ≤ ln2/2: 1/k!, k ≤ 13 (truncation below 2e-16); expm1(x)/x on |x| < ½: 1/(k+1)!, k ≤ 15.
    private static final double EXP_C0 = 1.0 / 1.0;
    private static final double EXP_C1 = 1.0 / 1.0;
    private static final double EXP_C2 = 1.0 / 2.0;
    private static final double EXP_C3 = 1.0 / 6.0;
    private static final double EXP_C4 = 1.0 / 24.0;
    private static final double EXP_C5 = 1.0 / 120.0;
    private static final double EXP_C6 = 1.0 / 720.0;
    private static final double EXP_C7 = 1.0 / 5040.0;
    private static final double EXP_C8 = 1.0 / 40320.0;
    private static final double EXP_C9 = 1.0 / 362880.0;
    private static final double EXP_C10 = 1.0 / 3628800.0;
    private static final double EXP_C11 = 1.0 / 39916800.0;
    private static final double EXP_C12 = 1.0 / 479001600.0;
    private static final double EXP_C13 = 1.0 / 6227020800.0;
    private static final double EXPM1_C0 = 1.0 / 1.0;
    private static final double EXPM1_C1 = 1.0 / 2.0;
    private static final double EXPM1_C2 = 1.0 / 6.0;
    private static final double EXPM1_C3 = 1.0 / 24.0;
    private static final double EXPM1_C4 = 1.0 / 120.0;
    private static final double EXPM1_C5 = 1.0 / 720.0;
    private static final double EXPM1_C6 = 1.0 / 5040.0;
    private static final double EXPM1_C7 = 1.0 / 40320.0;
    private static final double EXPM1_C8 = 1.0 / 362880.0;
    private static final double EXPM1_C9 = 1.0 / 3628800.0;
    private static final double EXPM1_C10 = 1.0 / 39916800.0;
    private static final double EXPM1_C11 = 1.0 / 479001600.0;
    private static final double EXPM1_C12 = 1.0 / 6227020800.0;
    private static final double EXPM1_C13 = 1.0 / 87178291200.0;
    private static final double EXPM1_C14 = 1.0 / 1307674368000.0;
    private static final double EXPM1_C15 = 1.0 / 20922789888000.0;

    /**
     * {@code out[o + j] = e^{sign · in[i + j]}} for {@code j < n} ({@code n} a multiple of
     * {@link #LANES}); {@code +∞} above 709.78 and {@code 0} below −745.13, like {@link Math#exp}.
     * Arrays in and out, so no vector crosses a call boundary (a boxed vector costs an allocation).
     */
    static void exp(double[] in, int i, double sign, double[] out, int o, int n) {
        for (int j = 0; j < n; j += LANES) {
            DoubleVector x = DoubleVector.fromArray(DOUBLE, in, i + j).mul(sign);
            DoubleVector xc = x.max(-746.0).min(710.0);
            DoubleVector n0 = xc.fma(splat(LOG2E), splat(SHIFTER)).sub(SHIFTER);   // round(x / ln 2)
            DoubleVector r = xc.sub(n0.mul(LN2_HI));     // exact: LN2_HI ends in 21 zero bits, n has ≤ 11
            r = n0.fma(splat(-LN2_LO), r);
            DoubleVector p = splat(EXP_C13);
            p = p.fma(r, splat(EXP_C12));
            p = p.fma(r, splat(EXP_C11));
            p = p.fma(r, splat(EXP_C10));
            p = p.fma(r, splat(EXP_C9));
            p = p.fma(r, splat(EXP_C8));
            p = p.fma(r, splat(EXP_C7));
            p = p.fma(r, splat(EXP_C6));
            p = p.fma(r, splat(EXP_C5));
            p = p.fma(r, splat(EXP_C4));
            p = p.fma(r, splat(EXP_C3));
            p = p.fma(r, splat(EXP_C2));
            p = p.fma(r, splat(EXP_C1));
            p = p.fma(r, splat(EXP_C0));
            // 2^n as two normal powers of two, so subnormal results round once, at the end. The
            // integers come from the shifter's bits (n + 1.5·2^52 holds n in its low mantissa
            // bits), never from a double→long conversion, which AVX2 and NEON lack as one instruction.
            DoubleVector n1 = n0.mul(0.5).add(SHIFTER).sub(SHIFTER);   // round(n / 2)
            DoubleVector n2 = n0.sub(n1);
            DoubleVector s1 = n1.add(SHIFTER).reinterpretAsLongs().add(1023L).lanewise(VectorOperators.LSHL, 52)
                    .reinterpretAsDoubles();
            DoubleVector s2 = n2.add(SHIFTER).reinterpretAsLongs().add(1023L).lanewise(VectorOperators.LSHL, 52)
                    .reinterpretAsDoubles();
            DoubleVector y = p.mul(s1).mul(s2);
            VectorMask<Double> over = x.compare(VectorOperators.GT, EXP_OVERFLOW);
            VectorMask<Double> under = x.compare(VectorOperators.LT, EXP_UNDERFLOW);
            y.blend(Double.POSITIVE_INFINITY, over).blend(0.0, under).intoArray(out, o + j);
        }
    }

    /**
     * {@code out[o + j] = e^{in[i + j]} − 1} without cancellation for small arguments: a Taylor
     * polynomial below ½ in magnitude, {@code e^x − 1} above. {@code scratch} holds {@code n}
     * values.
     */
    static void expm1(double[] in, int i, double[] out, int o, int n, double[] scratch) {
        exp(in, i, 1.0, scratch, 0, n);
        for (int j = 0; j < n; j += LANES) {
            DoubleVector x = DoubleVector.fromArray(DOUBLE, in, i + j);
            DoubleVector q = splat(EXPM1_C15);
            q = q.fma(x, splat(EXPM1_C14));
            q = q.fma(x, splat(EXPM1_C13));
            q = q.fma(x, splat(EXPM1_C12));
            q = q.fma(x, splat(EXPM1_C11));
            q = q.fma(x, splat(EXPM1_C10));
            q = q.fma(x, splat(EXPM1_C9));
            q = q.fma(x, splat(EXPM1_C8));
            q = q.fma(x, splat(EXPM1_C7));
            q = q.fma(x, splat(EXPM1_C6));
            q = q.fma(x, splat(EXPM1_C5));
            q = q.fma(x, splat(EXPM1_C4));
            q = q.fma(x, splat(EXPM1_C3));
            q = q.fma(x, splat(EXPM1_C2));
            q = q.fma(x, splat(EXPM1_C1));
            q = q.fma(x, splat(EXPM1_C0));
            DoubleVector large = DoubleVector.fromArray(DOUBLE, scratch, j).sub(1.0);
            q.mul(x).blend(large, x.abs().compare(VectorOperators.GE, 0.5)).intoArray(out, o + j);
        }
    }

    static DoubleVector splat(double v) {
        return DoubleVector.broadcast(DOUBLE, v);
    }
}
