package org.sparker.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.sparker.app.io.DataFiles;
import org.sparker.app.io.Json;
import org.sparker.app.io.ModelFiles;
import org.sparker.app.io.OutputFiles;
import org.sparker.app.io.ResultFiles;
import org.sparker.app.preprocess.Preprocessing;
import org.sparker.app.report.Report;
import org.sparker.calibration.CalibrationSpec;
import org.sparker.calibration.Detection;
import org.sparker.engine.ForwardResult;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.KernelModel;
import org.sparker.engine.TrainingSamples;
import org.sparker.engine.train.TrainingDivergedException;
import org.sparker.engine.train.TrajectoryRecorder;
import org.sparker.stats.Aggregation;
import org.sparker.stats.Calibration;
import org.sparker.stats.Extrapolation;
import org.sparker.stats.WidthPValue;

/**
 * Algorithm 1 on prepared samples, the one code path of {@code sparker run}, {@code demo},
 * {@code toy} and the Java API ({@link Sparker}): train once on the observed samples, evaluate
 * the statistics against a calibration (again, without training, when the calibration grows),
 * choose the checkpoint to show, and write {@code result.json}, {@code model.json} and
 * {@code report.html} as one set.
 */
public final class SparkerRun {

    /**
     * A trained observed test and its evaluation against a calibration.
     *
     * @param result per-checkpoint statistics and p-values, and the global p-value
     * @param calibration the calibration it was evaluated against
     * @param observed the samples it was trained on (in the model's units)
     * @param trajectories the kernels' centres along the training (for the report)
     * @param backend the backend that trained it
     * @param seconds the training's wall time
     * @param calibrationSeconds the wall time of the calibration it was evaluated against (0 for one read from a file)
     */
    public record Outcome(Detection.Result result, Calibration calibration, TrainingSamples observed,
            List<TrajectoryRecorder.Frame> trajectories, String backend, double seconds, double calibrationSeconds) {

        /** The same training evaluated against {@code more}, a calibration with more toys, that took {@code extra} seconds more. */
        public Outcome against(CalibrationSpec spec, Calibration more, double extra) {
            return new Outcome(Detection.evaluate(result.training(), spec, more, result.aggregation()), more, observed,
                    trajectories, backend, seconds, calibrationSeconds + extra);
        }

        /** This outcome with the calibration's wall time. */
        public Outcome calibratedIn(double calibration) {
            return new Outcome(result, this.calibration, observed, trajectories, backend, seconds, calibration);
        }
    }

    private SparkerRun() {
    }

