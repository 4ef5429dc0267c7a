package org.sparker.app;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.sparker.app.io.DataFiles;
import org.sparker.app.io.Json;
import org.sparker.app.io.ModelFiles;
import org.sparker.app.io.OutputFiles;
import org.sparker.app.io.OutputGuard;
import org.sparker.app.io.ResultFiles;
import org.sparker.app.preprocess.Preprocessing;
import org.sparker.baselines.Method;
import org.sparker.calibration.CalibrationFile;
import org.sparker.calibration.CalibrationSpec;
import org.sparker.calibration.PoolBootstrap;
import org.sparker.calibration.ReferenceSplit;
import org.sparker.calibration.ToyExecutor;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.ForwardResult;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.KernelModel;
import org.sparker.engine.Loss;
import org.sparker.engine.LossGradient;
import org.sparker.engine.PreparedSamples;
import org.sparker.engine.TrainingSamples;
import org.sparker.sampling.Seeds;
import org.sparker.sampling.Stream;
import org.sparker.stats.Calibration;
import org.sparker.stats.Aggregation;
import org.sparker.toys.ToySources;

/**
 * The user workflows, each a request record in and a result record out: {@link #run},
 * {@link #calibrate}, {@link #score}, {@link #eval} and {@link #toy}. They read the inputs, check
 * the outputs before any work ({@link OutputGuard}), run Algorithm 1 through {@link SparkerRun}
 * and {@link Calibrations}, and write their files; every problem is a one-line {@link UserError}.
 * The command line and the Spark runner are adapters over these methods.
 */
public final class Workflows {

    /** Calibration toys when none are asked for and no calibration file says how many. */
    public static final int DEFAULT_TOYS = 100;

    /**
     * How SparKer's checkpoint p-values combine into the headline p-value unless the user chooses
     * another rule ({@code --aggregation}, {@code Sparker.Builder.aggregation}), in {@code run},
     * {@code toy}, {@code demo}, {@code check-extrapolation}, the Java API and the Spark runner.
     * Algorithm 1's rule, the paper's: with valid p-values min-p (the default from 2026-12-06 to
     * the fix of the toys' p-values the same day) was never ahead of it and twice behind
     * (docs/design.md §5 gives the evidence).
     */
    public static final Aggregation DEFAULT_AGGREGATION = Aggregation.SPARKER;

    private Workflows() {
    }

    /**
     * What {@link #run} did.
     *
     * @param result the content of result.json: a {@link ResultFiles.Result}, or a baseline's map
     * @param outcome SparKer's trained test, or {@code null} for a baseline
     * @param notes lines for the user before the summary (the toys a target Z needs, each extension)
     * @param summary the one-line result
     * @param written the file that shows the result: report.html, or result.json for a baseline
     */
    public record Ran(Object result, SparkerRun.Outcome outcome, List<String> notes, String summary, Path written) {
    }

    /** {@code sparker run}: Algorithm 1 on the user's files, or a baseline ({@link RunRequest#method}). */
    public static Ran run(RunRequest q) {
        return leavingNoEmptyFolder(q.out(), () -> runInto(q));
    }

