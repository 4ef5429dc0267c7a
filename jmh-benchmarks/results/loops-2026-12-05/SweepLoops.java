/*
 * The centre-gradient sweep on L2-resident tiles: the backend's own (TileKernels.accumulateCenterGradient: two kernels
 * by a group of eight tiles at 512 bits, each coordinate widened once per pair of kernels) against a register-blocked
 * variant (five kernels by two coordinates, coefficients from L1, each coordinate widened once), which was tried and
 * not kept (docs/benchmarks.md, 2026-12-03 night). Run from the repository root after `mvn -q install -DskipTests`:
 *   J=/usr/lib/jvm/temurin-25-jdk-amd64/bin; CP=engine-simd/target/classes:engine-api/target/classes
 *   mkdir -p build/sl/org/sparker/engine/simd && cp jmh-benchmarks/results/loops-2026-12-05/SweepLoops.java build/sl/org/sparker/engine/simd/
 *   $J/javac --add-modules jdk.incubator.vector -cp $CP -d build/sl/out build/sl/org/sparker/engine/simd/SweepLoops.java
 *   $J/java --add-modules jdk.incubator.vector -cp build/sl/out:$CP org.sparker.engine.simd.SweepLoops 800 128 300
 * (N, d, passes). Prints nanoseconds per vector FMA for both, and whether they give the same bits; 2026-12-05 adds
 * four kernels by four tiles (its sums start from zero, so its bits are not compared). Paths: loops-2026-12-05.
 */
package org.sparker.engine.simd;

import static org.sparker.engine.simd.VectorSupport.DOUBLE;
import static org.sparker.engine.simd.VectorSupport.FMA;
import static org.sparker.engine.simd.VectorSupport.loadWidened;
import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import org.sparker.engine.*;

public class SweepLoops {
    static final int L = VectorSupport.LANES;
    static void sweepFive(float[] x, int x0, int count, int tileSize, double[] coef, int i0,
            int m, double[] grad) {
        int g0 = i0 * tileSize;
        int g1 = g0 + tileSize;
        int g2 = g1 + tileSize;
        int g3 = g2 + tileSize;
        int g4 = g3 + tileSize;
        int step = m * L;
        int o = 0;
        for (; o + 2 * L <= tileSize; o += 2 * L) {
            DoubleVector a00 = DoubleVector.fromArray(DOUBLE, grad, g0 + o);
            DoubleVector a01 = DoubleVector.fromArray(DOUBLE, grad, g0 + o + L);
            DoubleVector a10 = DoubleVector.fromArray(DOUBLE, grad, g1 + o);
            DoubleVector a11 = DoubleVector.fromArray(DOUBLE, grad, g1 + o + L);
            DoubleVector a20 = DoubleVector.fromArray(DOUBLE, grad, g2 + o);
            DoubleVector a21 = DoubleVector.fromArray(DOUBLE, grad, g2 + o + L);
            DoubleVector a30 = DoubleVector.fromArray(DOUBLE, grad, g3 + o);
            DoubleVector a31 = DoubleVector.fromArray(DOUBLE, grad, g3 + o + L);
            DoubleVector a40 = DoubleVector.fromArray(DOUBLE, grad, g4 + o);
            DoubleVector a41 = DoubleVector.fromArray(DOUBLE, grad, g4 + o + L);
            for (int s = 0, xo = x0 + o, cb = i0 * L; s < count; s++, xo += tileSize, cb += step) {
                DoubleVector xa = loadWidened(x, xo);
                DoubleVector xb = loadWidened(x, xo + L);
                DoubleVector c0 = DoubleVector.fromArray(DOUBLE, coef, cb);
                a00 = FMA ? c0.fma(xa, a00) : c0.mul(xa).add(a00);
                a01 = FMA ? c0.fma(xb, a01) : c0.mul(xb).add(a01);
                DoubleVector c1 = DoubleVector.fromArray(DOUBLE, coef, cb + 1 * L);
                a10 = FMA ? c1.fma(xa, a10) : c1.mul(xa).add(a10);
                a11 = FMA ? c1.fma(xb, a11) : c1.mul(xb).add(a11);
                DoubleVector c2 = DoubleVector.fromArray(DOUBLE, coef, cb + 2 * L);
                a20 = FMA ? c2.fma(xa, a20) : c2.mul(xa).add(a20);
                a21 = FMA ? c2.fma(xb, a21) : c2.mul(xb).add(a21);
                DoubleVector c3 = DoubleVector.fromArray(DOUBLE, coef, cb + 3 * L);
                a30 = FMA ? c3.fma(xa, a30) : c3.mul(xa).add(a30);
                a31 = FMA ? c3.fma(xb, a31) : c3.mul(xb).add(a31);
                DoubleVector c4 = DoubleVector.fromArray(DOUBLE, coef, cb + 4 * L);
                a40 = FMA ? c4.fma(xa, a40) : c4.mul(xa).add(a40);
                a41 = FMA ? c4.fma(xb, a41) : c4.mul(xb).add(a41);
            }
            a00.intoArray(grad, g0 + o);
            a01.intoArray(grad, g0 + o + L);
            a10.intoArray(grad, g1 + o);
            a11.intoArray(grad, g1 + o + L);
            a20.intoArray(grad, g2 + o);
            a21.intoArray(grad, g2 + o + L);
            a30.intoArray(grad, g3 + o);
            a31.intoArray(grad, g3 + o + L);
            a40.intoArray(grad, g4 + o);
            a41.intoArray(grad, g4 + o + L);
        }
        if (o < tileSize) { // odd d: the last coordinate
            DoubleVector a00 = DoubleVector.fromArray(DOUBLE, grad, g0 + o);
            DoubleVector a10 = DoubleVector.fromArray(DOUBLE, grad, g1 + o);
            DoubleVector a20 = DoubleVector.fromArray(DOUBLE, grad, g2 + o);
            DoubleVector a30 = DoubleVector.fromArray(DOUBLE, grad, g3 + o);
            DoubleVector a40 = DoubleVector.fromArray(DOUBLE, grad, g4 + o);
            for (int s = 0, xo = x0 + o, cb = i0 * L; s < count; s++, xo += tileSize, cb += step) {
                DoubleVector xa = loadWidened(x, xo);
                DoubleVector c0 = DoubleVector.fromArray(DOUBLE, coef, cb);
                a00 = FMA ? c0.fma(xa, a00) : c0.mul(xa).add(a00);
                DoubleVector c1 = DoubleVector.fromArray(DOUBLE, coef, cb + 1 * L);
                a10 = FMA ? c1.fma(xa, a10) : c1.mul(xa).add(a10);
                DoubleVector c2 = DoubleVector.fromArray(DOUBLE, coef, cb + 2 * L);
                a20 = FMA ? c2.fma(xa, a20) : c2.mul(xa).add(a20);
                DoubleVector c3 = DoubleVector.fromArray(DOUBLE, coef, cb + 3 * L);
                a30 = FMA ? c3.fma(xa, a30) : c3.mul(xa).add(a30);
                DoubleVector c4 = DoubleVector.fromArray(DOUBLE, coef, cb + 4 * L);
                a40 = FMA ? c4.fma(xa, a40) : c4.mul(xa).add(a40);
            }
            a00.intoArray(grad, g0 + o);
            a10.intoArray(grad, g1 + o);
            a20.intoArray(grad, g2 + o);
            a30.intoArray(grad, g3 + o);
            a40.intoArray(grad, g4 + o);
        }
    }

