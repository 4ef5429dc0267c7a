package org.sparker.app.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The yardstick of {@code sparker bench}: a plain streaming read (a sum) of a float array on the
 * given number of threads, vectorised with the Vector API when the module is present, else a
 * scalar loop with eight accumulators. One measurement is the best of three reads; arrays
 * smaller than 64 MiB are read several times per read and the time divided, so the figure is a
 * bandwidth, not a thread start-up cost (such small arrays then come from cache, which
 * {@link HostInfo#lastLevelCacheBytes()} lets a report say).
 */
public final class StreamRead implements AutoCloseable {

    private final int threads;
    private final ExecutorService pool;
    private final boolean vector;
    private double sink;

    public StreamRead(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: must be ≥ 1, got " + threads);
        }
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sparker-stream");
            t.setDaemon(true);
            return t;
        });
        this.vector = method().equals("vector");
    }

    /** Which loop measures: {@code vector} or {@code scalar}. */
    public static String method() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? "vector" : "scalar";
    }

    /** Seconds for one full read of {@code data}: the best of three. */
    public double seconds(float[] data) {
        int passes = (int) Math.max(1, Math.min(10_000, (64L << 20) / Math.max(1, 4L * data.length)));
        double best = Double.POSITIVE_INFINITY;
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            List<Future<Double>> parts = new ArrayList<>(threads);
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
            try {
                for (Future<Double> f : parts) {
                    sink += f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("stream read interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("stream read failed: " + e.getCause(), e.getCause());
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e9 / passes);
        }
        if (Double.isNaN(sink)) {
            throw new IllegalStateException("stream read produced NaN");
        }
        return best;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private static double scalarSum(float[] a, int from, int to) {
        float[] acc = new float[8];
        int i = from;
        // main loop: eight independent accumulators
        for (; i + 8 <= to; i += 8) {
            for (int j = 0; j < 8; j++) {
                acc[j] += a[i + j];
            }
        }
        double s = 0;
        // scalar tail
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
            // main loop: four vectors per iteration, four accumulators
            for (; i + 4 * l <= to; i += 4 * l) {
                acc0 = acc0.add(jdk.incubator.vector.FloatVector.fromArray(species, a, i));
                acc1 = acc1.add(jdk.incubator.vector.FloatVector.fromArray(species, a, i + l));
                acc2 = acc2.add(jdk.incubator.vector.FloatVector.fromArray(species, a, i + 2 * l));
                acc3 = acc3.add(jdk.incubator.vector.FloatVector.fromArray(species, a, i + 3 * l));
            }
            double s = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
            // scalar tail
            for (; i < to; i++) {
                s += a[i];
            }
            return s;
        }
    }
}
