package org.sparker.engine.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
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
 * <p>{@link #exp} and {@link #expm1} are built only from IEEE-exact operations (fused multiply-add
 * or multiply and add, bit reinterpretation, integer add and shift), so they give the same bits
 * whether the code runs interpreted or compiled; the Vector API's own {@code EXP} may not, which
 * would break run-to-run reproducibility. They use no double→long conversion, mask or blend:
 * those have no single instruction on AVX2, AVX or SSE and would run lane by lane. Accuracy: a
 * few ulp over the whole double range, subnormals included.
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
    /**
     * Whether the JIT turns {@code fma} into a fused instruction (HotSpot's {@code UseFMA}: off on
     * x86 without FMA3, or with {@code -XX:UseAVX=0}). Without it {@code Math.fma} is emulated with
     * BigDecimal, thousands of times slower than a multiply and an add, so {@link #fma} falls back
     * to those (another rounding, the same bits on every run of that host).
     */
    static final boolean FMA = fusedMultiplyAddInHardware();

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

    private static boolean fusedMultiplyAddInHardware() {
        String useFma = vmOption("UseFMA");
        if (useFma != null) {
            return Boolean.parseBoolean(useFma);
        }
        // not HotSpot, or the option is unknown: every 64-bit Arm has FMA; x86 says so in its flags
        return !System.getProperty("os.arch", "").matches("amd64|x86_64|x86|i386") || cpuFlag("fma");
    }

    /** Whether {@code /proc/cpuinfo} lists {@code flag} (false where it cannot be read). */
    static boolean cpuFlag(String flag) {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags") || line.startsWith("Features")) {
                    return java.util.Arrays.asList(line.substring(line.indexOf(':') + 1).trim().split("\\s+"))
                            .contains(flag);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    /**
     * Why the vector path cannot run at full speed at this host's width, or {@code null}. On
     * x86 without AVX (or with {@code -XX:UseAVX=0}) C2 has no instruction for the float→double
     * conversions that load every tile, and the Vector API runs them lane by lane through Java
     * arrays: measured 0.3–0.5× the scalar reference, so {@code auto} must not pick it there.
     */
    public static String limitation() {
        boolean x86 = System.getProperty("os.arch", "").matches("amd64|x86_64|x86|i386");
        if (!x86) {
            return null;
        }
        String useAvx = vmOption("UseAVX");
        boolean noAvx = useAvx != null ? "0".equals(useAvx) : !cpuFlag("avx");
        return noAvx ? "no AVX" + (useAvx != null ? " (UseAVX=0)" : "")
                + ": float→double conversions have no vector instruction and run lane by lane, slower than the "
                + "reference backend" : null;
    }

    /** A HotSpot option's value, or {@code null} on another VM. */
    private static String vmOption(String name) {
        try {
            var bean = java.lang.management.ManagementFactory.getPlatformMXBean(
                    com.sun.management.HotSpotDiagnosticMXBean.class);
            return bean == null ? null : bean.getVMOption(name).getValue();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** A line for availability(): species, lanes, FMA. */
    public static String describe() {
        return "Vector API, " + DOUBLE.vectorBitSize() + "-bit vectors (" + LANES + " points per tile), "
                + (FMA ? "fused multiply-add" : "no fused multiply-add (multiply, then add)") + ", "
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
    // e^r on |r| ≤ ln2/2: 1/k!, k ≤ 13 (truncation below 2e-16); (e^r − 1)/r: 1/(k+1)!, k ≤ 15.
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

    private static final double[] NO_SHIFT = new double[LANES];

    /**
     * {@code out[o + j] = e^{sign · in[i + j]}} for {@code j < n} ({@code n} a multiple of
     * {@link #LANES}); {@code +∞} above 709.78 and {@code 0} below −745.13, like {@link Math#exp}.
     * {@code scratch} holds {@code n} values.
     */
    static void exp(double[] in, int i, double sign, double[] out, int o, int n, double[] scratch) {
        expReduced(NO_SHIFT, sign, in, i, out, o, n, scratch);
        scaleByPowersOfTwo(out, o, scratch, n);
    }

    /**
     * {@link #exp} where the caller knows every argument {@code sign · in[i + j]} lies in [−700, 0]:
     * every result is then a normal number, so no clamp is needed and {@code 2^n} is one factor
     * instead of two ({@code (v · 2^a) · 2^b} and {@code v · 2^{a+b}} are the same exact product
     * while both are normal): the same bits as {@link #exp}, in about three quarters of its
     * operations. The softmax numerators and {@code e^{−min u}} of nearly every tile qualify. They
     * stay in double: at broad widths every argument is tiny and the gradient rests on differences
     * of {@code e_i} from 1 of 1e-9 and less, which float cannot hold (a float version failed the
     * §6 agreement at σ = 1e3 × the data's spread).
     */
    static void expNormal(double[] in, int i, double sign, double[] out, int o, int n, double[] scratch) {
        expReducedNormal(sign, in, i, out, o, n, scratch);
        scaleByPowerOfTwo(out, o, scratch, n);
    }

    // The exponential comes in two passes over small arrays (the tile's M×L values, in L1): the
    // reduced polynomial, then the scaling by 2^n. One pass holding both would exhaust C2's
    // inlining node budget (the Vector API's operations inline deep trees): past it C2 stops
    // inlining, every vector crossing a call is boxed, and the loop runs some 20 times slower.

    /**
     * {@code out[o + j] = e^r} and {@code nOut[j] = n} with {@code shift[lane] + sign·in[i + j] =
     * n ln 2 + r}, {@code |r| ≤ ln 2 / 2}. No masks or blends (they fall back to scalar code on
     * some hardware): the argument is clamped to [−746, 710], where the two-factor scaling rounds
     * to exactly 0 under −745.13 and overflows to +∞ above 709.78 by itself.
     */
    private static void expReduced(double[] shift, double sign, double[] in, int i, double[] out, int o, int n,
            double[] nOut) {
        DoubleVector sh = DoubleVector.fromArray(DOUBLE, shift, 0);
        for (int j = 0; j < n; j += LANES) {
            DoubleVector xc = DoubleVector.fromArray(DOUBLE, in, i + j).mul(sign).add(sh).max(-746.0).min(710.0);
            DoubleVector n0 = xc.mul(LOG2E).add(SHIFTER).sub(SHIFTER);   // round(x / ln 2)
            DoubleVector r = xc.sub(n0.mul(LN2_HI));     // exact: LN2_HI ends in 21 zero bits, n has ≤ 11
            r = r.sub(n0.mul(LN2_LO));
            // Estrin's scheme: independent pairs, then powers r², r⁴, r⁸ — a chain four deep, not
            // thirteen (one vector of a tile is latency-bound, not throughput-bound)
            DoubleVector q0 = FMA ? r.fma(DoubleVector.broadcast(DOUBLE, EXP_C1), DoubleVector.broadcast(DOUBLE, EXP_C0)) : r.mul(EXP_C1).add(EXP_C0);
            DoubleVector q2 = FMA ? r.fma(DoubleVector.broadcast(DOUBLE, EXP_C3), DoubleVector.broadcast(DOUBLE, EXP_C2)) : r.mul(EXP_C3).add(EXP_C2);
            DoubleVector q4 = FMA ? r.fma(DoubleVector.broadcast(DOUBLE, EXP_C5), DoubleVector.broadcast(DOUBLE, EXP_C4)) : r.mul(EXP_C5).add(EXP_C4);
            DoubleVector q6 = FMA ? r.fma(DoubleVector.broadcast(DOUBLE, EXP_C7), DoubleVector.broadcast(DOUBLE, EXP_C6)) : r.mul(EXP_C7).add(EXP_C6);
            DoubleVector q8 = FMA ? r.fma(DoubleVector.broadcast(DOUBLE, EXP_C9), DoubleVector.broadcast(DOUBLE, EXP_C8)) : r.mul(EXP_C9).add(EXP_C8);
            DoubleVector q10 = FMA ? r.fma(DoubleVector.broadcast(DOUBLE, EXP_C11), DoubleVector.broadcast(DOUBLE, EXP_C10)) : r.mul(EXP_C11).add(EXP_C10);
            DoubleVector q12 = FMA ? r.fma(DoubleVector.broadcast(DOUBLE, EXP_C13), DoubleVector.broadcast(DOUBLE, EXP_C12)) : r.mul(EXP_C13).add(EXP_C12);
            DoubleVector r2 = r.mul(r);
            DoubleVector r4 = r2.mul(r2);
            DoubleVector r8 = r4.mul(r4);
            DoubleVector e0_0 = FMA ? q2.fma(r2, q0) : q2.mul(r2).add(q0);
            DoubleVector e0_1 = FMA ? q6.fma(r2, q4) : q6.mul(r2).add(q4);
            DoubleVector e0_2 = FMA ? q10.fma(r2, q8) : q10.mul(r2).add(q8);
            DoubleVector e1_0 = FMA ? e0_1.fma(r4, e0_0) : e0_1.mul(r4).add(e0_0);
            DoubleVector e1_1 = FMA ? q12.fma(r4, e0_2) : q12.mul(r4).add(e0_2);
            DoubleVector e2_0 = FMA ? e1_1.fma(r8, e1_0) : e1_1.mul(r8).add(e1_0);
            DoubleVector p = e2_0;
            p.intoArray(out, o + j);
            n0.intoArray(nOut, j);
        }
    }

    /**
     * {@code v[o + j] ·= 2^{n[j]}} for whole numbers {@code n} in [−1076, 1024], as two normal
     * factors {@code 2^⌊n/2⌉ · 2^(n − ⌊n/2⌉)}, so a subnormal result rounds once, at the end.
     * Each power is built in the exponent field: {@code k + 1.5·2^52} holds {@code k} in its low
     * bits; add the bias, shift by 52. The integers come from those bits, never from a
     * double→long conversion, which AVX2 and NEON lack as one instruction; and
     * {@code viewAsIntegralLanes} keeps the shape, so it costs no instruction at all.
     */
    private static void scaleByPowersOfTwo(double[] v, int o, double[] n, int count) {
        for (int j = 0; j < count; j += LANES) {
            // the powers written out, not called: past C2's node budget a call would box its vectors
            DoubleVector n0 = DoubleVector.fromArray(DOUBLE, n, j);
            DoubleVector n1 = n0.mul(0.5).add(SHIFTER).sub(SHIFTER);           // round(n / 2)
            DoubleVector hi = n1.add(SHIFTER).viewAsIntegralLanes().add(1023L).lanewise(VectorOperators.LSHL, 52)
                    .viewAsFloatingLanes();
            DoubleVector lo = n0.sub(n1).add(SHIFTER).viewAsIntegralLanes().add(1023L).lanewise(VectorOperators.LSHL, 52)
                    .viewAsFloatingLanes();
            DoubleVector.fromArray(DOUBLE, v, o + j).mul(hi).mul(lo).intoArray(v, o + j);
        }
    }

    /**
     * {@link #expReduced} for arguments in [−700, 0]: no shift, no clamp (the same bits there;
     * {@code VectorMathTest} checks the two against each other). A copy rather than a call of
     * {@link #expReduced} with a zero shift: the three operations it drops made the training step
     * 5–12% faster at d = 1 and 4 (paired A/B, docs/benchmarks.md).
     */
    private static void expReducedNormal(double sign, double[] in, int i, double[] out, int o, int n, double[] nOut) {
        for (int j = 0; j < n; j += LANES) {
            DoubleVector xc = DoubleVector.fromArray(DOUBLE, in, i + j).mul(sign);
            DoubleVector n0 = xc.mul(LOG2E).add(SHIFTER).sub(SHIFTER);   // round(x / ln 2)
            DoubleVector r = xc.sub(n0.mul(LN2_HI));     // exact: LN2_HI ends in 21 zero bits, n has ≤ 11
            r = r.sub(n0.mul(LN2_LO));
            DoubleVector q0 = FMA ? r.fma(DoubleVector.broadcast(DOUBLE, EXP_C1), DoubleVector.broadcast(DOUBLE, EXP_C0)) : r.mul(EXP_C1).add(EXP_C0);
            DoubleVector q2 = FMA ? r.fma(DoubleVector.broadcast(DOUBLE, EXP_C3), DoubleVector.broadcast(DOUBLE, EXP_C2)) : r.mul(EXP_C3).add(EXP_C2);
            DoubleVector q4 = FMA ? r.fma(DoubleVector.broadcast(DOUBLE, EXP_C5), DoubleVector.broadcast(DOUBLE, EXP_C4)) : r.mul(EXP_C5).add(EXP_C4);
            DoubleVector q6 = FMA ? r.fma(DoubleVector.broadcast(DOUBLE, EXP_C7), DoubleVector.broadcast(DOUBLE, EXP_C6)) : r.mul(EXP_C7).add(EXP_C6);
            DoubleVector q8 = FMA ? r.fma(DoubleVector.broadcast(DOUBLE, EXP_C9), DoubleVector.broadcast(DOUBLE, EXP_C8)) : r.mul(EXP_C9).add(EXP_C8);
            DoubleVector q10 = FMA ? r.fma(DoubleVector.broadcast(DOUBLE, EXP_C11), DoubleVector.broadcast(DOUBLE, EXP_C10)) : r.mul(EXP_C11).add(EXP_C10);
            DoubleVector q12 = FMA ? r.fma(DoubleVector.broadcast(DOUBLE, EXP_C13), DoubleVector.broadcast(DOUBLE, EXP_C12)) : r.mul(EXP_C13).add(EXP_C12);
            DoubleVector r2 = r.mul(r);
            DoubleVector r4 = r2.mul(r2);
            DoubleVector r8 = r4.mul(r4);
            DoubleVector e0_0 = FMA ? q2.fma(r2, q0) : q2.mul(r2).add(q0);
            DoubleVector e0_1 = FMA ? q6.fma(r2, q4) : q6.mul(r2).add(q4);
            DoubleVector e0_2 = FMA ? q10.fma(r2, q8) : q10.mul(r2).add(q8);
            DoubleVector e1_0 = FMA ? e0_1.fma(r4, e0_0) : e0_1.mul(r4).add(e0_0);
            DoubleVector e1_1 = FMA ? q12.fma(r4, e0_2) : q12.mul(r4).add(e0_2);
            DoubleVector e2_0 = FMA ? e1_1.fma(r8, e1_0) : e1_1.mul(r8).add(e1_0);
            e2_0.intoArray(out, o + j);
            n0.intoArray(nOut, j);
        }
    }

    /** {@code v[o + j] ·= 2^{n[j]}} for whole numbers {@code n} in [−1021, 0] and normal products: one factor. */
    private static void scaleByPowerOfTwo(double[] v, int o, double[] n, int count) {
        for (int j = 0; j < count; j += LANES) {
            DoubleVector p = DoubleVector.fromArray(DOUBLE, n, j).add(SHIFTER).viewAsIntegralLanes().add(1023L)
                    .lanewise(VectorOperators.LSHL, 52).viewAsFloatingLanes();
            DoubleVector.fromArray(DOUBLE, v, o + j).mul(p).intoArray(v, o + j);
        }
    }

    /**
     * {@code out[o + j] = e^{in[i + j]} − 1} without cancellation, for {@code j < n}: with
     * {@code x = n ln 2 + r}, {@code |r| ≤ ln 2 / 2}, {@code e^x − 1 = 2^n (e^r − 1) + (2^n − 1)},
     * where {@code e^r − 1} is a Taylor polynomial that never subtracts; {@code +∞} above 709.78,
     * {@code −1} below −746. No masks or blends; two passes like {@link #exp}. {@code scratch}
     * holds {@code n} values.
     */
    static void expm1(double[] in, int i, double[] out, int o, int n, double[] scratch) {
        expm1Reduced(in, i, out, o, n, scratch);
        for (int j = 0; j < n; j += LANES) {
            DoubleVector n0 = DoubleVector.fromArray(DOUBLE, scratch, j);
            DoubleVector n1 = n0.mul(0.5).add(SHIFTER).sub(SHIFTER);           // round(n / 2)
            DoubleVector hi = n1.add(SHIFTER).viewAsIntegralLanes().add(1023L).lanewise(VectorOperators.LSHL, 52)
                    .viewAsFloatingLanes();
            DoubleVector lo = n0.sub(n1).add(SHIFTER).viewAsIntegralLanes().add(1023L).lanewise(VectorOperators.LSHL, 52)
                    .viewAsFloatingLanes();
            // 2^n (e^r − 1) + (2^n − 1); at n = 1024 the second term is +∞, and so is the result
            DoubleVector.fromArray(DOUBLE, out, o + j).mul(hi).mul(lo).add(hi.mul(lo).sub(1.0)).intoArray(out, o + j);
        }
    }

    /** {@code out[o + j] = e^r − 1} and {@code nOut[j] = n} for {@code in[i + j] = n ln 2 + r}. */
    private static void expm1Reduced(double[] in, int i, double[] out, int o, int n, double[] nOut) {
        for (int j = 0; j < n; j += LANES) {
            DoubleVector xc = DoubleVector.fromArray(DOUBLE, in, i + j).max(-746.0).min(710.0);
            DoubleVector n0 = xc.mul(LOG2E).add(SHIFTER).sub(SHIFTER);   // round(x / ln 2)
            DoubleVector r = xc.sub(n0.mul(LN2_HI));
            r = r.sub(n0.mul(LN2_LO));
            // (e^r − 1)/r by Estrin's scheme, as in expReduced
            DoubleVector q0 = FMA ? r.fma(DoubleVector.broadcast(DOUBLE, EXPM1_C1), DoubleVector.broadcast(DOUBLE, EXPM1_C0)) : r.mul(EXPM1_C1).add(EXPM1_C0);
            DoubleVector q2 = FMA ? r.fma(DoubleVector.broadcast(DOUBLE, EXPM1_C3), DoubleVector.broadcast(DOUBLE, EXPM1_C2)) : r.mul(EXPM1_C3).add(EXPM1_C2);
            DoubleVector q4 = FMA ? r.fma(DoubleVector.broadcast(DOUBLE, EXPM1_C5), DoubleVector.broadcast(DOUBLE, EXPM1_C4)) : r.mul(EXPM1_C5).add(EXPM1_C4);
            DoubleVector q6 = FMA ? r.fma(DoubleVector.broadcast(DOUBLE, EXPM1_C7), DoubleVector.broadcast(DOUBLE, EXPM1_C6)) : r.mul(EXPM1_C7).add(EXPM1_C6);
            DoubleVector q8 = FMA ? r.fma(DoubleVector.broadcast(DOUBLE, EXPM1_C9), DoubleVector.broadcast(DOUBLE, EXPM1_C8)) : r.mul(EXPM1_C9).add(EXPM1_C8);
            DoubleVector q10 = FMA ? r.fma(DoubleVector.broadcast(DOUBLE, EXPM1_C11), DoubleVector.broadcast(DOUBLE, EXPM1_C10)) : r.mul(EXPM1_C11).add(EXPM1_C10);
            DoubleVector q12 = FMA ? r.fma(DoubleVector.broadcast(DOUBLE, EXPM1_C13), DoubleVector.broadcast(DOUBLE, EXPM1_C12)) : r.mul(EXPM1_C13).add(EXPM1_C12);
            DoubleVector q14 = FMA ? r.fma(DoubleVector.broadcast(DOUBLE, EXPM1_C15), DoubleVector.broadcast(DOUBLE, EXPM1_C14)) : r.mul(EXPM1_C15).add(EXPM1_C14);
            DoubleVector r2 = r.mul(r);
            DoubleVector r4 = r2.mul(r2);
            DoubleVector r8 = r4.mul(r4);
            DoubleVector e0_0 = FMA ? q2.fma(r2, q0) : q2.mul(r2).add(q0);
            DoubleVector e0_1 = FMA ? q6.fma(r2, q4) : q6.mul(r2).add(q4);
            DoubleVector e0_2 = FMA ? q10.fma(r2, q8) : q10.mul(r2).add(q8);
            DoubleVector e0_3 = FMA ? q14.fma(r2, q12) : q14.mul(r2).add(q12);
            DoubleVector e1_0 = FMA ? e0_1.fma(r4, e0_0) : e0_1.mul(r4).add(e0_0);
            DoubleVector e1_1 = FMA ? e0_3.fma(r4, e0_2) : e0_3.mul(r4).add(e0_2);
            DoubleVector e2_0 = FMA ? e1_1.fma(r8, e1_0) : e1_1.mul(r8).add(e1_0);
            DoubleVector q = e2_0;
            q.mul(r).intoArray(out, o + j);
            n0.intoArray(nOut, j);
        }
    }

    static DoubleVector splat(double v) {
        return DoubleVector.broadcast(DOUBLE, v);
    }
}
