package org.sparker.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.sparker.engine.BackendOptions;
import org.sparker.engine.Backends;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.train.TrainerConfig;
import org.sparker.stats.Calibration;
import org.sparker.calibration.CalibrationFile;
import org.sparker.calibration.CalibrationListener;
import org.sparker.calibration.CalibrationRunner;
import org.sparker.calibration.CalibrationSpec;
import org.sparker.calibration.PoolBootstrap;
import org.sparker.calibration.ToyResult;

/**
 * A SparKer calibration with its toys as Spark tasks: the calibration {@code sparker calibrate}
 * makes, toy for toy, on a cluster. The anomaly-free pool travels once per executor (a
 * broadcast); each task rebuilds the calibration's settings from it and trains one toy on a
 * single-threaded backend of the executor's JVM (SIMD where the JVM has the Vector API, the
 * reference otherwise); finished toys are appended to the calibration file as each wave of
 * tasks completes, so a driver killed midway resumes without training them again. With the same
 * backend the file is the one a single machine writes.
 */
public final class SparkCalibration {

    private SparkCalibration() {
    }

    /**
     * Makes sure {@code file} holds toys {@code 0 … toys−1} of the calibration of
     * {@code pool} (the test's reference file) for data samples of {@code dataSize} points.
     *
     * @param trainer the training settings (the width range is estimated here, as calibrate does)
     * @param backend backend name for the executors ({@code auto}, {@code simd}, {@code reference})
     * @param wave toys per Spark job (≥ 1): the granularity at which finished toys reach the file
     */
    public static Calibration run(JavaSparkContext sc, FloatMatrix pool, int dataSize, TrainerConfig trainer, long seed,
            int toys, Path file, String backend, int wave, CalibrationListener listener) throws IOException {
        if (wave < 1) {
            throw new IllegalArgumentException("wave: must be ≥ 1, got " + wave);
        }
        PoolBootstrap source = PoolBootstrap.forReferenceFile(pool, dataSize);
        CalibrationSpec spec = CalibrationSpec.withEstimatedRange(trainer, source, seed);
        TrainerConfig fixed = spec.trainer(); // the width range now fixed: what every task uses
        String backendName;
        try (KernelBackend probe = Backends.get(backend, new BackendOptions(1))) {
            backendName = probe.name();
        }
        Broadcast<float[]> data = sc.broadcast(pool.data());
        int rows = pool.rows();
        int cols = pool.cols();
        try (CalibrationFile out = CalibrationFile.open(file, spec, backendName, toys)) {
            Map<Integer, ToyResult> have = out.toys();
            List<Integer> pending = new ArrayList<>();
            for (int k = 0; k < toys; k++) {
                if (!have.containsKey(k)) {
                    pending.add(k);
                }
            }
            int done = toys - pending.size();
            for (int start = 0; start < pending.size(); start += wave) {
                List<Integer> batch = pending.subList(start, Math.min(pending.size(), start + wave));
                List<Task.Done> results = sc.parallelize(new ArrayList<>(batch), batch.size())
                        .map(k -> Task.run(data.value(), rows, cols, dataSize, fixed, seed, backend, k)).collect();
                for (Task.Done r : results) {
                    if (!r.backend().equals(backendName)) {
                        System.getLogger(SparkCalibration.class.getName()).log(System.Logger.Level.WARNING,
                                "toy {0} ran on backend {1}, the file records {2}: its numbers may differ in the last "
                                        + "digits from a {2} run", r.toy().toy(), r.backend(), backendName);
                    }
                    out.append(r.toy());
                    listener.onToy(++done, toys, r.toy());
                }
            }
            out.canonicalize();
            return out.calibration(toys);
        } finally {
            data.destroy();
        }
    }

    /** What runs on an executor. */
    static final class Task {

        /** A finished toy and the backend that trained it. */
        record Done(ToyResult toy, String backend) implements java.io.Serializable {
        }

        private Task() {
        }

        static Done run(float[] data, int rows, int cols, int dataSize, TrainerConfig trainer, long seed, String backend,
                int k) {
            FloatMatrix pool = FloatMatrix.wrap(data, rows, cols);
            CalibrationSpec spec = new CalibrationSpec(trainer, PoolBootstrap.forReferenceFile(pool, dataSize), seed);
            try (KernelBackend b = Backends.get(backend, new BackendOptions(1))) {
                return new Done(CalibrationRunner.runToy(spec, k, b), b.name());
            }
        }
    }
}
