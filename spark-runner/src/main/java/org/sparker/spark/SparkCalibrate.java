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
import org.sparker.app.preprocess.Spherical;
import org.sparker.engine.train.TrainerConfig;
import org.sparker.engine.train.TrainerSettings;

/**
 * {@code sparker calibrate} on Apache Spark: the same workflow, inputs, preprocessing and file,
 * with the toys as Spark tasks. Without a master (none on the command line and no
 * {@code spark.master} from {@code spark-submit}) it runs embedded on {@code local[*]}; under
 * {@code spark-submit --master spark://… | yarn | k8s://…} the toys spread over the cluster.
 *
 * <pre>
 *   SparkCalibrate --reference R.npy --data-size 2000 --toys 1000 --seed 1 --out cal.jsonl
 *                  [--pool P] [--map MAP] [--pca K] [--spherical mean|origin] [--no-standardize] [TRAINING OPTIONS]
 *                  [--backend auto] [--wave K] [--master local[2]]
 * </pre>
 *
 * The training options are those of {@code sparker calibrate}, from the one settings table
 * ({@link TrainerSettings}): {@code --steps T}, {@code --kernels M}, {@code --clip C}, … and the
 * flags {@code --no-softmax} and {@code --reseed-duplicates}; a file made here is the file the
 * command makes with the same options.
 */
public final class SparkCalibrate {

    private static final String USAGE = "SparkCalibrate --reference R --data-size N_D --toys K --seed S --out FILE "
            + "[--pool P] [--map MAP] [--pca K] [--spherical mean|origin] [--no-standardize] [--backend NAME] [--wave K] "
            + "[--master URL] "
            + "and the training options of sparker calibrate: "
            + String.join(" ", TrainerSettings.ALL.stream().map(s -> s.option().equals("softmax") ? "[--no-softmax]"
                    : s.option().equals("reseed-duplicates") ? "[--reseed-duplicates]"
                    : "[--" + s.option() + " " + s.label() + "]").toList());

    private SparkCalibrate() {
    }

    /** The command line, parsed: every option's value, the training configuration built. */
    record Arguments(Path reference, Path pool, Path out, int dataSize, int toys, long seed, String backend,
            String master, String map, Integer pca, String spherical, boolean standardize, Integer wave, TrainerConfig training,
            boolean help) {
    }

    /**
     * Parses the command line.
     *
     * @throws IllegalArgumentException one line naming the option and what is wrong with it
     */
    static Arguments parse(String... args) {
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
        String spherical = null;
        boolean standardize = true;
        Integer wave = null;
        TrainerConfig.Builder training = TrainerConfig.builder();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help")) {
                return new Arguments(null, null, null, 0, 0, 0, null, null, null, null, null, true, null, null, true);
            }
            if (a.equals("--no-standardize")) {
                standardize = false;
                continue;
            }
            if (a.equals("--no-softmax") || a.equals("--reseed-duplicates")) {
                TrainerSettings.apply(training, a.equals("--no-softmax") ? "softmax" : "reseed-duplicates",
                        a.equals("--no-softmax") ? "off" : "on");
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[++i];
            try {
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
                    case "--spherical" -> {
                        try {
                            spherical = Spherical.Center.parse(v).spelling();
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException("--" + e.getMessage(), e);
                        }
                    }
                    case "--wave" -> wave = Integer.parseInt(v);
                    default -> {
                        String name = a.startsWith("--") ? a.substring(2) : a;
                        if (TrainerSettings.option(name).isEmpty() || name.equals("softmax")
                                || name.equals("reseed-duplicates")) {
                            throw new IllegalArgumentException("unknown option " + a + "; " + USAGE);
                        }
                        try {
                            TrainerSettings.apply(training, name, v);
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException("--" + e.getMessage(), e);
                        }
                    }
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(a + ": expected a whole number, got '" + v + "'", e);
            }
        }
        if (reference == null || out == null || dataSize == null) {
            throw new IllegalArgumentException("--reference, --data-size and --out are required");
        }
        TrainerConfig config;
        try {
            config = training.build();
        } catch (IllegalArgumentException e) {
            // the cross-option rule: checkpoints within the annealing steps
            throw new IllegalArgumentException("--" + e.getMessage(), e);
        }
        return new Arguments(reference, pool, out, dataSize, toys, seed, backend, master, map, pca, spherical, standardize,
                wave,
                config, false);
    }

    public static void main(String[] args) {
        Arguments a = null;
        try {
            a = parse(args);
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
        }
        if (a.help()) {
            System.out.println(USAGE);
            return;
        }
        SparkConf conf = new SparkConf().setAppName("sparker-calibrate").set("spark.ui.enabled", "false");
        if (a.master() != null) {
            conf.setMaster(a.master());
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        long started = System.nanoTime();
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            int k = a.wave() != null ? a.wave() : Math.max(1, 2 * sc.defaultParallelism());
            String name = a.backend();
            Workflows.Calibrated c = Workflows.calibrate(new CalibrateRequest(a.reference(), a.pool(), a.dataSize(),
                    a.toys(), 0, 1, Preprocessing.of(a.map(), a.pca(), a.spherical(), a.standardize()), a.training(), a.out(),
                    new Engine(a.backend(), 0, a.seed(), progress())), spec -> new SparkCalibration(sc, name, k));
            System.out.printf(Locale.ROOT, "%s: %d toys in %.1f s on %s%n", a.out(), c.shardToys(),
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
