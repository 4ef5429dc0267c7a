package org.sparker.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.sparker.calibration.CalibrationRunner;
import org.sparker.calibration.CalibrationSpec;
import org.sparker.calibration.PoolBootstrap;
import org.sparker.calibration.ToyExecutor;
import org.sparker.calibration.ToyResult;
import org.sparker.engine.BackendOptions;
import org.sparker.engine.Backends;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.train.TrainerConfig;

/**
 * Calibration toys as Spark tasks: the {@link ToyExecutor} that the application's calibrate
 * workflow ({@code Workflows.calibrate}) plugs into its one resumable loop, so the file is the one
 * {@code sparker calibrate} writes, toy for toy, with the same inputs and options. The toys' pool
 * travels once per executor (a broadcast); each task rebuilds the calibration's settings from it
 * and trains one toy on a single-threaded backend of the executor's JVM (SIMD where the JVM has
 * the Vector API, the reference otherwise). Toys reach the calibration file as each wave of tasks
 * completes, so a driver killed midway resumes without training them again.
 */
public final class SparkCalibration implements ToyExecutor {

    private final JavaSparkContext sc;
    private final String backend;
    private final int wave;

    /**
     * @param backend backend name for the executors ({@code auto}, {@code simd}, {@code reference})
     * @param wave toys per Spark job (≥ 1): the granularity at which finished toys reach the file
     */
    public SparkCalibration(JavaSparkContext sc, String backend, int wave) {
        if (wave < 1) {
            throw new IllegalArgumentException("--wave: must be ≥ 1, got " + wave);
        }
        this.sc = sc;
        this.backend = backend;
        this.wave = wave;
    }

    @Override
    public String backend() {
        try (KernelBackend probe = Backends.get(backend, new BackendOptions(1))) {
            return probe.name();
        }
    }

    @Override
    public void run(CalibrationSpec spec, List<Integer> pending, Sink sink) throws IOException {
        if (!(spec.source() instanceof PoolBootstrap source)) {
            throw new IllegalArgumentException("the Spark runner calibrates toys drawn from a pool (a reference file)");
        }
        TrainerConfig trainer = spec.trainer(); // its width range fixed on the driver: what every task uses
        String recorded = backend();
        FloatMatrix pool = source.pool();
        Broadcast<float[]> data = sc.broadcast(pool.data());
        Task task = new Task(pool.rows(), pool.cols(), source.referenceSize(), source.dataSize(),
                source.referenceWeight(), source.units(), trainer, spec.seed(), backend);
        try {
            for (int start = 0; start < pending.size(); start += wave) {
                List<Integer> batch = pending.subList(start, Math.min(pending.size(), start + wave));
                List<Task.Done> results = sc.parallelize(new ArrayList<>(batch), batch.size())
                        .map(k -> task.run(data.value(), k)).collect();
                for (Task.Done r : results) {
                    if (!r.backend().equals(recorded)) {
                        System.getLogger(SparkCalibration.class.getName()).log(System.Logger.Level.WARNING,
                                "toy {0} ran on backend {1}, the file records {2}: its numbers may differ in the last "
                                        + "digits from a {2} run", r.toy().toy(), r.backend(), recorded);
                    }
                    sink.accept(r.toy());
                }
            }
        } finally {
            data.destroy();
        }
    }

    /** What runs on an executor: the calibration's settings without the pool, which comes as a broadcast. */
    record Task(int rows, int cols, int referenceSize, int dataSize, double referenceWeight,
            org.sparker.calibration.ToyUnits units, TrainerConfig trainer, long seed, String backend)
            implements java.io.Serializable {

        /** A finished toy and the backend that trained it. */
        record Done(ToyResult toy, String backend) implements java.io.Serializable {
        }

        Done run(float[] data, int k) {
            PoolBootstrap source = new PoolBootstrap(FloatMatrix.wrap(data, rows, cols), referenceSize, dataSize,
                    referenceWeight, units);
            CalibrationSpec spec = new CalibrationSpec(trainer, source, seed);
            try (KernelBackend b = Backends.get(backend, new BackendOptions(1))) {
                return new Done(CalibrationRunner.runToy(spec, k, b), b.name());
            }
        }
    }
}
