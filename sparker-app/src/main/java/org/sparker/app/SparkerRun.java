package org.sparker.app;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sparker.app.io.ModelFiles;
import org.sparker.app.io.OutputFiles;
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
     */
    public record Outcome(Detection.Result result, Calibration calibration, TrainingSamples observed,
            List<TrajectoryRecorder.Frame> trajectories, String backend, double seconds) {

        /** The same training evaluated against {@code more}, a calibration with more toys. */
        public Outcome against(CalibrationSpec spec, Calibration more) {
            return new Outcome(Detection.evaluate(result.training(), spec, more, result.aggregation()), more, observed,
                    trajectories, backend, seconds);
        }
    }

    private SparkerRun() {
    }

    /** Trains on {@code observed} with the calibration's settings and evaluates it against {@code calibration}. */
    public static Outcome test(Engine engine, CalibrationSpec spec, Calibration calibration, TrainingSamples observed) {
        long started = System.nanoTime();
        int steps = spec.trainer().steps();
        TrajectoryRecorder trajectories = new TrajectoryRecorder(Math.max(1, steps / 200));
        Detection.Result result;
        String backendName;
        try (KernelBackend backend = engine.open();
                Reporter.Task progress = engine.reporter().start("training (" + backend.name() + ")", steps)) {
            backendName = backend.name();
            result = Detection.run(backend, spec, calibration, observed, engine.seed(), Aggregation.SPARKER,
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
                (System.nanoTime() - started) / 1e9);
    }

    /**
     * Which checkpoint's model {@code model.json} and the report show: {@code best} (the most
     * significant: the smallest per-checkpoint p-value, ties broken by how far t lies above that
     * checkpoint's null mean in null standard deviations), {@code last}, or a checkpoint number
     * from 1.
     */
    public record Chosen(int index, KernelModel model, String selectedBy) {
    }

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
     * applies it too), {@code extra} the workflow's own entries of result.json. Returns result.json's content.
     */
    public static Map<String, Object> write(Engine engine, Outcome o, Path out, String title, Map<String, Object> extra,
            Preprocessing.Fitted units, String checkpoint) {
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
        Map<String, Object> json = resultJson(result, calibration, o.backend(), engine.seed(), o.seconds(), observed,
                extra);
        Map<String, Object> which = new LinkedHashMap<>();
        which.put("checkpoint", chosen.index() + 1);
        which.put("sigma", result.widths()[chosen.index()]);
        which.put("t", result.testStatistics()[chosen.index()]);
        which.put("p_value", result.pValues()[chosen.index()]);
        which.put("selected_by", chosen.selectedBy());
        json.put("model_checkpoint", which);
        Map<String, Object> modelJson = ModelFiles.toJson(model, units.units(), units.map());
        modelJson.put("checkpoint", chosen.index() + 1);
        List<Map<String, Object>> every = new java.util.ArrayList<>();
        var cps = result.training().checkpoints();
        for (int j = 0; j < cps.size(); j++) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("checkpoint", j + 1);
            c.putAll(ModelFiles.toJson(cps.get(j).model()));
            c.remove("softmax");
            every.add(c);
        }
        json.put("model", new LinkedHashMap<>(modelJson));
        modelJson.put("checkpoints", every); // model.json alone lists them: score --checkpoint N
        // the three files as one set: all written beside the folder first, then moved in
        OutputFiles.writeSet(out, Map.of(
                "result.json", f -> OutputFiles.JSON.writeValue(f, json),
                "model.json", f -> OutputFiles.JSON.writeValue(f, modelJson),
                "report.html", f -> f.write(Report.render(new Report.Data(title, result, calibration, observed, onData,
                        referenceScores, o.trajectories(), json, model, chosen.index(), chosen.selectedBy()))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        return json;
    }

    public static Map<String, Object> resultJson(Detection.Result r, Calibration calibration, String backend, long seed,
            double seconds, TrainingSamples observed, Map<String, Object> extra) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("p_value", r.global().pValue());
        OutputFiles.putZ(json, r.global().z());
        json.put("upper_limit", r.global().upperLimit());
        json.put("combined_statistic", r.global().statistic());
        json.put("aggregation", r.aggregation().name().toLowerCase(java.util.Locale.ROOT));
        json.put("toys", calibration.toys());
        List<WidthPValue> checkpoints = WidthPValue.of(calibration, r.testStatistics(), null);
        json.put("checkpoints", checkpoints);
        json.put("backend", backend);
        json.put("seed", seed);
        json.put("seconds", seconds);
        json.put("n_reference", observed.reference().rows());
        json.put("n_data", observed.data().rows());
        json.put("dimension", observed.dimension());
        json.put("reference_weight", observed.referenceWeight());
        json.put("model", ModelFiles.toJson(r.training().model()));
        json.put("extrapolated", extrapolationJson(org.sparker.stats.Extrapolation.of(calibration, r.testStatistics())));
        json.putAll(extra);
        return json;
    }

    /** The model-based significance beyond the toys' floor, labelled as such (Extrapolation). */
    public static Map<String, Object> extrapolationJson(org.sparker.stats.Extrapolation e) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("method", "peaks over threshold: s = the largest checkpoint statistic standardised by the toys' median and "
                + "interquartile range; a generalized Pareto (shape >= 0) fitted to the excesses of the top "
                + Math.round(100 * org.sparker.stats.Extrapolation.TAIL_FRACTION) + "% of the toys' s, checked by "
                + "Kolmogorov-Smirnov; a model-based extrapolation beside the empirical p-value, not instead of it "
                + "(docs/design.md 5.6)");
        x.put("accepted", e.accepted());
        x.put("p_value", e.pValue());
        x.put("z", e.z() == null || Double.isFinite(e.z()) ? e.z() : null);
        x.put("reason", e.reason());
        x.put("statistic", finite(e.statistic()));
        x.put("empirical_p_value", e.empiricalPValue());
        x.put("threshold", finite(e.threshold()));
        x.put("exceedances", e.exceedances());
        x.put("gpd_shape", finite(e.shape()));
        x.put("gpd_scale", finite(e.scale()));
        x.put("ks_p_value", finite(e.goodnessOfFit()));
        List<Map<String, Object>> cols = new java.util.ArrayList<>();
        for (var c : e.checkpoints()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("median", c.median());
            m.put("spread", c.spread());
            m.put("standardized", finite(c.standardized()));
            cols.add(m);
        }
        x.put("checkpoints", cols);
        return x;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** One line for the terminal. */
    public static String summary(Outcome o, Map<String, Object> json) {
        var g = o.result().global();
        String line = String.format("p-value %s %.4g, Z %s %s (%d calibration toys, combined statistic %.3f)",
                g.upperLimit() ? "≤" : "=", g.pValue(), g.upperLimit() ? "≥" : "=", OutputFiles.formatZ(g.z()), g.toys(),
                g.statistic());
        Object x = json.get("extrapolated");
        if (x instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("accepted"))) {
            line += String.format("; extrapolated (tail model, KS p %.2g): p %.3g, Z %s", (Double) m.get("ks_p_value"),
                    (Double) m.get("p_value"), OutputFiles.extrapolatedZ(m));
        } else if (x instanceof Map<?, ?> m) {
            line += "; no extrapolation (" + m.get("reason") + ")";
        }
        return line;
    }
}
