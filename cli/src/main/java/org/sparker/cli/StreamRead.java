package org.sparker.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The yardstick of {@code sparker bench}: the time of a plain streaming read of a float array
 * (a sum over it) on the given number of threads, vectorised with the Vector API when the module
 * is present (as it is under the {@code sparker} launcher), else a scalar loop with eight
 * accumulators. The best of several repetitions is reported: the memory system's capability.
 * Arrays smaller than 64 MiB are read several times per measurement and the time divided, so
 * the figure is a bandwidth, not a thread start-up cost (small arrays then read from cache).
 */
final class StreamRead {

    private StreamRead() {
    }

    /** Which loop measured it. */
    static String method() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? "vector" : "scalar";
    }

    static double seconds(float[] data, int threads, int repetitions) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        boolean vector = method().equals("vector");
        // small arrays: several passes per measurement, so thread start-up does not dominate
        int passes = (int) Math.max(1, Math.min(10_000, (64L << 20) / Math.max(1, 4L * data.length)));
        try {
            double best = Double.POSITIVE_INFINITY;
            double sink = 0;
            for (int rep = 0; rep < repetitions + 3; rep++) {
                long t0 = System.nanoTime();
                List<Future<Double>> parts = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int from = (int) ((long) data.length * t / threads);
                    int to = (int) ((long) data.length * (t + 1) / threads);
                    parts.add(pool.submit(() -> {
                        double s = 0;
                        for (int p = 0; p < passes; p++) {
                            s += vector ? VectorSum.sum(data, from, to) : scalarSum(data, from, to);
                        }
                        return s;
                    }));
                }
                for (Future<Double> f : parts) {
                    sink += f.get();
                }
                double s = (System.nanoTime() - t0) / 1e9 / passes;
                if (rep >= 3) {
                    best = Math.min(best, s);
                }
            }
            if (Double.isNaN(sink)) {
                throw new IllegalStateException("stream read produced NaN");
            }
            return best;
        } catch (Exception e) {
            throw new IllegalStateException("stream read failed: " + e, e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static double scalarSum(float[] a, int from, int to) {
        float[] acc = new float[8];
        int i = from;
        for (; i + 8 <= to; i += 8) {
            for (int j = 0; j < 8; j++) {
                acc[j] += a[i + j];
            }
        }
        double s = 0;
        for (; i < to; i++) {
            s += a[i];
        }
        for (float v : acc) {
            s += v;
        }
        return s;
    }

    /** Loaded only when the incubator module is present. */
    private static final class VectorSum {
        static double sum(float[] a, int from, int to) {
            var species = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED;
            int l = species.length();
            var acc0 = jdk.incubator.vector.FloatVector.zero(species);
            var acc1 = acc0;
            var acc2 = acc0;
            var acc3 = acc0;
            int i = from;
            for (; i + 4 * l <= to; i += 4 * l) {
                acc0 = acc0.add(jdk.incubator.vector.FloatVector.fromArray(species, a, i));
                acc1 = acc1.add(jdk.incubator.vector.FloatVector.fromArray(species, a, i + l));
                acc2 = acc2.add(jdk.incubator.vector.FloatVector.fromArray(species, a, i + 2 * l));
                acc3 = acc3.add(jdk.incubator.vector.FloatVector.fromArray(species, a, i + 3 * l));
            }
            double s = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
            for (; i < to; i++) {
                s += a[i];
            }
            return s;
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }
}
