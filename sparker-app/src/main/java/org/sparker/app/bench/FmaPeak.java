package org.sparker.app.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The host's compute ceiling, measured in the same run as the steps it judges: twelve independent
 * chains of double-precision fused multiply-adds on every thread at once (the Vector API's
 * preferred width when the module is present, else scalar {@link Math#fma}), enough chains to
 * cover the instruction's latency on current cores, so the rate is the FMA units' throughput.
 * One measurement runs about {@value #TARGET_SECONDS} s.
 */
public final class FmaPeak implements AutoCloseable {

    /** Independent accumulation chains per thread. */
    static final int CHAINS = 12;

    /** The length of one measurement, in seconds. */
    static final double TARGET_SECONDS = 0.05;

    private final int threads;
    private final ExecutorService pool;
    private final boolean vector;
    private long iterations = 1 << 12;
    private double sink;

    public FmaPeak(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: must be ≥ 1, got " + threads);
        }
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sparker-fma-peak");
            t.setDaemon(true);
            return t;
        });
        this.vector = StreamRead.method().equals("vector");
    }

    /**
     * The least time the chains run before the first measurement in this JVM: they start
     * interpreted (every vector boxed, thousands of times slower) and a measurement taken then
     * reads a peak near zero. After it they run on until they reach {@link #COMPILED_RATE} per
     * thread and two timed runs agree within 3%, for at most {@value #WARM_UP_LIMIT_SECONDS} s:
     * on a loaded machine the JIT's compiler threads wait for a core too, and half a second did
     * not suffice with two other jobs on the 2-core EPYC (a first measurement at a tenth of the
     * second). A rate that merely stops rising is not enough: the code passes through a plateau
     * at the first tier, where Vector API operations are not yet intrinsics.
     */
    static final double WARM_UP_SECONDS = 0.5;
    /** The longest the chains warm up. */
    static final double WARM_UP_LIMIT_SECONDS = 10;
    /**
     * Double FMAs per second per thread that only compiled chains reach: a 128-bit vector core at
     * 1 GHz does 2·10⁹, interpreted or first-tier vector code stays below 10⁸. The scalar loop
     * (no vector module), one lane per instruction, counts as warm at a tenth of it.
     */
    static final double COMPILED_RATE = 1e9;

    private static volatile boolean warm;

    /** Double-precision FMAs per second of all the threads together, the best of three runs. */
    public double fmasPerSecond() {
        if (!warm) {
            long start = System.nanoTime();
            long end = start + (long) (WARM_UP_SECONDS * 1e9);
            long limit = start + (long) (WARM_UP_LIMIT_SECONDS * 1e9);
            double compiled = vector ? COMPILED_RATE : COMPILED_RATE / 10;
            double previous = 0;
            while (true) {
                double s = run(iterations);
                long now = System.nanoTime();
                if (now >= limit) {
                    break;
                }
                if (s < TARGET_SECONDS / 10 && iterations <= (1L << 40)) {
                    iterations *= 2;   // too short to time; compiled code shortens the runs
                    continue;
                }
                double rate = iterations * CHAINS * lanes() / s;
                if (now >= end && rate >= compiled && previous > 0 && rate <= 1.03 * previous) {
                    break;
                }
                previous = rate;
            }
            warm = true;
        }
        // grow the run until it lasts about TARGET_SECONDS, so a measurement is not a start-up cost
        while (true) {
            double s = run(iterations);
            if (s >= TARGET_SECONDS / 2 || iterations > (1L << 40)) {
                break;
            }
            iterations *= 2;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int rep = 0; rep < 3; rep++) {
            best = Math.min(best, run(iterations));
        }
        return (double) threads * iterations * CHAINS * lanes() / best;
    }

    /** Double lanes per FMA: the preferred vector's, or 1 for the scalar loop. */
    public int lanes() {
        return vector ? VectorChains.lanes() : 1;
    }

    /** Seconds for {@code n} iterations on every thread at once. */
    private double run(long n) {
        long t0 = System.nanoTime();
        List<Future<Double>> parts = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            double seed = 1e-3 * (t + 1);
            parts.add(pool.submit(() -> vector ? VectorChains.run(n, seed) : scalar(n, seed)));
        }
        try {
            for (Future<Double> f : parts) {
                sink += f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("FMA peak interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("FMA peak failed: " + e.getCause(), e.getCause());
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Twelve scalar chains {@code c ← c·a + b}. */
    private static double scalar(long n, double seed) {
        double a = 1.0000001;
        double b = 0.9999999;
        double c0 = seed;
        double c1 = seed + 1;
        double c2 = seed + 2;
        double c3 = seed + 3;
        double c4 = seed + 4;
        double c5 = seed + 5;
        double c6 = seed + 6;
        double c7 = seed + 7;
        double c8 = seed + 8;
        double c9 = seed + 9;
        double c10 = seed + 10;
        double c11 = seed + 11;
        for (long i = 0; i < n; i++) {
            c0 = Math.fma(c0, a, b);
            c1 = Math.fma(c1, a, b);
            c2 = Math.fma(c2, a, b);
            c3 = Math.fma(c3, a, b);
            c4 = Math.fma(c4, a, b);
            c5 = Math.fma(c5, a, b);
            c6 = Math.fma(c6, a, b);
            c7 = Math.fma(c7, a, b);
            c8 = Math.fma(c8, a, b);
            c9 = Math.fma(c9, a, b);
            c10 = Math.fma(c10, a, b);
            c11 = Math.fma(c11, a, b);
        }
        return c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11;
    }

    /** Loaded only when the incubator module is present. */
    private static final class VectorChains {
        static int lanes() {
            return jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.length();
        }

        /** Twelve vector chains {@code c ← c·a + b}. */
        static double run(long n, double seed) {
            var s = jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED;
            var a = jdk.incubator.vector.DoubleVector.broadcast(s, 1.0000001);
            var b = jdk.incubator.vector.DoubleVector.broadcast(s, 0.9999999);
            var c0 = jdk.incubator.vector.DoubleVector.broadcast(s, seed);
            var c1 = c0.add(1);
            var c2 = c0.add(2);
            var c3 = c0.add(3);
            var c4 = c0.add(4);
            var c5 = c0.add(5);
            var c6 = c0.add(6);
            var c7 = c0.add(7);
            var c8 = c0.add(8);
            var c9 = c0.add(9);
            var c10 = c0.add(10);
            var c11 = c0.add(11);
            for (long i = 0; i < n; i++) {
                c0 = c0.fma(a, b);
                c1 = c1.fma(a, b);
                c2 = c2.fma(a, b);
                c3 = c3.fma(a, b);
                c4 = c4.fma(a, b);
                c5 = c5.fma(a, b);
                c6 = c6.fma(a, b);
                c7 = c7.fma(a, b);
                c8 = c8.fma(a, b);
                c9 = c9.fma(a, b);
                c10 = c10.fma(a, b);
                c11 = c11.fma(a, b);
            }
            return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                    .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
