/*
 * The centre-gradient sweep (two kernels by eight tiles) on the backend's heap arrays against the same loop on
 * off-heap MemorySegments at 0, 16 and 32 bytes from a 64-byte boundary (docs/benchmarks.md, Zen 5, 2026-12-05).
 * Run from the repository root after `mvn -q install -DskipTests`:
 *   J=/usr/lib/jvm/temurin-25-jdk-amd64/bin; CP=engine-simd/target/classes:engine-api/target/classes
 *   mkdir -p build/seg/org/sparker/engine/simd && cp jmh-benchmarks/results/loops-2026-12-05/SegSweep.java build/seg/org/sparker/engine/simd/
 *   $J/javac --add-modules jdk.incubator.vector -cp $CP -d build/seg/out build/seg/org/sparker/engine/simd/SegSweep.java
 *   $J/java --add-modules jdk.incubator.vector -cp build/seg/out:$CP org.sparker.engine.simd.SegSweep 800 128 300
 */
package org.sparker.engine.simd;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.sparker.engine.FloatMatrix;
import static org.sparker.engine.simd.VectorSupport.DOUBLE;
import static org.sparker.engine.simd.VectorSupport.FLOAT;

/** The sweep (two kernels by eight tiles) on heap arrays (the backend's) and on off-heap segments at a chosen alignment. */
public class SegSweep {
    static final int L = VectorSupport.LANES;
    static final ByteOrder NO = ByteOrder.nativeOrder();

