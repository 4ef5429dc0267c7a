package org.sparker.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparker.engine.BackendOptions;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.train.TrainerConfig;
import org.sparker.calibration.CalibrationRunner;
import org.sparker.calibration.CalibrationSpec;
import org.sparker.calibration.PoolBootstrap;

/** The Spark runner on local[2]: the same file, line for line, as the single-machine calibration. */
class SparkCalibrationTest {

    private static JavaSparkContext sc;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("sparker-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1"));
    }

    @AfterAll
    static void stop() {
        sc.close();
    }

    private static FloatMatrix pool() {
        SplittableRandom rnd = new SplittableRandom(7);
        float[] x = new float[500 * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        return FloatMatrix.wrap(x, 500, 2);
    }

    @Test
    void sameLinesAsTheSingleMachinePathAndResumes() throws Exception {
        TrainerConfig trainer = TrainerConfig.builder().steps(40).checkpoints(3).build();
        FloatMatrix pool = pool();
        Path single = dir.resolve("single.jsonl");
        CalibrationSpec spec = CalibrationSpec.withEstimatedRange(trainer, PoolBootstrap.forReferenceFile(pool, 40), 3);
        new CalibrationRunner(() -> org.sparker.engine.Backends.get("reference", new BackendOptions(1)), 2)
                .run(spec, 6, single, (d, t, r) -> { });

        // a first, interrupted Spark run: the listener stops it after the first wave of 2
        Path spark = dir.resolve("spark.jsonl");
        AtomicInteger seen = new AtomicInteger();
        try {
            SparkCalibration.run(sc, pool, 40, trainer, 3, 6, spark, "reference", 2, (d, t, r) -> {
                if (seen.incrementAndGet() == 2) {
                    throw new IllegalStateException("driver killed");
                }
            });
        } catch (IllegalStateException e) {
            assertThat(e).hasMessage("driver killed");
        }
        assertThat(Files.readAllLines(spark)).hasSizeGreaterThanOrEqualTo(2); // header and the toys that arrived
        int before = Files.readAllLines(spark).size() - 1;
        // resumed: only the missing toys run
        AtomicInteger resumed = new AtomicInteger();
        var cal = SparkCalibration.run(sc, pool, 40, trainer, 3, 6, spark, "reference", 2,
                (d, t, r) -> resumed.incrementAndGet());
        assertThat(resumed.get()).isEqualTo(6 - before);
        assertThat(cal.toys()).isEqualTo(6);
        assertThat(Files.readAllBytes(spark)).isEqualTo(Files.readAllBytes(single));
    }
}
