package org.sparker.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.sparker.baselines.Method;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.Standardization;
import org.sparker.engine.TrainingSamples;
import org.sparker.stats.Calibration;
import org.sparker.stats.CalibrationSpec;
import org.sparker.stats.PoolBootstrap;
import org.sparker.stats.ReferenceSplit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The full Algorithm 1 on the user's data. Calibration toys are disjoint random subsets of the
 * reference (or of {@code --pool}): a pseudo-reference of {@code N_R*} and a pseudo-data sample of
 * {@code N_D} points. Without a pool, {@code N_R* = N_R − N_D} and the real test uses a random
 * {@code N_R*} of the reference, so that toys and test match in both sizes and in {@code w_R}.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Test whether DATA deviates from REFERENCE: calibrate, train, p-value, report. "
                + "--method kernel-np or mmd-fuse runs a baseline instead (result.json only).")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--reference", required = true, paramLabel = "R", description = "Anomaly-free reference sample (.npy or .csv).")
    Path reference;

    @Option(names = "--data", required = true, paramLabel = "D", description = "Data sample to test (.npy or .csv).")
    Path data;

    @Option(names = "--pool", paramLabel = "P", description = "Separate anomaly-free pool for calibration toys (default: the reference itself).")
    Path pool;

    @ArgGroup(exclusive = false)
    CalibrationChoice calibration = new CalibrationChoice();

    static final class CalibrationChoice {
        @Option(names = "--calibration", paramLabel = "FILE", description = "Calibration file to use, resume or extend (default: OUT/calibration.jsonl).")
        Path file;

        @Option(names = "--toys", paramLabel = "K", description = "Calibration toys (default: 100, or all in --calibration when it holds more; an interrupted run resumes).")
        Integer toys;
    }

    @Option(names = "--method", paramLabel = "M", defaultValue = "sparker",
            description = "sparker, kernel-np (kernel Neyman–Pearson test, min-p over widths) or mmd-fuse "
                    + "(Nyström MMD-FUSE, permutation p-value) (default: ${DEFAULT-VALUE}).")
    String methodName;

    @Option(names = "--target-z", paramLabel = "Z",
            description = "Calibrate adaptively: start with --toys (or the default), and while the observed statistic is "
                    + "beyond every toy and the toys cannot yet resolve Z, add toys (×4, resuming the file) up to the "
                    + "1/p(Z) − 1 that Z needs. Prints that number first.")
    Double targetZ;

    @Option(names = "--checkpoint", paramLabel = "best|last|N", defaultValue = "best",
            description = "The checkpoint whose model goes to model.json and the report: best (the most significant), "
                    + "last, or its number from 1 (default: ${DEFAULT-VALUE}).")
    String checkpoint;

    @Option(names = "--map", paramLabel = "MAP",
            description = "Apply a coordinate map to every value first: identity, affine:A:B, phi, tanh (tanh(x+2)), "
                    + "exp-neg (e^-x), composed with >; recorded in model.json, so score and eval apply it too.")
    String map;

    @Option(names = "--standardize", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Put every coordinate on the reference's scale first (mean 0, standard deviation 1), "
                    + "so that columns in different units weigh alike; recorded in model.json. The default; "
                    + "--no-standardize trains in the input's units (docs/reproduction.md, \"Real data\").")
    boolean standardize;

    @Mixin
    TrainingOptions training;

    @Mixin
    BaselineOptions baselines;

    @Mixin
    EngineOptions engine;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder: result.json, model.json, report.html.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Method method = BaselineOptions.method(methodName);
        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put("--reference", reference);
        inputs.put("--data", data);
        inputs.put("--pool", pool);
        OutputGuard.checkFolder("--out", out, inputs);
        Pipeline.checkpointIndex(checkpoint, training.config().checkpoints()); // fails before any work
        Path calibrationPath = calibration.file != null ? calibration.file : out.resolve("calibration.jsonl");
        OutputGuard.check("--calibration", calibrationPath, null, inputs); // its own format is checked when opened
        FloatMatrix ref = DataFiles.read(reference);
        FloatMatrix d = DataFiles.read(data);
        if (ref.cols() != d.cols()) {
            throw new UserError("dimension mismatch: " + reference + " has " + ref.cols() + " columns but " + data
                    + " has " + d.cols());
        }
        FloatMatrix nominal = pool == null ? ref : DataFiles.read(pool);
        if (nominal.cols() != d.cols()) {
            throw new UserError("dimension mismatch: " + pool + " has " + nominal.cols() + " columns but " + data
                    + " has " + d.cols());
        }
        org.sparker.stats.coords.CoordinateMap coords = parseMap(map);
        if (coords != null) {
            try {
                ref = coords.apply(ref, reference.toString());
                d = coords.apply(d, data.toString());
                nominal = pool == null ? ref : coords.apply(nominal, pool.toString());
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }
        Standardization units = null;
        if (standardize) {
            units = Standardization.of(ref);
            ref = units.apply(ref);
            d = units.apply(d);
            nominal = pool == null ? ref : units.apply(nominal);
        }
        if (method == Method.MMD_FUSE) {
            // a permutation test: no calibration toys, the whole reference is used
            return writeBaseline(BaselineRuns.mmdFuse(engine, baselines, TrainingSamples.of(ref, d)));
        }
        int nData = d.rows();
        PoolBootstrap source;
        TrainingSamples observed;
        try {
            if (pool == null) {
                ReferenceSplit split = ReferenceSplit.of(ref, d, engine.seed);
                source = split.source();
                observed = split.observed();
            } else {
                source = new PoolBootstrap(nominal, ref.rows(), nData, (double) nData / ref.rows());
                observed = TrainingSamples.of(ref, d, source.referenceWeight());
            }
        } catch (IllegalArgumentException e) {
            throw new UserError((pool == null ? reference : pool) + ": " + e.getMessage()
                    + (pool == null ? " (the reference must be larger than the data: it also supplies the calibration toys)" : ""));
        }
        Path file = calibrationPath;
        int toys = calibration.toys != null ? calibration.toys : existingToys(file, DEFAULT_TOYS);
        if (method == Method.KERNEL_NP) {
            return writeBaseline(BaselineRuns.kernelNp(engine, baselines, source, observed, toys, file));
        }
        CalibrationSpec cspec = CalibrationSpec.withEstimatedRange(training.config(), source, engine.seed);
        int needed = targetZ == null ? toys : toysFor(targetZ);
        if (targetZ != null) {
            spec.commandLine().getOut().printf(java.util.Locale.ROOT,
                    "Z = %.2f (one-sided p = %.3g) needs at least %d calibration toys; starting with %d%n", targetZ,
                    1 - org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1).cumulativeProbability(targetZ),
                    needed, Math.min(toys, needed));
            toys = Math.max(2, Math.min(toys, needed));
        }
        Calibration cal = Pipeline.calibrate(engine, cspec, toys, file);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("reference_file", reference.toString());
        extra.put("data_file", data.toString());
        extra.put("calibration_file", file.toString());
        extra.put("standardized", standardize);
        extra.put("map", coords == null ? null : coords.name());
        if (targetZ != null) {
            extra.put("target_z", targetZ);
            extra.put("toys_for_target_z", needed);
        }
        var outcome = Pipeline.test(engine, cspec, cal, observed, out, data.getFileName() + " vs " + reference.getFileName(),
                extra, units, coords, checkpoint);
        while (targetZ != null && outcome.result().global().upperLimit() && outcome.result().global().z() < targetZ
                && toys < needed) {
            // beyond every toy, and the toys cannot yet say whether it reaches Z: more toys (the file resumes)
            toys = (int) Math.min(needed, 4L * toys);
            spec.commandLine().getOut().printf("beyond all %d toys (Z ≥ %.2f): extending the calibration to %d%n",
                    outcome.result().global().toys(), outcome.result().global().z(), toys);
            cal = Pipeline.calibrate(engine, cspec, toys, file);
            outcome = Pipeline.test(engine, cspec, cal, observed, out, data.getFileName() + " vs " + reference.getFileName(),
                    extra, units, coords, checkpoint);
        }
        spec.commandLine().getOut().println(Pipeline.summary(outcome));
        spec.commandLine().getOut().println("report: " + out.resolve("report.html"));
        return 0;
    }

    /** Writes a baseline's result.json and its summary line. */
    private int writeBaseline(Map<String, Object> json) {
        json.put("reference_file", reference.toString());
        json.put("data_file", data.toString());
        OutputFiles.writeJson(out.resolve("result.json"), json);
        spec.commandLine().getOut().println(BaselineRuns.summary(json));
        spec.commandLine().getOut().println("result: " + out.resolve("result.json"));
        return 0;
    }

    /** Calibration toys when --toys is not given. */
    static final int DEFAULT_TOYS = 100;

    /**
     * Without --toys: the toys an existing calibration file is meant to hold (a file made by
     * {@code calibrate --toys K} is reused whole, and the same command rerun after an
     * interruption resumes its file to the number it was asked for), or the default for a new
     * one.
     */
    static int existingToys(Path file, int fallback) {
        if (!Files.exists(file)) {
            return fallback;
        }
        try {
            var existing = org.sparker.stats.CalibrationFile.read(file);
            int target = existing.targetToys();
            return Math.max(2, target > 0 ? Math.max(target, existing.toys().size()) : fallback);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new UserError(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** The parsed {@code --map}, or {@code null}. */
    static org.sparker.stats.coords.CoordinateMap parseMap(String spec) {
        if (spec == null) {
            return null;
        }
        try {
            return org.sparker.stats.coords.CoordinateMap.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new UserError("--" + e.getMessage());
        }
    }

    /** The fewest toys whose smallest p-value, 1/(K + 1), reaches the one-sided p of {@code z}. */
    static int toysFor(double z) {
        if (!(z > 0) || z > 8) {
            throw new UserError("--target-z must be in (0, 8], got " + z);
        }
        double p = 1 - org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1).cumulativeProbability(z);
        double k = Math.ceil(1 / p - 1);
        if (k > Integer.MAX_VALUE - 1) {
            throw new UserError("--target-z " + z + " needs " + String.format("%.3g", k) + " toys, more than one file holds");
        }
        return (int) Math.max(2, k);
    }
}
