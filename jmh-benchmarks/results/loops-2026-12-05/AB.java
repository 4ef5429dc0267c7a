/*
 * Paired A/B of the two-tile dot products in one JVM (docs/benchmarks.md, Zen 5, 2026-12-05): whole training steps of
 * the simd backend on sparker bench's workloads, the two code paths switched between batches, ten rounds alternating
 * the order, the median of the per-round speed-up. It needs a diagnostic build: in TileKernels add
 *     static boolean PAIR = true;
 * and test `PAIR && dot && next` instead of `d >= PAIR_MIN_DIMENSION && dot && next` in accumulateGroup. Then:
 *   ./sparker --version   # builds cli/target/sparker.jar
 *   J=/usr/lib/jvm/temurin-25-jdk-amd64/bin; mkdir -p build/ab/org/sparker/engine/simd
 *   cp jmh-benchmarks/results/loops-2026-12-05/AB.java build/ab/org/sparker/engine/simd/
 *   $J/javac --add-modules jdk.incubator.vector -cp cli/target/sparker.jar -d build/ab/out build/ab/org/sparker/engine/simd/AB.java
 *   $J/java --add-modules jdk.incubator.vector -Xmx12g -cp build/ab/out:cli/target/sparker.jar org.sparker.engine.simd.AB \
 *       0 10 60000,128,5 15000,384,5 11000,1000,5 110000,1000,5
 * (threads, 0 = all; rounds; shapes N,d,M).
 */
package org.sparker.engine.simd;

import java.util.*;
import org.sparker.app.bench.*;
import org.sparker.engine.*;
import org.sparker.engine.train.*;

public class AB {
    public static void main(String[] a) throws Exception {
        int threads = Integer.parseInt(a[0]);
        int rounds = Integer.parseInt(a[1]);
        for (int s = 2; s < a.length; s++) {
            String[] p = a[s].split(",");
            Shape shape = new Shape(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
            Workload w = Workload.of(shape);
            KernelBackend backend = Backends.get("simd", new BackendOptions(threads));
            PreparedSamples prepared = backend.prepare(w.samples());
            TrainerConfig config = TrainerConfig.builder().kernels(shape.kernels()).learningRate(1e-3).amplitudeClip(100).loss(Loss.NP).build();
            TrainingStep step = new TrainingStep(backend, prepared, ModelState.copyOf(w.model()), config);
            double sigma = w.model().width();
            int count = 0;
            long end = System.nanoTime() + 3_000_000_000L;
            double last = 0;
            while (System.nanoTime() < end) { TileKernels.PAIR = (count & 1) == 0; long t0 = System.nanoTime(); step.run(++count, sigma); last = (System.nanoTime() - t0) / 1e9; }
            int n = (int) Math.max(5, 0.2 / last);
            double[] ratio = new double[rounds]; double[] on = new double[rounds]; double[] off = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                for (int order = 0; order < 2; order++) {
                    boolean pair = ((r + order) & 1) == 0;
                    TileKernels.PAIR = pair;
                    long t0 = System.nanoTime();
                    for (int i = 0; i < n; i++) step.run(++count, sigma);
                    double ms = (System.nanoTime() - t0) / 1e6 / n;
                    if (pair) on[r] = ms; else off[r] = ms;
                }
                ratio[r] = off[r] / on[r];
            }
            Arrays.sort(ratio); Arrays.sort(on); Arrays.sort(off);
            System.out.printf(Locale.ROOT, "%s threads %d: new %.3f ms, old %.3f ms (medians), speed-up median %.3f [min %.3f, max %.3f]%n",
                a[s], threads, on[rounds / 2], off[rounds / 2], ratio[rounds / 2], ratio[0], ratio[rounds - 1]);
            prepared.close(); backend.close();
        }
        System.exit(0);
    }
}