    /**
     * {@code work}, and when it fails, the folder {@code out} removed again if this call created it
     * and it is still empty; a folder holding a calibration to resume stays.
     */
    private static <T> T leavingNoEmptyFolder(Path out, java.util.function.Supplier<T> work) {
        boolean existed = Files.exists(out, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        try {
            return work.get();
        } catch (RuntimeException | Error e) {
            if (!existed) {
                try {
                    Files.deleteIfExists(out); // fails, and is left, when not empty
                } catch (java.io.IOException | SecurityException ignored) {
                    // not empty, or not ours to remove: left as it is
                }
            }
            throw e;
        }
    }

    private static Ran runInto(RunRequest q) {
        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put("--reference", q.reference());
        inputs.put("--data", q.data());
        inputs.put("--pool", q.pool());
        OutputGuard.checkFolder("--out", q.out(), SparkerRun.FILES, inputs);
        SparkerRun.checkpointIndex(q.checkpoint(), q.training().checkpoints()); // fails before any work
        Path calibrationPath = q.calibration() != null ? q.calibration() : q.out().resolve("calibration.jsonl");
        OutputGuard.check("--calibration", calibrationPath, OutputGuard.Kind.CALIBRATION, inputs);
        FloatMatrix ref = DataFiles.read(q.reference());
        FloatMatrix d = DataFiles.read(q.data());
        requireSameDimension(q.reference(), ref, q.data(), d);
        FloatMatrix nominal = q.pool() == null ? ref : DataFiles.read(q.pool());
        requireSameDimension(q.pool(), nominal, q.data(), d);
        Engine engine = q.engine();
        if (q.method() == Method.MMD_FUSE) {
            // a permutation test: no calibration toys, the whole reference is used, in units fitted on
            // both samples together so that the permutations stay exchangeable
            Preprocessing.Fitted pooled = q.preprocessing().fitPooled(ref, q.reference().toString(), d, q.data().toString());
            return baseline(q, BaselineRuns.mmdFuse(engine, q.baselines(), TrainingSamples.of(
                    pooled.apply(ref, q.reference().toString()), pooled.apply(d, q.data().toString())), q.reference(),
                    q.data()));
        }
        Preprocessing.Prepared prepared;
        try {
            prepared = q.preprocessing().prepare(ref, q.reference().toString(), d, q.data().toString(),
                    q.pool() == null ? null : nominal, q.pool() == null ? null : q.pool().toString(), engine.seed());
        } catch (UserError e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new UserError((q.pool() == null ? q.reference() : q.pool()) + ": " + e.getMessage()
                    + (q.pool() == null
                            ? " (the reference must be larger than the data: it also supplies the calibration toys)" : ""));
        }
        PoolBootstrap source = prepared.source();
        TrainingSamples observed = prepared.observed();
        Preprocessing.Fitted units = prepared.units();
        requireToys(q.toys(), q.training().checkpoints());
        int toys = q.toys() != null ? q.toys() : existingToys(calibrationPath, DEFAULT_TOYS);
        if (q.method() == Method.KERNEL_NP) {
            return baseline(q, BaselineRuns.kernelNp(engine, q.baselines(), source, observed, toys, calibrationPath,
                    q.reference(), q.data()));
        }
        CalibrationSpec spec = CalibrationSpec.withEstimatedRange(q.training(), source, engine.seed());
        List<String> notes = new ArrayList<>();
        int needed = q.targetZ() == null ? toys : toysFor(q.targetZ());
        if (q.targetZ() != null) {
            requireMemoryFor("--target-z " + q.targetZ(), needed, q.training().checkpoints());
            notes.add(String.format(Locale.ROOT, "Z = %.2f (one-sided p = %.3g) needs at least %d calibration toys; "
                    + "starting with %d", q.targetZ(), 1 - NormalDistribution.of(0, 1).cumulativeProbability(q.targetZ()),
                    needed, Math.min(toys, needed)));
            toys = Math.max(2, Math.min(toys, needed));
        }
        int reused = toysIn(calibrationPath, toys);
        if (reused > 0) {
            notes.add("reusing " + reused + " toys from " + calibrationPath);
        }
        long calibrating = System.nanoTime();
        Calibration cal = Calibrations.calibrate(engine, spec, toys, calibrationPath);
        double calibrationSeconds = (System.nanoTime() - calibrating) / 1e9;
        SparkerRun.Outcome outcome = SparkerRun.test(engine, spec, cal, observed, q.aggregation())
                .calibratedIn(calibrationSeconds);
        while (q.targetZ() != null && outcome.result().global().upperLimit() && outcome.result().global().z() < q.targetZ()
                && toys < needed) {
            // beyond every toy, and the toys cannot yet say whether it reaches Z: more toys (the file
            // resumes), and the same trained model evaluated against them
            toys = (int) Math.min(needed, 4L * toys);
            notes.add(String.format(Locale.ROOT, "beyond all %d toys (Z ≥ %.2f): extending the calibration to %d",
                    outcome.result().global().toys(), outcome.result().global().z(), toys));
            long more = System.nanoTime();
            Calibration extended = Calibrations.calibrate(engine, spec, toys, calibrationPath);
            outcome = outcome.against(spec, extended, (System.nanoTime() - more) / 1e9);
        }
        ResultFiles.Inputs from = new ResultFiles.Inputs(q.reference().toString(), q.data().toString(),
                calibrationPath.toString(), q.preprocessing().standardize(),
                q.preprocessing().map() == null ? null : q.preprocessing().map().name(),
                q.preprocessing().pca() == 0 ? null : q.preprocessing().pca(),
                q.preprocessing().spherical() == null ? null : q.preprocessing().spherical().spelling(), q.targetZ(),
                q.targetZ() == null ? null : needed, null);
        ResultFiles.Result json = SparkerRun.write(engine, outcome, q.out(),
                q.data().getFileName() + " vs " + q.reference().getFileName(), from, units, q.checkpoint());
        return new Ran(json, outcome, notes, SparkerRun.summary(json), q.out().resolve("report.html"));
    }

    private static Ran baseline(RunRequest q, ResultFiles.BaselineResult json) {
        Path file = q.out().resolve("result.json");
        // the whole set: a SparKer run's model and report in this folder go with its result
        OutputFiles.writeSet(q.out(), "run", Map.of("result.json", f -> Json.MAPPER.writeValue(f, json)));
        return new Ran(json, null, List.of(), BaselineRuns.summary(json), file);
    }

    private static void requireSameDimension(Path aFile, FloatMatrix a, Path dataFile, FloatMatrix data) {
        if (a.cols() != data.cols()) {
            throw new UserError("dimension mismatch: " + aFile + " has " + a.cols() + " columns but " + dataFile
                    + " has " + data.cols());
        }
    }

    /**
     * Without a toy count: the toys an existing calibration file is meant to hold (a file made by
     * {@code calibrate --toys K} is reused whole, and the same command rerun after an
     * interruption resumes its file to the number it was asked for), or {@code fallback} for a new one.
     */
    public static int existingToys(Path file, int fallback) {
        if (!Files.exists(file)) {
            return fallback;
        }
        try {
            var existing = CalibrationFile.read(file);
            int target = existing.targetToys();
            return Math.max(2, target > 0 ? Math.max(target, existing.toys().size()) : fallback);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new UserError(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** {@code --toys}, when given, must be at least 2: a p-value needs two toys to rank the data among. */
    private static void requireToys(Integer toys, int checkpoints) {
        if (toys != null && toys < 2) {
            throw new UserError("--toys must be at least 2 (the p-value ranks the data among the toys), got " + toys);
        }
        if (toys != null) {
            requireMemoryFor("--toys " + toys, toys, checkpoints);
        }
    }

    /**
     * Refuses, before any work, a number of toys whose statistics would not fit in this JVM: each
     * toy keeps its {@code checkpoints} statistics in the file's map and in the calibration's
     * sorted columns, about {@code 112 + 16·checkpoints} bytes with the objects around them.
     */
    private static void requireMemoryFor(String what, long toys, int checkpoints) {
        long bytes = toys * (112L + 16L * checkpoints);
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max / 2) {
            throw new UserError(String.format(Locale.ROOT, "%s: the toys' statistics alone take about %.1f GiB, more than "
                    + "half of the %.1f GiB this JVM may use; use fewer toys, or raise the limit (e.g. "
                    + "SPARKER_JAVA_OPTS=-Xmx%dg)", what, bytes / 1073741824.0, max / 1073741824.0,
                    Math.max(2, (long) Math.ceil(bytes * 2.5 / 1073741824.0))));
        }
    }

    /** How many of the toys {@code 0 … toys−1} a calibration file already holds (0 when there is none yet). */
    private static int toysIn(Path file, int toys) {
        if (!Files.exists(file)) {
            return 0;
        }
        try {
            return (int) CalibrationFile.read(file).toys().keySet().stream().filter(k -> k < toys).count();
        } catch (IllegalArgumentException | java.io.IOException e) {
            return 0; // opening it for the calibration names the problem
        }
    }

    /** The fewest toys whose smallest p-value, 1/(K + 1), reaches the one-sided p of {@code z}. */
    public static int toysFor(double z) {
        if (!(z > 0) || z > 8) {
            throw new UserError("--target-z must be in (0, 8], got " + z);
        }
        double p = 1 - NormalDistribution.of(0, 1).cumulativeProbability(z);
        double k = Math.ceil(1 / p - 1);
        if (k > Integer.MAX_VALUE - 1) {
            throw new UserError("--target-z " + z + " needs " + String.format(Locale.ROOT, "%.3g", k) + " toys, more than one file holds");
        }
        return (int) Math.max(2, k);
    }

    /**
     * What {@link #calibrate} made.
     *
     * @param file the calibration file
     * @param calibration the whole calibration, or {@code null} for a shard
     * @param shardToys the toys this shard holds (the whole count when not sharded)
     */
    public record Calibrated(Path file, Calibration calibration, int shardToys) {
    }

    /** {@code sparker calibrate}: a calibration file (or one shard of it) for a later {@code run --calibration}. */
    public static Calibrated calibrate(CalibrateRequest q) {
        return calibrate(q, null);
    }

    /**
     * {@link #calibrate(CalibrateRequest)} with the toys trained where {@code executors} says for
     * the calibration's spec (the Spark runner's tasks), or on this machine when it is null: the
     * same inputs, preprocessing, file and resumption either way.
     */
    public static Calibrated calibrate(CalibrateRequest q, Function<CalibrationSpec, ToyExecutor> executors) {
        requireToys(q.toys(), q.training().checkpoints());
        OutputGuard.check("--out", q.out(), OutputGuard.Kind.CALIBRATION, Map.of("--reference", q.reference(), "--pool",
                q.pool() == null ? q.reference() : q.pool()));
        FloatMatrix ref = DataFiles.read(q.reference());
        FloatMatrix nominal = q.pool() == null ? ref : DataFiles.read(q.pool());
        // the toys run makes: mapped, and standardized per toy on each toy's reference
        PoolBootstrap source;
        try {
            source = q.preprocessing().toys(ref, q.reference().toString(), q.pool() == null ? null : nominal,
                    q.pool() == null ? null : q.pool().toString(), q.dataSize());
        } catch (UserError e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new UserError("--data-size " + q.dataSize() + ": " + e.getMessage());
        }
        CalibrationSpec spec = CalibrationSpec.withEstimatedRange(q.training(), source, q.engine().seed());
        if (q.shards() > 1) {
            int mine = Calibrations.calibrateShard(q.engine(), spec, q.toys(), q.out(), q.shard(), q.shards());
            return new Calibrated(q.out(), null, mine);
        }
        Calibration cal = Calibrations.calibrate(q.engine(), spec, q.toys(), q.out(),
                executors == null ? null : executors.apply(spec));
        return new Calibrated(q.out(), cal, cal.toys());
    }

    /**
     * {@code sparker calibrate merge}: the shard files of one calibration joined into a new file, the
     * one a single machine writes for the same settings and seed; returns its toy count.
     */
    public static int merge(List<Path> shards, Path out) {
        Map<String, Path> inputs = new LinkedHashMap<>();
        for (int i = 0; i < shards.size(); i++) {
            inputs.put("SHARD " + (i + 1), shards.get(i));
            if (!Files.isRegularFile(shards.get(i))) {
                throw new UserError(shards.get(i) + ": no such file");
            }
        }
        OutputGuard.check("--out", out, null, inputs); // a new file only
        try {
            return CalibrationFile.merge(shards, out);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new UserError(out + ": cannot be written (" + e.getMessage() + ")", e);
        }
    }

    private static final int SCORE_BATCH = 65_536;

    /** What {@link #score} wrote: {@code points} rows into {@code out}. */
    public record Scored(Path out, int points) {
    }

    /** {@code sparker score}: f, the anomaly score and every component, one CSV row per point. */
    public static Scored score(ScoreRequest q) {
        OutputGuard.check("--out", q.out(), OutputGuard.Kind.SCORES_CSV, Map.of("--model", q.model(), "--input", q.input()));
        ModelFiles.ModelFile file = ModelFiles.read(q.model(), q.checkpoint());
        KernelModel m = file.model();
        FloatMatrix raw = DataFiles.read(q.input());
        if (raw.cols() != file.inputDimension()) {
            throw new UserError("dimension mismatch: " + q.input() + " has " + raw.cols() + " columns but the model in "
                    + q.model() + " takes " + file.inputDimension());
        }
        // a model trained on mapped or standardized inputs scores points in the same units
        FloatMatrix x = file.toModelUnits(raw, q.input().toString());
        int k = m.kernels();
        try (KernelBackend backend = q.engine().open()) {
            OutputFiles.write(q.out(), os -> {
                BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
                StringBuilder header = new StringBuilder("f,score");
                for (int i = 0; i < k; i++) {
                    header.append(",f_").append(i);
                }
                w.write(header.append('\n').toString());
                ForwardResult r = ForwardResult.allocate(Math.min(SCORE_BATCH, x.rows()), k);
                for (int start = 0; start < x.rows(); start += SCORE_BATCH) {
                    int n = Math.min(SCORE_BATCH, x.rows() - start);
                    int[] rows = new int[n];
                    for (int i = 0; i < n; i++) {
                        rows[i] = start + i;
                    }
                    FloatMatrix batch = n == x.rows() ? x : x.selectRows(rows);
                    backend.forward(batch, m, r);
                    for (int i = 0; i < n; i++) {
                        if (!Double.isFinite(r.logRatio()[i]) || !Double.isFinite(r.score()[i])) {
                            throw new UserError(q.input() + ": row " + (start + i) + " gets a non-finite score (f = "
                                    + r.logRatio()[i] + ") from " + q.model() + "; nothing written");
                        }
                    }
                    StringBuilder line = new StringBuilder(32 * (k + 2));
                    for (int i = 0; i < n; i++) {
                        line.setLength(0);
                        line.append(r.logRatio()[i]).append(',').append(r.score()[i]);
                        for (int j = 0; j < k; j++) {
                            line.append(',').append(r.components()[i * k + j]);
                        }
                        w.write(line.append('\n').toString());
                    }
                }
                w.flush();
            });
        }
        return new Scored(q.out(), x.rows());
    }

    /** What {@link #eval} wrote: the loss and {@code t} of the model, in {@code out}. */
    public record Evaluated(Path out, double loss, double t) {
    }

    /** {@code sparker eval}: the loss, {@code t = −2 L_NP} and the gradients of a model on (reference, data). */
    public static Evaluated eval(EvalRequest q) {
        OutputGuard.check("--out", q.out(), OutputGuard.Kind.EVAL_JSON,
                Map.of("--model", q.model(), "--reference", q.reference(), "--data", q.data()));
        ModelFiles.ModelFile file = ModelFiles.read(q.model(), q.checkpoint());
        KernelModel m = file.model();
        FloatMatrix r = DataFiles.read(q.reference());
        FloatMatrix d = DataFiles.read(q.data());
        for (var f : new Object[][] {{q.reference(), r}, {q.data(), d}}) {
            if (((FloatMatrix) f[1]).cols() != file.inputDimension()) {
                throw new UserError("dimension mismatch: " + f[0] + " has " + ((FloatMatrix) f[1]).cols()
                        + " columns but the model in " + q.model() + " takes " + file.inputDimension());
            }
        }
        // the model lives in mapped and standardized units: so must its samples
        r = file.toModelUnits(r, q.reference().toString());
        d = file.toModelUnits(d, q.data().toString());
        Loss l;
        TrainingSamples samples;
        try {
            l = Loss.parse(q.loss());
            samples = q.referenceWeight() == null ? TrainingSamples.of(r, d) : TrainingSamples.of(r, d, q.referenceWeight());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        LossGradient g = LossGradient.allocate(m.kernels(), m.dimension());
        String backendName;
        try (KernelBackend backend = q.engine().open(); PreparedSamples p = backend.prepare(samples)) {
            backend.lossAndGradient(p, m, l, g);
            backendName = backend.name();
        }
        double[][] gradCenters = new double[m.kernels()][m.dimension()];
        for (int i = 0; i < m.kernels(); i++) {
            System.arraycopy(g.centerGradient(), i * m.dimension(), gradCenters[i], 0, m.dimension());
        }
        if (!Double.isFinite(g.loss()) || !Double.isFinite(g.testStatistic())) {
            throw new UserError(q.model() + ": the " + l.name().toLowerCase(Locale.ROOT) + " loss of this model on "
                    + q.reference() + " and " + q.data() + " is not finite (loss " + g.loss() + ", t " + g.testStatistic()
                    + "): e^f overflows; nothing written");
        }
        ResultFiles.Evaluation json = new ResultFiles.Evaluation(ResultFiles.EVAL_FORMAT, ResultFiles.VERSION,
                l.name().toLowerCase(Locale.ROOT), g.loss(), g.testStatistic(), g.amplitudeGradient(), gradCenters,
                samples.referenceWeight(), backendName);
        OutputFiles.write(q.out(), f -> Json.MAPPER.writeValue(f, json));
        return new Evaluated(q.out(), g.loss(), g.testStatistic());
    }

    /**
     * What {@link #toy} did.
     *
     * @param outcome the trained test
     * @param result the content of result.json
     * @param observed the toy's observed samples
     */
    public record ToyRan(SparkerRun.Outcome outcome, ResultFiles.Result result, TrainingSamples observed) {

        /** The one-line result. */
        public String summary() {
            return SparkerRun.summary(result);
        }
    }

    /** {@code sparker demo} and {@code sparker toy NAME}: calibrates on the toy's null and tests one draw with its signal. */
    public static ToyRan toy(ToyRequest q) {
        return leavingNoEmptyFolder(q.out(), () -> toyInto(q));
    }

    private static ToyRan toyInto(ToyRequest q) {
        requireToys(q.toys(), q.training().checkpoints());
        OutputGuard.checkFolder("--out", q.out(), SparkerRun.FILES, Map.of());
        Engine engine = q.engine();
        CalibrationSpec spec = CalibrationSpec.withEstimatedRange(q.training(), ToySources.of(q.toy()), engine.seed());
        long calibrating = System.nanoTime();
        Calibration cal = Calibrations.calibrate(engine, spec, q.toys(), q.out().resolve("calibration.jsonl"));
        double calibrationSeconds = (System.nanoTime() - calibrating) / 1e9;
        TrainingSamples observed = q.toy().sample(Seeds.stream(Stream.OBSERVED_TOY, engine.seed()));
        SparkerRun.Outcome outcome = SparkerRun.test(engine, spec, cal, observed, q.aggregation())
                .calibratedIn(calibrationSeconds);
        ResultFiles.Result json = SparkerRun.write(engine, outcome, q.out(), "toy", q.title(),
                ResultFiles.Inputs.toy(q.toy().parameters()), Preprocessing.Fitted.NONE, "best");
        return new ToyRan(outcome, json, observed);
    }
}
