package org.sparker.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.sparker.engine.BackendOptions;
import org.sparker.engine.Backends;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.KernelBackend;
import org.sparker.sampling.Seeds;
import org.sparker.transport.ImageGrid;
import org.sparker.transport.ImageMetrics;
import org.sparker.transport.JetImages;
import org.sparker.transport.LapJv;

/**
 * The optimal-transport workloads of the transport targets (docs/transport.md): one log-domain
 * Sinkhorn iteration (two soft-minimum passes, d = 2) at n = m = 1000 / 1600 / 5000; exact W1
 * between sparse 40×40 jet images; the exact assignment of a RAD-OT batch (B × B squared
 * distances between 5-D events). The streaming read of the Sinkhorn inputs is timed beside them.
 */
public class TransportBenchmark {

    /** One Sinkhorn iteration: f ← softmin_y(g + ε log b), g ← softmin_x(f + ε log a). */
    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
    public static class SinkhornIteration {
        @Param({"1000", "1600", "5000"})
        public int n;

        @Param({"simd", "reference"})
        public String backend;

        private KernelBackend engine;
        private FloatMatrix x;
        private FloatMatrix y;
        private double[] f;
        private double[] g;
        private double[] h;
        private double logW;

        @Setup
        public void setup() {
            engine = Backends.get(backend, BackendOptions.defaults());
            SplittableRandom rnd = new SplittableRandom(1);
            float[] xs = new float[2 * n];
            float[] ys = new float[2 * n];
            for (int i = 0; i < 2 * n; i++) {
                xs[i] = (float) rnd.nextGaussian();
                ys[i] = (float) (rnd.nextGaussian() + 1);
            }
            x = FloatMatrix.wrap(xs, n, 2);
            y = FloatMatrix.wrap(ys, n, 2);
            f = new double[n];
            g = new double[n];
            h = new double[n];
            logW = Math.log(1.0 / n);
        }

        @TearDown
        public void tearDown() {
            engine.close();
        }

        @Benchmark
        public double iteration() {
            double eps = 0.05;
            for (int j = 0; j < n; j++) {
                h[j] = g[j] + eps * logW;
            }
            engine.softmin(x, y, h, eps, 2.0, f);
            for (int i = 0; i < n; i++) {
                h[i] = f[i] + eps * logW;
            }
            engine.softmin(y, x, h, eps, 2.0, g);
            return f[0] + g[0];
        }
    }

    /** Exact W1 between two synthetic jet images (1 and 3 prongs), cycling through a pool of 1000. */
    @State(Scope.Thread)
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    @Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
    public static class JetImageW1 {
        private double[][] images;
        private ImageMetrics w1;
        private int next;

        @Setup
        public void setup() {
            var rng = Seeds.stream(2026);
            images = new double[1000][];
            for (int i = 0; i < images.length; i++) {
                images[i] = JetImages.sample(i % 2 == 0 ? 1 : 3, ImageGrid.JETS, rng);
            }
            w1 = new ImageMetrics(ImageGrid.JETS, 1);
        }

        @Benchmark
        public double pair() {
            int i = next % 1000;
            int j = (next * 7 + 13) % 1000;
            next++;
            return w1.wasserstein(images[i], images[j == i ? (j + 1) % 1000 : j]);
        }
    }

    /**
     * The event-to-ensemble target workload: exact W1 between all 499,500 pairs of 1,000 synthetic jet
     * images (half 1-prong, half 3-prong), as {@code sparker medoids} computes its matrix: sparse
     * images made once, rows over two threads.
     */
    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    @Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
    public static class JetImageAllPairs {
        @Param({"2"})
        public int threads;

        private ImageMetrics.Sparse[] images;

        @Setup
        public void setup() {
            var rng = Seeds.stream(2026);
            ImageMetrics m = new ImageMetrics(ImageGrid.JETS, 1);
            images = new ImageMetrics.Sparse[1000];
            for (int i = 0; i < images.length; i++) {
                images[i] = m.sparse(JetImages.sample(i % 2 == 0 ? 1 : 3, ImageGrid.JETS, rng));
            }
        }

        @Benchmark
        public double[] allPairs() {
            return ImageMetrics.pairwise(ImageGrid.JETS, 1, images, threads, null);
        }
    }

    /** The exact assignment of one RAD-OT batch: B × B squared distances of 5-D Gaussian events. */
    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    @Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
    public static class RadOtAssignment {
        @Param({"1000", "2500", "5000"})
        public int batch;

        private double[] cost;

        @Setup(org.openjdk.jmh.annotations.Level.Iteration)
        public void setup() {
            SplittableRandom rnd = new SplittableRandom(batch);
            int d = 5;
            double[] a = new double[batch * d];
            double[] b = new double[batch * d];
            for (int i = 0; i < a.length; i++) {
                a[i] = rnd.nextGaussian();
                b[i] = 0.5 + 1.2 * rnd.nextGaussian();
            }
            cost = new double[batch * batch];
            for (int i = 0; i < batch; i++) {
                for (int j = 0; j < batch; j++) {
                    double s = 0;
                    for (int k = 0; k < d; k++) {
                        double diff = a[i * d + k] - b[j * d + k];
                        s += diff * diff;
                    }
                    cost[i * batch + j] = s;
                }
            }
        }

        @Benchmark
        public void assignment(Blackhole bh) {
            bh.consume(LapJv.solve(cost, batch));
        }
    }
}
