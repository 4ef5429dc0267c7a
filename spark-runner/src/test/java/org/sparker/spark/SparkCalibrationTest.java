package org.sparker.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
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
import org.sparker.app.CalibrateRequest;
import org.sparker.app.Engine;
import org.sparker.app.Reporter;
import org.sparker.app.Workflows;
import org.sparker.app.preprocess.Preprocessing;
import org.sparker.engine.train.TrainerConfig;

/** The Spark runner on local[2]: the file of the single-machine calibrate workflow, byte for byte, resumed after a kill. */
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

    /** A 500 × 2 Gaussian reference as CSV (floats printed exactly). */
    private Path reference() throws IOException {
        SplittableRandom rnd = new SplittableRandom(7);
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            csv.append((float) (3 * rnd.nextGaussian())).append(',').append((float) rnd.nextGaussian()).append('\n');
        }
        Path f = dir.resolve("reference.csv");
        Files.writeString(f, csv);
        return f;
    }

    private static CalibrateRequest request(Path reference, Path out, Reporter reporter) {
        return new CalibrateRequest(reference, null, 40, 6, 0, 1, Preprocessing.defaults(),
                TrainerConfig.builder().steps(40).checkpoints(3).build(), out, new Engine("reference", 2, 3, reporter));
    }

    /** Stops the run after its {@code after}-th toy, as a killed driver would. */
    private static Reporter killAfter(int after) {
        return Reporter.of((task, done, total) -> {
            if (done == after) {
                throw new IllegalStateException("driver killed");
            }
        });
    }

    @Test
    void sameBytesAsTheSingleMachineWorkflowAndResumes() throws Exception {
        Path reference = reference();
        Path single = dir.resolve("single.jsonl");
        Workflows.calibrate(request(reference, single, Reporter.silent()));

        Path spark = dir.resolve("spark.jsonl");
        assertThatThrownBy(() -> Workflows.calibrate(request(reference, spark, killAfter(2)),
                spec -> new SparkCalibration(sc, "reference", 2)))
                .hasMessageContaining("driver killed");
        int kept = Files.readAllLines(spark).size() - 1; // the header, then the toys that reached the file
        assertThat(kept).isEqualTo(2);

        AtomicInteger resumedFrom = new AtomicInteger(-1);
        Reporter watch = Reporter.of((task, done, total) -> resumedFrom.compareAndSet(-1, (int) done));
        Workflows.Calibrated c = Workflows.calibrate(request(reference, spark, watch),
                spec -> new SparkCalibration(sc, "reference", 2));
        assertThat(resumedFrom.get()).as("the first toy of the resumed run is the third").isEqualTo(3);
        assertThat(c.calibration().toys()).isEqualTo(6);
        assertThat(Files.readAllBytes(spark)).isEqualTo(Files.readAllBytes(single));
    }
}
