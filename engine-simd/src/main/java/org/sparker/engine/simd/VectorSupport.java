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

    static final VectorSpecies<Double> DOUBLE = chooseSpecies();
    static final VectorSpecies<Float> FLOAT =
            VectorSpecies.of(float.class, VectorShape.forBitSize(DOUBLE.vectorBitSize() / 2));
    static final VectorSpecies<Long> LONG = VectorSpecies.of(long.class, DOUBLE.vectorShape());
    /** Points per tile: the lanes of a double vector. */
    static final int LANES = DOUBLE.length();

    private VectorSupport() {
    }

    private static VectorSpecies<Double> chooseSpecies() {
        String forced = System.getProperty(BITS_PROPERTY);
        VectorSpecies<Double> s = forced == null || forced.isBlank() ? DoubleVector.SPECIES_PREFERRED
                : VectorSpecies.of(double.class, VectorShape.forBitSize(Integer.parseInt(forced.trim())));
        if (s.vectorBitSize() < 128) {
            throw new UnsupportedOperationException("the hardware's preferred vectors are " + s.vectorBitSize()
                    + " bits wide; the simd backend needs at least 128");
        }
        return s;
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
    /** 1/k! for k = 13 … 0: Taylor series of e^r on |r| ≤ ln2/2, truncation below 2e-16. */
    private static final double[] EXP_TAYLOR = new double[14];
    /** 1/(k+1)! for k = 15 … 0: expm1(x)/x on |x| < ½. */
    private static final double[] EXPM1_TAYLOR = new double[16];

    static {
        double f = 1;
        for (int k = 0; k <= 13; k++) {
            if (k > 0) {
                f *= k;
            }
            EXP_TAYLOR[13 - k] = 1 / f;
        }
        f = 1;
        for (int k = 0; k <= 15; k++) {
            f *= k + 1;
            EXPM1_TAYLOR[15 - k] = 1 / f;
        }
    }

    /** {@code e^x} lanewise; {@code +∞} above 709.78, {@code 0} below −745.13, like {@link Math#exp}. */
    static DoubleVector exp(DoubleVector x) {
        DoubleVector xc = x.max(-746.0).min(710.0);
        DoubleVector n = xc.fma(splat(LOG2E), splat(SHIFTER)).sub(SHIFTER);   // round(x / ln 2)
        DoubleVector r = xc.sub(n.mul(LN2_HI));          // exact: LN2_HI ends in 21 zero bits, n has ≤ 11
        r = n.fma(splat(-LN2_LO), r);
        DoubleVector p = DoubleVector.broadcast(DOUBLE, EXP_TAYLOR[0]);
        for (int i = 1; i < EXP_TAYLOR.length; i++) {
            p = p.fma(r, splat(EXP_TAYLOR[i]));
        }
        // 2^n as two normal powers of two, so subnormal results round once, at the end
        LongVector ni = (LongVector) n.convert(VectorOperators.D2L, 0);
        LongVector n1 = ni.lanewise(VectorOperators.ASHR, 1);
        LongVector n2 = ni.sub(n1);
        DoubleVector s1 = n1.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        DoubleVector s2 = n2.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        DoubleVector y = p.mul(s1).mul(s2);
        VectorMask<Double> over = x.compare(VectorOperators.GT, EXP_OVERFLOW);
        VectorMask<Double> under = x.compare(VectorOperators.LT, EXP_UNDERFLOW);
        return y.blend(Double.POSITIVE_INFINITY, over).blend(0.0, under);
    }

    static DoubleVector splat(double v) {
        return DoubleVector.broadcast(DOUBLE, v);
    }

    /** {@code e^x − 1} lanewise, without cancellation for small {@code |x|}. */
    static DoubleVector expm1(DoubleVector x) {
        DoubleVector q = DoubleVector.broadcast(DOUBLE, EXPM1_TAYLOR[0]);
        for (int i = 1; i < EXPM1_TAYLOR.length; i++) {
            q = q.fma(x, splat(EXPM1_TAYLOR[i]));
        }
        DoubleVector small = q.mul(x);
        VectorMask<Double> large = x.abs().compare(VectorOperators.GE, 0.5);
        if (!large.anyTrue()) {
            return small;
        }
        return small.blend(exp(x).sub(1.0), large);
    }
}