    static void fourByFour(float[] x, int x0, int tileSize, double[] coef, int m, double[] grad) {
        // groups of four tiles (two per group of eight), kernels 0-3 then kernel 4 with two kernels' code
        for (int half = 0; half < 2; half++) {
            int xb = x0 + half * 4 * tileSize;
            int cs = half * 4;
            four(x, xb, xb + tileSize, xb + 2 * tileSize, xb + 3 * tileSize, coef, cs, 0, m, grad, 0, tileSize);
            one(x, xb, xb + tileSize, xb + 2 * tileSize, xb + 3 * tileSize, coef, cs, 4, m, grad, 4 * tileSize, tileSize);
        }
    }
    static DoubleVector cf(double[] coef, int slot, int kernel, int m) { return DoubleVector.fromArray(DOUBLE, coef, (slot * m + kernel) * L); }
    static void four(float[] x, int x0, int x1, int x2, int x3, double[] coef, int s0, int i0, int m, double[] grad, int g0, int tileSize) {
        DoubleVector c00 = cf(coef, s0, i0, m), c01 = cf(coef, s0, i0 + 1, m), c02 = cf(coef, s0, i0 + 2, m), c03 = cf(coef, s0, i0 + 3, m);
        DoubleVector c10 = cf(coef, s0 + 1, i0, m), c11 = cf(coef, s0 + 1, i0 + 1, m), c12 = cf(coef, s0 + 1, i0 + 2, m), c13 = cf(coef, s0 + 1, i0 + 3, m);
        DoubleVector c20 = cf(coef, s0 + 2, i0, m), c21 = cf(coef, s0 + 2, i0 + 1, m), c22 = cf(coef, s0 + 2, i0 + 2, m), c23 = cf(coef, s0 + 2, i0 + 3, m);
        DoubleVector c30 = cf(coef, s0 + 3, i0, m), c31 = cf(coef, s0 + 3, i0 + 1, m), c32 = cf(coef, s0 + 3, i0 + 2, m), c33 = cf(coef, s0 + 3, i0 + 3, m);
        int g1 = g0 + tileSize, g2 = g1 + tileSize, g3 = g2 + tileSize;
        for (int o = 0; o < tileSize; o += L) {
            DoubleVector a0 = DoubleVector.fromArray(DOUBLE, grad, g0 + o);
            DoubleVector a1 = DoubleVector.fromArray(DOUBLE, grad, g1 + o);
            DoubleVector a2 = DoubleVector.fromArray(DOUBLE, grad, g2 + o);
            DoubleVector a3 = DoubleVector.fromArray(DOUBLE, grad, g3 + o);
            DoubleVector xv = loadWidened(x, x0 + o);
            a0 = c00.fma(xv, a0); a1 = c01.fma(xv, a1); a2 = c02.fma(xv, a2); a3 = c03.fma(xv, a3);
            xv = loadWidened(x, x1 + o);
            a0 = c10.fma(xv, a0); a1 = c11.fma(xv, a1); a2 = c12.fma(xv, a2); a3 = c13.fma(xv, a3);
            xv = loadWidened(x, x2 + o);
            a0 = c20.fma(xv, a0); a1 = c21.fma(xv, a1); a2 = c22.fma(xv, a2); a3 = c23.fma(xv, a3);
            xv = loadWidened(x, x3 + o);
            a0 = c30.fma(xv, a0); a1 = c31.fma(xv, a1); a2 = c32.fma(xv, a2); a3 = c33.fma(xv, a3);
            a0.intoArray(grad, g0 + o); a1.intoArray(grad, g1 + o); a2.intoArray(grad, g2 + o); a3.intoArray(grad, g3 + o);
        }
    }
    static void one(float[] x, int x0, int x1, int x2, int x3, double[] coef, int s0, int i, int m, double[] grad, int g0, int tileSize) {
        DoubleVector c0 = cf(coef, s0, i, m), c1 = cf(coef, s0 + 1, i, m), c2 = cf(coef, s0 + 2, i, m), c3 = cf(coef, s0 + 3, i, m);
        for (int o = 0; o < tileSize; o += L) {
            DoubleVector a = DoubleVector.fromArray(DOUBLE, grad, g0 + o);
            a = c0.fma(loadWidened(x, x0 + o), a); a = c1.fma(loadWidened(x, x1 + o), a);
            a = c2.fma(loadWidened(x, x2 + o), a); a = c3.fma(loadWidened(x, x3 + o), a);
            a.intoArray(grad, g0 + o);
        }
    }

    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), d = Integer.parseInt(a[1]), m = 5;
        int reps = Integer.parseInt(a[2]);
        SplittableRandom rng = new SplittableRandom(1);
        float[] all = new float[n * d];
        for (int i = 0; i < all.length; i++) all[i] = (float) rng.nextGaussian();
        Tiles tiles = Tiles.of(FloatMatrix.wrap(all, n, d), 1.0, null, L);
        int G = TileKernels.GROUP;
        double[] coef = new double[G * m * L];
        for (int i = 0; i < coef.length; i++) coef[i] = rng.nextGaussian() * 1e-3;
        double[] grad = new double[m * d * L];
        double[] grad2 = new double[m * d * L];
        int groups = tiles.tiles / G;
        for (int rep = 0; rep < 8; rep++) {
            long t0 = System.nanoTime();
            for (int r = 0; r < reps; r++) for (int g = 0; g < groups; g++) TileKernels.accumulateCenterGradient(tiles.x, g * G, G, d, m, coef, grad);
            long t1 = System.nanoTime();
            for (int r = 0; r < reps; r++) for (int g = 0; g < groups; g++) sweepFive(tiles.x, g * G * d * L, G, d * L, coef, 0, m, grad2);
            long t2 = System.nanoTime();
            double[] grad3 = new double[m * d * L];
            long t3 = System.nanoTime();
            for (int r = 0; r < reps; r++) for (int g = 0; g < groups; g++) fourByFour(tiles.x, g * G * d * L, d * L, coef, m, grad3);
            long t4 = System.nanoTime();
            System.out.printf("four-by-four %.3f ns%n", (t4 - t3) / ((double) reps * groups * G * d * m));
            double fmas = (double) reps * groups * G * d * m;
            System.out.printf("ns per vector FMA: current %.3f  five-by-two %.3f   same bits %s%n", (t1 - t0) / fmas, (t2 - t1) / fmas, java.util.Arrays.equals(grad, grad2));
        }
    }
}