    /**
     * Trains on {@code observed} with the calibration's settings and evaluates it against
     * {@code calibration}, the checkpoints' p-values combined by {@code rule}
     * ({@link Workflows#DEFAULT_AGGREGATION} unless the user chose another: the calibration holds
     * every checkpoint's statistics, so any rule's null comes from the same toys).
     */
    public static Outcome test(Engine engine, CalibrationSpec spec, Calibration calibration, TrainingSamples observed,
            Aggregation rule) {
        long started = System.nanoTime();
        int steps = spec.trainer().steps();
        TrajectoryRecorder trajectories = new TrajectoryRecorder(Math.max(1, steps / 200));
        Detection.Result result;
        String backendName;
        try (KernelBackend backend = engine.open();
                Reporter.Task progress = engine.reporter().start("training (" + backend.name() + ")", steps)) {
            backendName = backend.name();
            result = Detection.run(backend, spec, calibration, observed, engine.seed(), rule,
                    (step, width, loss, t, params) -> {
                        trajectories.onStep(step, width, loss, t, params);
                        if (step % 50 == 0 || step == steps) {
                            progress.stepTo(step);
                        }
                    });
        } catch (TrainingDivergedException e) {
            throw new UserError(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        return new Outcome(result, calibration, observed, trajectories.frames(), backendName,
                (System.nanoTime() - started) / 1e9, 0);
    }

    /**
     * Which checkpoint's model {@code model.json} and the report show: {@code best} (the most
     * significant: the smallest per-checkpoint p-value, ties broken by how far t lies above that
     * checkpoint's null mean in null standard deviations), {@code last}, or a checkpoint number
     * from 1.
     */
    public record Chosen(int index, KernelModel model, String selectedBy) {
    }

    /** The files a test writes into its output folder, as one set. */
    public static final java.util.Set<String> FILES = java.util.Set.of("result.json", "model.json", "report.html");

    public static Chosen choose(Detection.Result r, Calibration calibration, String choice) {
        var cps = r.training().checkpoints();
        int m = cps.size();
        int k = checkpointIndex(choice, m);
        if (k == BEST) {
            k = 0;
            double bestP = Double.POSITIVE_INFINITY;
            double bestZ = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                double[] nul = calibration.statisticsAt(j);
                double mean = java.util.Arrays.stream(nul).average().orElse(0);
                double sd = Math.sqrt(java.util.Arrays.stream(nul).map(v -> (v - mean) * (v - mean)).sum()
                        / Math.max(1, nul.length - 1));
                double z = sd > 0 ? (r.testStatistics()[j] - mean) / sd : r.testStatistics()[j] - mean;
                double p = r.pValues()[j];
                if (p < bestP || (p == bestP && z > bestZ)) {
                    bestP = p;
                    bestZ = z;
                    k = j;
                }
            }
        }
        String c = choice == null ? "best" : choice.trim().toLowerCase(java.util.Locale.ROOT);
        return new Chosen(k, cps.get(k).model(), c.equals("best") || c.equals("last") ? c : "requested");
    }

    /** {@link #checkpointIndex} for {@code best}: to be found from the statistics. */
    public static final int BEST = -1;

    /**
     * {@code --checkpoint}: {@link #BEST} for {@code best} (or null), {@code m − 1} for
     * {@code last}, {@code N − 1} for a number {@code N} from 1 to {@code m}; anything else is a
     * one-line error.
     */
    public static int checkpointIndex(String choice, int m) {
        String c = choice == null ? "best" : choice.trim().toLowerCase(java.util.Locale.ROOT);
        if (c.equals("best")) {
            return BEST;
        }
        if (c.equals("last")) {
            return m - 1;
        }
        int k;
        try {
            k = Integer.parseInt(c);
        } catch (NumberFormatException e) {
            throw new UserError("--checkpoint: expected best, last or a number from 1 to " + m + ", got '" + choice + "'");
        }
        if (k < 1 || k > m) {
            throw new UserError("--checkpoint: the training has checkpoints 1 to " + m + ", got " + choice);
        }
        return k - 1;
    }

    /**
     * Writes {@code result.json}, {@code model.json} and {@code report.html} of {@code o} into
     * {@code out} as one set, showing the checkpoint {@code checkpoint} ({@link #choose});
     * {@code units} is the preprocessing the samples went through (recorded so that scoring
     * applies it too), {@code inputs} where they came from. Returns result.json's content.
     */
    public static ResultFiles.Result write(Engine engine, Outcome o, Path out, String title, ResultFiles.Inputs inputs,
            Preprocessing.Fitted units, String checkpoint) {
        return write(engine, o, out, "run", title, inputs, units, checkpoint);
    }

    /** {@link #write(Engine, Outcome, Path, String, ResultFiles.Inputs, Preprocessing.Fitted, String)} for {@code command}. */
    static ResultFiles.Result write(Engine engine, Outcome o, Path out, String command, String title,
            ResultFiles.Inputs inputs, Preprocessing.Fitted units, String checkpoint) {
        Detection.Result result = o.result();
        Calibration calibration = o.calibration();
        TrainingSamples observed = o.observed();
        Chosen chosen = choose(result, calibration, checkpoint);
        KernelModel model = chosen.model();
        ForwardResult onData;
        double[] referenceScores;
        try (KernelBackend backend = engine.open()) {
            onData = ForwardResult.allocate(observed.data().rows(), model.kernels());
            backend.forward(observed.data(), model, onData);
            // the reference needs only its scores (N values, not the N × M weights and components)
            referenceScores = new double[observed.reference().rows()];
            backend.logRatio(observed.reference(), model, referenceScores);
            for (int i = 0; i < referenceScores.length; i++) {
                referenceScores[i] = org.sparker.engine.Loss.sigmoid(referenceScores[i]);
            }
        }
        int k = chosen.index();
        var g = result.global();
        ResultFiles.Result json = new ResultFiles.Result(ResultFiles.FORMAT, ResultFiles.VERSION, g.pValue(),
                Double.isFinite(g.z()) ? g.z() : null, ResultFiles.zNote(g.z()), g.upperLimit(), ResultFiles.headline(result.aggregation()),
                g.statistic(),
                result.aggregation().cliName(), calibration.toys(),
                WidthPValue.of(calibration, result.testStatistics(), null), o.backend(), engine.seed(), o.calibrationSeconds() + o.seconds(), o.calibrationSeconds(), o.seconds(),
                observed.reference().rows(), observed.data().rows(), observed.dimension(), observed.referenceWeight(),
                ModelFiles.embedded(model, units, k + 1),
                ResultFiles.Extrapolated.of(Extrapolation.of(calibration, result.testStatistics())), inputs,
                new ResultFiles.ModelCheckpoint(k + 1, result.widths()[k], result.testStatistics()[k],
                        result.pValues()[k], chosen.selectedBy()), KernelNotes.duplicates(model));
        List<KernelModel> all = result.training().checkpoints().stream().map(c -> c.model()).toList();
        ModelFiles.Document modelFile = ModelFiles.file(model, units, k + 1, all);
        // the three files as one set: all written beside the folder first, then moved in
        OutputFiles.writeSet(out, command, Map.of(
                "result.json", f -> Json.MAPPER.writeValue(f, json),
                "model.json", f -> Json.MAPPER.writeValue(f, modelFile),
                "report.html", f -> f.write(Report.render(new Report.Data(title, result, calibration, observed, onData,
                        referenceScores, o.trajectories(), json, model, k, chosen.selectedBy(), units,
                        inputs.dataFile() == null ? null : DataFiles.columnNames(Path.of(inputs.dataFile()))))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        return json;
    }

    /** One line for the terminal. */
    public static String summary(ResultFiles.Result r) {
        String line = String.format(Locale.ROOT, "p-value %s %.4g, Z %s %s (%d calibration toys; combined statistic%s %.3f)",
                r.upperLimit() ? "≤" : "=", r.pValue(), r.upperLimit() ? "≥" : "=",
                OutputFiles.formatZ(r.z() != null ? r.z() : r.pValue() >= 1 ? Double.NEGATIVE_INFINITY
                        : Double.POSITIVE_INFINITY), r.toys(),
                " (" + r.aggregation() + ")",
                r.combinedStatistic() + 0.0); // + 0.0: no "-0.000"
        ResultFiles.Extrapolated x = r.extrapolated();
        if (r.upperLimit()) {
            // at the toys' floor the empirical p-value is an upper limit: a tail model says how far beyond
            line += x.accepted() ? String.format(Locale.ROOT, "; beyond every toy, a tail model of the largest standardised checkpoint "
                    + "statistic puts it at p %.3g, Z %s (KS p %.2g; a model, not the p-value above)", x.pValue(),
                    x.zText(), x.ksPValue()) : "; beyond every toy, and no tail model (" + x.reason() + ")";
        }
        return line;
    }
}
