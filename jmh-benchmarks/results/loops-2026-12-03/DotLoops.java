/*
 * The same four-kernel dot products in Java (Vector API) on the backend's own tiles: the backend's loop
 * (TileKernels.dotDistances), centres pre-broadcast into a pattern, and broadcast centres with one accumulator per
 * kernel (the loop the backend now uses). docs/benchmarks.md, 2026-12-03. Run from the repository root after
 * `mvn -q install -DskipTests`:
 *   J=/usr/lib/jvm/temurin-25-jdk-amd64/bin; CP=engine-simd/target/classes:engine-api/target/classes
 *   mkdir -p build/dl/org/sparker/engine/simd && cp jmh-benchmarks/results/loops-2026-12-03/DotLoops.java build/dl/org/sparker/engine/simd/
 *   $J/javac --add-modules jdk.incubator.vector -cp $CP -d build/dl/out build/dl/org/sparker/engine/simd/DotLoops.java
 *   $J/java --add-modules jdk.incubator.vector -cp build/dl/out:$CP org.sparker.engine.simd.DotLoops 800 128 75
 *   $J/java --add-modules jdk.incubator.vector -cp build/dl/out:$CP org.sparker.engine.simd.DotLoops 60000 128 1
 * (N, d, passes). The "current" column is whatever TileKernels.dotDistances is at the time of the run.
 */
package org.sparker.engine.simd;

import static org.sparker.engine.simd.VectorSupport.DOUBLE;
import static org.sparker.engine.simd.VectorSupport.loadWidened;
import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import org.sparker.engine.*;

public class DotLoops {
    static final int L = VectorSupport.LANES;

    /** x·μ for four kernels with centre vectors preloaded (pattern) instead of broadcast. */
    static void dotFourPattern(float[] x, int off, int d, double[] pat, int p0, double[] out, int o) {
        int p1 = p0 + d * L, p2 = p1 + d * L, p3 = p2 + d * L;
        DoubleVector a0 = DoubleVector.zero(DOUBLE), a1 = a0, a2 = a0, a3 = a0;
        for (int k = 0; k < d; k++) {
            DoubleVector xv = loadWidened(x, off + k * L);
            a0 = xv.fma(DoubleVector.fromArray(DOUBLE, pat, p0 + k * L), a0);
            a1 = xv.fma(DoubleVector.fromArray(DOUBLE, pat, p1 + k * L), a1);
            a2 = xv.fma(DoubleVector.fromArray(DOUBLE, pat, p2 + k * L), a2);
            a3 = xv.fma(DoubleVector.fromArray(DOUBLE, pat, p3 + k * L), a3);
        }
        a0.intoArray(out, o); a1.intoArray(out, o + L); a2.intoArray(out, o + 2 * L); a3.intoArray(out, o + 3 * L);
    }

    /** Broadcast version with one accumulator per kernel (like C). */
    static void dotFourBroadcast(float[] x, int off, int d, double[] c, int c0, double[] out, int o) {
        int c1 = c0 + d, c2 = c1 + d, c3 = c2 + d;
        DoubleVector a0 = DoubleVector.zero(DOUBLE), a1 = a0, a2 = a0, a3 = a0;
        for (int k = 0; k < d; k++) {
            DoubleVector xv = loadWidened(x, off + k * L);
            a0 = xv.fma(DoubleVector.broadcast(DOUBLE, c[c0 + k]), a0);
            a1 = xv.fma(DoubleVector.broadcast(DOUBLE, c[c1 + k]), a1);
            a2 = xv.fma(DoubleVector.broadcast(DOUBLE, c[c2 + k]), a2);
            a3 = xv.fma(DoubleVector.broadcast(DOUBLE, c[c3 + k]), a3);
        }
        a0.intoArray(out, o); a1.intoArray(out, o + L); a2.intoArray(out, o + 2 * L); a3.intoArray(out, o + 3 * L);
    }

    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), d = Integer.parseInt(a[1]), m = 4;
        int reps = Integer.parseInt(a[2]);
        SplittableRandom rng = new SplittableRandom(1);
        float[] all = new float[n * d];
        for (int i = 0; i < all.length; i++) all[i] = (float) rng.nextGaussian();
        Tiles tiles = Tiles.of(FloatMatrix.wrap(all, n, d), 1.0, null, L);
        double[] c = new double[m * d];
        for (int i = 0; i < c.length; i++) c[i] = all[i + 7 * d];
        double[] pat = new double[m * d * L];
        for (int i = 0; i < m; i++) for (int k = 0; k < d; k++) for (int l = 0; l < L; l++) pat[(i * d + k) * L + l] = c[i * d + k];
        KernelModel model = KernelModel.of(c, d, new double[m], Math.sqrt(d), true);
        Params q = Params.of(model);
        double[] out = new double[m * L];
        for (int rep = 0; rep < 10; rep++) {
            long t0 = System.nanoTime(); double s = 0;
            for (int r = 0; r < reps; r++) for (int t = 0; t < tiles.tiles; t++) { TileKernels.dotDistances(tiles.x, t * d * L, tiles.norms, t * L, q, out, 0); s += out[0]; }
            long t1 = System.nanoTime();
            for (int r = 0; r < reps; r++) for (int t = 0; t < tiles.tiles; t++) { dotFourPattern(tiles.x, t * d * L, d, pat, 0, out, 0); s += out[0]; }
            long t2 = System.nanoTime();
            for (int r = 0; r < reps; r++) for (int t = 0; t < tiles.tiles; t++) { dotFourBroadcast(tiles.x, t * d * L, d, c, 0, out, 0); s += out[0]; }
            long t3 = System.nanoTime();
            double per = (double) reps * tiles.tiles;
            System.out.printf("ns/tile: current dotDistances %.0f  pattern %.0f  broadcast-1acc %.0f  (%g)%n", (t1 - t0) / per, (t2 - t1) / per, (t3 - t2) / per, s);
        }
    }
}
