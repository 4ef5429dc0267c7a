package org.sparker.spark;

import java.nio.file.Path;
import java.util.Locale;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.sparker.app.CalibrateRequest;
import org.sparker.app.Engine;
import org.sparker.app.Reporter;
import org.sparker.app.UserError;
import org.sparker.app.Workflows;
import org.sparker.app.preprocess.Preprocessing;
import org.sparker.engine.train.TrainerConfig;

/**
 * {@code sparker calibrate} on Apache Spark: the same workflow, inputs, preprocessing and file,
 * with the toys as Spark tasks. Without a master (none on the command line and no
 * {@code spark.master} from {@code spark-submit}) it runs embedded on {@code local[*]}; under
 * {@code spark-submit --master spark://… | yarn | k8s://…} the toys spread over the cluster.
 *
 * <pre>
 *   SparkCalibrate --reference R.npy --data-size 2000 --toys 1000 --seed 1 --out cal.jsonl
 *                  [--pool P] [--map MAP] [--pca K] [--no-standardize] [--steps T] [--kernels M] [--checkpoints m]
 *                  [--backend auto] [--wave K] [--master local[2]]
 * </pre>
 */
public final class SparkCalibrate {

    private static final String USAGE = "SparkCalibrate --reference R --data-size N_D --toys K --seed S --out FILE "
            + "[--pool P] [--map MAP] [--pca K] [--no-standardize] [--steps T] [--kernels M] [--checkpoints m] [--backend NAME] "
            + "[--wave K] [--master URL]";

    private SparkCalibrate() {
    }

    public static void main(String[] args) {
        Path reference = null;
        Path pool = null;
        Path out = null;
        Integer dataSize = null;
        int toys = Workflows.DEFAULT_TOYS;
        long seed = 1;
        String backend = "auto";
        String master = null;
        String map = null;
        Integer pca = null;
        boolean standardize = true;
        Integer wave = null;
        TrainerConfig.Builder training = TrainerConfig.builder();
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--help")) {
                    System.out.println(USAGE);
                    return;
                }
                if (a.equals("--no-standardize")) {
                    standardize = false;
                    continue;
                }
                if (i + 1 >= args.length) {
                    fail(a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--reference" -> reference = Path.of(v);
                    case "--pool" -> pool = Path.of(v);
                    case "--out" -> out = Path.of(v);
                    case "--data-size" -> dataSize = Integer.parseInt(v);
                    case "--toys" -> toys = Integer.parseInt(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--backend" -> backend = v;
                    case "--master" -> master = v;
                    case "--map" -> map = v;
                    case "--pca" -> pca = Integer.parseInt(v);
                    case "--wave" -> wave = Integer.parseInt(v);
                    case "--steps" -> training.steps(Integer.parseInt(v));
                    case "--kernels" -> training.kernels(Integer.parseInt(v));
                    case "--checkpoints" -> training.checkpoints(Integer.parseInt(v));
                    default -> fail("unknown option " + a + "; " + USAGE);
                }
            }
        } catch (NumberFormatException e) {
            fail("not a whole number: " + e.getMessage());
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
        long started = System.nanoTime();
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            int k = wave != null ? wave : Math.max(1, 2 * sc.defaultParallelism());
            String name = backend;
            Workflows.Calibrated c = Workflows.calibrate(new CalibrateRequest(reference, pool, dataSize, toys, 0, 1,
                    Preprocessing.of(map, pca, standardize), training.build(), out,
                    new Engine(backend, 0, seed, progress())), spec -> new SparkCalibration(sc, name, k));
            System.out.printf(Locale.ROOT, "%s: %d toys in %.1f s on %s%n", out, c.shardToys(),
                    (System.nanoTime() - started) / 1e9, sc.master());
        } catch (UserError e) {
            System.err.println("SparkCalibrate: " + e.getMessage());
            System.exit(1);
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
        }
    }

    /** One line on stderr per finished toy. */
    private static Reporter progress() {
        return Reporter.of((task, done, total) -> System.err.printf(Locale.ROOT, "toy %d/%d%n", done, total));
    }

    private static void fail(String message) {
        System.err.println("SparkCalibrate: " + message);
        System.exit(2);
    }
}