    static void two(MemorySegment x, long x0, long ts, double[] coef, int i0, int m, MemorySegment grad, long g0) {
        DoubleVector c00 = DoubleVector.fromArray(DOUBLE, coef, (0 * m + i0) * L), c01 = DoubleVector.fromArray(DOUBLE, coef, (0 * m + i0 + 1) * L);
        DoubleVector c10 = DoubleVector.fromArray(DOUBLE, coef, (1 * m + i0) * L), c11 = DoubleVector.fromArray(DOUBLE, coef, (1 * m + i0 + 1) * L);
        DoubleVector c20 = DoubleVector.fromArray(DOUBLE, coef, (2 * m + i0) * L), c21 = DoubleVector.fromArray(DOUBLE, coef, (2 * m + i0 + 1) * L);
        DoubleVector c30 = DoubleVector.fromArray(DOUBLE, coef, (3 * m + i0) * L), c31 = DoubleVector.fromArray(DOUBLE, coef, (3 * m + i0 + 1) * L);
        DoubleVector c40 = DoubleVector.fromArray(DOUBLE, coef, (4 * m + i0) * L), c41 = DoubleVector.fromArray(DOUBLE, coef, (4 * m + i0 + 1) * L);
        DoubleVector c50 = DoubleVector.fromArray(DOUBLE, coef, (5 * m + i0) * L), c51 = DoubleVector.fromArray(DOUBLE, coef, (5 * m + i0 + 1) * L);
        DoubleVector c60 = DoubleVector.fromArray(DOUBLE, coef, (6 * m + i0) * L), c61 = DoubleVector.fromArray(DOUBLE, coef, (6 * m + i0 + 1) * L);
        DoubleVector c70 = DoubleVector.fromArray(DOUBLE, coef, (7 * m + i0) * L), c71 = DoubleVector.fromArray(DOUBLE, coef, (7 * m + i0 + 1) * L);
        long g1 = g0 + ts;
        for (int o = 0; o < ts; o += L) {
            DoubleVector a0 = DoubleVector.fromMemorySegment(DOUBLE, grad, (g0 + o) * 8, NO);
            DoubleVector a1 = DoubleVector.fromMemorySegment(DOUBLE, grad, (g1 + o) * 8, NO);
            DoubleVector xv = (DoubleVector) FloatVector.fromMemorySegment(FLOAT, x, (x0 + o) * 4L, NO).convertShape(VectorOperators.F2D, DOUBLE, 0);
            a0 = c00.fma(xv, a0); a1 = c01.fma(xv, a1);
            xv = (DoubleVector) FloatVector.fromMemorySegment(FLOAT, x, (x0 + ts + o) * 4L, NO).convertShape(VectorOperators.F2D, DOUBLE, 0); a0 = c10.fma(xv, a0); a1 = c11.fma(xv, a1);
            xv = (DoubleVector) FloatVector.fromMemorySegment(FLOAT, x, (x0 + 2 * ts + o) * 4L, NO).convertShape(VectorOperators.F2D, DOUBLE, 0); a0 = c20.fma(xv, a0); a1 = c21.fma(xv, a1);
            xv = (DoubleVector) FloatVector.fromMemorySegment(FLOAT, x, (x0 + 3 * ts + o) * 4L, NO).convertShape(VectorOperators.F2D, DOUBLE, 0); a0 = c30.fma(xv, a0); a1 = c31.fma(xv, a1);
            xv = (DoubleVector) FloatVector.fromMemorySegment(FLOAT, x, (x0 + 4 * ts + o) * 4L, NO).convertShape(VectorOperators.F2D, DOUBLE, 0); a0 = c40.fma(xv, a0); a1 = c41.fma(xv, a1);
            xv = (DoubleVector) FloatVector.fromMemorySegment(FLOAT, x, (x0 + 5 * ts + o) * 4L, NO).convertShape(VectorOperators.F2D, DOUBLE, 0); a0 = c50.fma(xv, a0); a1 = c51.fma(xv, a1);
            xv = (DoubleVector) FloatVector.fromMemorySegment(FLOAT, x, (x0 + 6 * ts + o) * 4L, NO).convertShape(VectorOperators.F2D, DOUBLE, 0); a0 = c60.fma(xv, a0); a1 = c61.fma(xv, a1);
            xv = (DoubleVector) FloatVector.fromMemorySegment(FLOAT, x, (x0 + 7 * ts + o) * 4L, NO).convertShape(VectorOperators.F2D, DOUBLE, 0); a0 = c70.fma(xv, a0); a1 = c71.fma(xv, a1);
            a0.intoMemorySegment(grad, (g0 + o) * 8, NO);
            a1.intoMemorySegment(grad, (g1 + o) * 8, NO);
        }
    }

    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), d = Integer.parseInt(a[1]), reps = Integer.parseInt(a[2]), m = 2;
        SplittableRandom rng = new SplittableRandom(1);
        float[] all = new float[n * d];
        for (int i = 0; i < all.length; i++) all[i] = (float) rng.nextGaussian();
        Tiles tiles = Tiles.of(FloatMatrix.wrap(all, n, d), 1.0, null, L);
        int G = 8, ts = d * L, groups = tiles.tiles / G;
        double[] coef = new double[G * m * L];
        for (int i = 0; i < coef.length; i++) coef[i] = rng.nextGaussian() * 1e-3;
        Arena arena = Arena.ofConfined();
        for (int rep = 0; rep < 6; rep++) {
            double[] grad = new double[m * ts];
            long t0 = System.nanoTime();
            for (int r = 0; r < reps; r++) for (int g = 0; g < groups; g++) TileKernels.accumulateCenterGradient(tiles.x, g * G, G, d, m, coef, grad);
            long t1 = System.nanoTime();
            StringBuilder sb = new StringBuilder(String.format("heap arrays %.3f", (t1 - t0) / ((double) reps * groups * G * d * m)));
            for (int off : new int[] {0, 16, 32}) {
                MemorySegment xs = arena.allocate(4L * tiles.x.length + 64, 64).asSlice(off);
                MemorySegment.copy(tiles.x, 0, xs, java.lang.foreign.ValueLayout.JAVA_FLOAT, 0, tiles.x.length);
                MemorySegment gs = arena.allocate(8L * m * ts + 64, 64).asSlice(off);
                long t2 = System.nanoTime();
                for (int r = 0; r < reps; r++) for (int g = 0; g < groups; g++) two(xs, (long) g * G * ts, ts, coef, 0, m, gs, 0);
                long t3 = System.nanoTime();
                double[] back = gs.asSlice(0, 8L * m * ts).toArray(java.lang.foreign.ValueLayout.JAVA_DOUBLE);
                sb.append(String.format("  segment+%d %.3f (same bits %s)", off, (t3 - t2) / ((double) reps * groups * G * d * m), java.util.Arrays.equals(back, grad)));
            }
            System.out.println(sb + " ns per vector FMA");
        }
    }
}
