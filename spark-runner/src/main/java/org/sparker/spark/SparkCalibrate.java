package org.sparker.spark;

import java.nio.file.Path;
import java.util.Locale;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.sparker.app.io.Inputs;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.train.TrainerConfig;
import org.sparker.stats.Calibration;

/**
 * {@code sparker calibrate} on Apache Spark. Without a master (none on the command line and no
 * {@code spark.master} from {@code spark-submit}) it runs embedded on {@code local[*]}; under
 * {@code spark-submit --master spark://… | yarn | k8s://…} the toys spread over the cluster.
 *
 * <pre>
 *   SparkCalibrate --reference R.npy --data-size 2000 --toys 1000 --seed 1 --out cal.jsonl
 *                  [--steps T] [--kernels M] [--backend auto] [--wave K] [--master local[2]]
 * </pre>
 */
public final class SparkCalibrate {

    private SparkCalibrate() {
    }

    public static void main(String[] args) throws Exception {
        Path reference = null;
        Path out = null;
        Integer dataSize = null;
        int toys = 100;
        long seed = 1;
        String backend = "auto";
        String master = null;
        Integer wave = null;
        TrainerConfig.Builder training = TrainerConfig.builder();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            if (v == null && !a.equals("--help")) {
                fail(a + " needs a value");
            }
            switch (a) {
                case "--reference" -> reference = Path.of(v);
                case "--out" -> out = Path.of(v);
                case "--data-size" -> dataSize = Integer.parseInt(v);
                case "--toys" -> toys = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--backend" -> backend = v;
                case "--master" -> master = v;
                case "--wave" -> wave = Integer.parseInt(v);
                case "--steps" -> training.steps(Integer.parseInt(v));
                case "--kernels" -> training.kernels(Integer.parseInt(v));
                case "--checkpoints" -> training.checkpoints(Integer.parseInt(v));
                case "--help" -> {
                    System.out.println("SparkCalibrate --reference R --data-size N_D --toys K --seed S --out FILE "
                            + "[--steps T] [--kernels M] [--checkpoints m] [--backend NAME] [--wave K] [--master URL]");
                    return;
                }
                default -> fail("unknown option " + a);
            }
            i++;
        }
        if (reference == null || out == null || dataSize == null) {
            fail("--reference, --data-size and --out are required");
        }
        SparkConf conf = new SparkConf().setAppName("sparker-calibrate").set("spark.ui.enabled", "false");
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        FloatMatrix pool = Inputs.read(reference);
        long started = System.nanoTime();
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            int k = wave != null ? wave : Math.max(1, 2 * sc.defaultParallelism());
            int total = toys;
            Calibration cal = SparkCalibration.run(sc, pool, dataSize, training.build(), seed, toys, out, backend, k,
                    (done, all, r) -> System.err.printf("toy %d/%d%n", done, total));
            System.out.printf(Locale.ROOT, "%s: %d toys in %.1f s on %s%n", out, cal.toys(),
                    (System.nanoTime() - started) / 1e9, sc.master());
        }
    }

    private static void fail(String message) {
        System.err.println("SparkCalibrate: " + message);
        System.exit(2);
    }
}
