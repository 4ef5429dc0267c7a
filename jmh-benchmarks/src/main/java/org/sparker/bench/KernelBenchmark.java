package org.sparker.bench;

import org.sparker.app.bench.Shape;
import org.sparker.app.bench.Table7;
import org.sparker.app.bench.Workload;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
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
import org.sparker.engine.ModelState;
import org.sparker.engine.train.TrainerConfig;
import org.sparker.engine.train.TrainingStep;

/**
 * The engine's operations per backend and shape: squared distances, the forward pass, the
 * fused NP loss + gradient pass, and the whole training step (the pass plus the optimiser, the
 * code {@code sparker bench} times). Shapes include awkward sizes and the paper's Table VII
 * workloads ({@link Table7}) with {@code M = 5}; inputs come from {@link Workload} (the
 * reference:data split is 10:1). Backends differ only in the {@code backend} parameter; every fork passes
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
    private TrainingStep step;
    private Shape traffic;
    private int steps;

    /**
     * Memory traffic and arithmetic of the training step, as JMH rates: {@code pointBytes} per
     * second is the bandwidth the step achieves on the point data, {@code flops} per second its
     * arithmetic rate (docs/benchmarks.md explains the counts: {@link Shape#pointBytes()},
     * {@link Shape#flopsPerPoint()}).
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Traffic {
        public double pointBytes;
        public double flops;
    }

    @Setup(Level.Trial)
    public void setUp() {
        Workload w = Workload.of(Shape.parse(shape));
        model = w.model();
        engine = Backends.get(backend, BackendOptions.defaults());
        prepared = engine.prepare(w.samples());
        gradient = LossGradient.allocate(model.kernels(), model.dimension());
        scoringBatch = w.samples().data();
        forward = ForwardResult.allocate(scoringBatch.rows(), model.kernels());
        distances = new double[scoringBatch.rows() * model.kernels()];
        TrainerConfig config = TrainerConfig.builder().kernels(model.kernels()).learningRate(1e-3).build();
        step = new TrainingStep(engine, prepared, ModelState.copyOf(model), config);
        traffic = w.shape();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        prepared.close();
        engine.close();
    }

    /**
     * One training step exactly as the trainer runs it ({@link TrainingStep}: the fused pass,
     * the Adam update, the clip), with its memory traffic and arithmetic counted.
     */
    @Benchmark
    public double trainingStep(Traffic counters) {
        step.run(++steps, model.width());
        counters.pointBytes += traffic.pointBytes();
        counters.flops += (double) traffic.flopsPerPoint() * traffic.points();
        return step.gradient().loss();
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
