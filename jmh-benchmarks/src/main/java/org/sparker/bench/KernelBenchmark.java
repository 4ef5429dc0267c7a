package org.sparker.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
import org.sparker.engine.ForwardResult;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.KernelModel;
import org.sparker.engine.Loss;
import org.sparker.engine.LossGradient;
import org.sparker.engine.PreparedSamples;
import org.sparker.engine.TrainingSamples;

/**
 * The engine's three operations per backend and shape: squared distances, the forward pass and
 * the fused NP loss + gradient step (one training step without the optimiser). Shapes include
 * awkward sizes and the paper's Table VII workloads with {@code M = 5}; the reference:data split
 * is 10:1. Backends differ only in the {@code backend} parameter; every fork passes
 * {@code --add-modules jdk.incubator.vector}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx12g"})
public class KernelBenchmark {

    /**
     * {@code NxdxM} (JMH splits {@code -p} values at commas): awkward sizes, then Table VII
     * (gravitational waves, jets, butterflies, Dante, ImageNet, CIFAR).
     */
    @Param({"4099x7x5", "207x129x33", "24000x4x5", "60000x128x5", "1100x1000x5", "15000x384x5", "11000x1000x5",
        "110000x1000x5"})
    public String shape;

    @Param({"reference", "simd"})
    public String backend;

    private KernelBackend engine;
    private PreparedSamples prepared;
    private KernelModel model;
    private FloatMatrix scoringBatch;
    private LossGradient gradient;
    private ForwardResult forward;
    private double[] distances;

    @Setup(Level.Trial)
    public void setUp() {
        String[] p = shape.split("x");
        int n = Integer.parseInt(p[0]);
        int d = Integer.parseInt(p[1]);
        int m = Integer.parseInt(p[2]);
        SplittableRandom rng = new SplittableRandom(42);
        int nData = Math.max(1, n / 11);
        int nRef = Math.max(1, n - nData);
        FloatMatrix ref = gaussian(rng, nRef, d);
        FloatMatrix data = gaussian(rng, nData, d);
        double[] centers = new double[m * d];
        double[] amplitudes = new double[m];
        for (int i = 0; i < m; i++) {
            int row = rng.nextInt(nRef);
            for (int k = 0; k < d; k++) {
                centers[i * d + k] = ref.get(row, k);
            }
            amplitudes[i] = rng.nextDouble() * 2 - 1;
        }
        model = KernelModel.of(centers, d, amplitudes, Math.sqrt(d), true);
        engine = Backends.get(backend, BackendOptions.defaults());
        prepared = engine.prepare(TrainingSamples.of(ref, data));
        gradient = LossGradient.allocate(m, d);
        scoringBatch = data;
        forward = ForwardResult.allocate(data.rows(), m);
        distances = new double[data.rows() * m];
    }

    private static FloatMatrix gaussian(SplittableRandom rng, int n, int d) {
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return FloatMatrix.wrap(x, n, d);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        prepared.close();
        engine.close();
    }

    /** One fused pass over R ∪ D: loss, t and both gradients. */
    @Benchmark
    public double lossAndGradient() {
        engine.lossAndGradient(prepared, model, Loss.NP, gradient);
        return gradient.loss();
    }

    /** f, score, softmax weights and components of the data sample. */
    @Benchmark
    public void forward(Blackhole bh) {
        engine.forward(scoringBatch, model, forward);
        bh.consume(forward.logRatio());
    }

    /** The N_D × M squared distances of the data sample. */
    @Benchmark
    public void squaredDistances(Blackhole bh) {
        engine.squaredDistances(scoringBatch, model, distances);
        bh.consume(distances);
    }
}
