package org.sparker.engine.simd;

import java.util.Arrays;

import org.sparker.app.bench.Shape;
import org.sparker.app.bench.Workload;
import org.sparker.engine.KernelParameters;
import org.sparker.engine.Loss;
import org.sparker.engine.LossGradient;
import org.sparker.engine.PreparedSamples;

/** DIAGNOSTIC: paired A/B in one JVM of the sweep's five-kernel blocks (args: rounds threads shapes...). */
public final class FiveHarness {
    public static void main(String[] a) throws Exception {
        int rounds = Integer.parseInt(a[0]);
        int threads = Integer.parseInt(a[1]);
        for (int si = 2; si < a.length; si++) {
            String[] p3 = a[si].split(",");
            int m = Integer.parseInt(p3[2]), d = Integer.parseInt(p3[1]);
            Workload w = Workload.of(Shape.parse(a[si]));
            KernelParameters params = w.model();
            double[][] ms = new double[2][rounds];
            double[] ratio = new double[rounds];
            try (SimdBackend b = new SimdBackend(threads)) {
                PreparedSamples p = b.prepare(w.samples());
                LossGradient out = LossGradient.allocate(m, d);
                LossGradient[] ref = {LossGradient.allocate(m, d), LossGradient.allocate(m, d)};
                long warmEnd = System.nanoTime() + 5_000_000_000L;
                while (System.nanoTime() < warmEnd) {
                    TileKernels.diagFive = !TileKernels.diagFive;
                    b.lossAndGradient(p, params, Loss.NP, out);
                }
                for (int round = 0; round < rounds; round++) {
                    for (int vi = 0; vi < 2; vi++) {
                        int v = round % 2 == 0 ? vi : 1 - vi;
                        TileKernels.diagFive = v == 1;
                        b.lossAndGradient(p, params, Loss.NP, out);
                        long t0 = System.nanoTime();
                        int steps = 0;
                        while (System.nanoTime() - t0 < 250_000_000L) {
                            b.lossAndGradient(p, params, Loss.NP, out);
                            steps++;
                        }
                        ms[v][round] = (System.nanoTime() - t0) / 1e6 / steps;
                        if (round == 0) b.lossAndGradient(p, params, Loss.NP, ref[v]);
                    }
                    ratio[round] = ms[0][round] / ms[1][round];
                }
                boolean same = Arrays.equals(ref[0].centerGradient(), ref[1].centerGradient())
                        && Arrays.equals(ref[0].amplitudeGradient(), ref[1].amplitudeGradient()) && ref[0].loss() == ref[1].loss();
                p.close();
                double[] r = ratio.clone(); Arrays.sort(r);
                double[] o = ms[0].clone(); Arrays.sort(o);
                double[] n = ms[1].clone(); Arrays.sort(n);
                System.out.printf("%s threads %d: 2+2+1 %.3f ms, 5x4 %.3f ms (medians of %d); speed-up median %.3f [%.3f, %.3f]; same bits %s%n",
                        a[si], threads, o[rounds / 2], n[rounds / 2], rounds, r[rounds / 2], r[0], r[rounds - 1], same);
            }
        }
    }
}
