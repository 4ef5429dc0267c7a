package org.sparker.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sparker.engine.ForwardResult;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.KernelModel;
import org.sparker.engine.Standardization;
import org.sparker.engine.TrainingSamples;
import org.sparker.engine.train.TrainingDivergedException;
import org.sparker.engine.train.TrajectoryRecorder;
import org.sparker.stats.Aggregation;
import org.sparker.stats.Calibration;
import org.sparker.stats.CalibrationRunner;
import org.sparker.stats.CalibrationSpec;
import org.sparker.stats.WidthPValue;
import org.sparker.stats.Detection;

/**
 * Algorithm 1 end to end for the commands: calibrate (or resume or reuse a calibration file),
 * train on the observed samples, compute the p-values, and write {@code result.json},
 * {@code model.json} and {@code report.html} into the output folder.
 */
final class Pipeline {

    /** What a finished test produced. */
    record Outcome(Detection.Result result, Calibration calibration, Map<String, Object> json, Path out) {
    }

    private Pipeline() {
    }

    static Calibration calibrate(EngineOptions engine, CalibrationSpec spec, int toys, Path file) {
        int workers = engine.effectiveThreads();
        String name = engine.resolvedName();
        // toys run side by side, one single-threaded backend each: the best use of the cores
        CalibrationRunner runner = new CalibrationRunner(() -> engine.open(1), Math.min(workers, toys));
        try (Progress progress = Progress.start("calibration (" + name + ")", toys, engine.quiet)) {
            return asUserErrors(file, () -> runner.run(spec, toys, file, (done, total, r) -> progress.stepTo(done)));
        }
    }

    /** A calibration step whose failures become one-line errors naming the file or the setting. */
    @FunctionalInterface
    private interface CalibrationStep<T> {
        T run() throws IOException;
    }

    private static <T> T asUserErrors(Path file, CalibrationStep<T> step) {
        try {
            return step.run();
        } catch (IOException e) {
            throw new UserError(file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage() + changedDefaultHint(e.getMessage()), e);
        } catch (TrainingDivergedException | ArithmeticException e) {
            // a diverged training, or a baseline whose fit cannot proceed (both name the setting to change)
            throw new UserError("a calibration toy: " + e.getMessage(), e);
        }
    }

    /**
     * For a calibration that differs in a setting whose default changed on 2026-12-03, the option
     * that remakes the former setting; else empty.
     */
    static String changedDefaultHint(String message) {
        if (message == null || !message.contains("this calibration was made with another configuration")) {
            return "";
        }
        if (message.contains("center_step_cap")) {
            return " (the centre-step cap is 0.5 by default since 2026-12-03; a calibration made before then needs "
                    + "--center-step-cap 0" + (message.contains("is missing") ? ", and probably --no-standardize)" : ")");
        }
        if (message.contains("width_initial") || message.contains("width_final")) {
            return " (run and calibrate standardize by default since 2026-12-03; a calibration made in the input's "
                    + "units needs --no-standardize)";
        }
        return "";
    }

    /** Shard {@code shard}/{@code shards} of a calibration into its own file; returns the shard's toy count. */
    static int calibrateShard(EngineOptions engine, CalibrationSpec spec, int toys, Path file, int shard, int shards) {
        int workers = engine.effectiveThreads();
        int mine = (toys - shard + shards - 1) / shards;
        CalibrationRunner runner = new CalibrationRunner(() -> engine.open(1), Math.max(1, Math.min(workers, mine)));
        try (Progress progress = Progress.start("calibration shard " + shard + "/" + shards + " ("
                + engine.resolvedName() + ")", mine, engine.quiet)) {
            asUserErrors(file, () -> runner.run(spec, toys, file, (done, total, r) -> progress.stepTo(done), shard, shards));
            return mine;
        }
    }

    static Outcome test(EngineOptions engine, CalibrationSpec spec, Calibration calibration, TrainingSamples observed,
            Path out, String title, Map<String, Object> extra) {
        return test(engine, spec, calibration, observed, out, title, extra, null);
    }

    /**
     * The test, on samples already in the units of {@code standardization} (or as given when it is
     * null), which the model file records so that scoring applies it too.
     */
    static Outcome test(EngineOptions engine, CalibrationSpec spec, Calibration calibration, TrainingSamples observed,
            Path out, String title, Map<String, Object> extra, Standardization standardization) {
        return test(engine, spec, calibration, observed, out, title, extra, standardization, null);
    }

    /** {@link #test} on samples that went through the coordinate map {@code map} first (recorded in model.json). */
    static Outcome test(EngineOptions engine, CalibrationSpec spec, Calibration calibration, TrainingSamples observed,
            Path out, String title, Map<String, Object> extra, Standardization standardization,
            org.sparker.stats.coords.CoordinateMap map) {
        return test(engine, spec, calibration, observed, out, title, extra, standardization, map, "best");
    }

    /**
     * Which checkpoint's model {@code model.json} and the report show: {@code best} (the most
     * significant: the smallest per-checkpoint p-value, ties broken by how far t lies above that
     * checkpoint's null mean in null standard deviations), {@code last}, or a checkpoint number
     * from 1.
     */
    record Chosen(int index, KernelModel model, String selectedBy) {
    }

    static Chosen choose(Detection.Result r, Calibration calibration, String choice) {
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
    static final int BEST = -1;

    /**
     * {@code --checkpoint}: {@link #BEST} for {@code best} (or null), {@code m − 1} for
     * {@code last}, {@code N − 1} for a number {@code N} from 1 to {@code m}; anything else is a
     * one-line error.
     */
    static int checkpointIndex(String choice, int m) {
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

    /** {@link #test} showing the checkpoint {@code checkpoint} ({@link #choose}) in model.json and the report. */
    static Outcome test(EngineOptions engine, CalibrationSpec spec, Calibration calibration, TrainingSamples observed,
            Path out, String title, Map<String, Object> extra, Standardization standardization,
            org.sparker.stats.coords.CoordinateMap map, String checkpoint) {
        long started = System.nanoTime();
        int steps = spec.trainer().steps();
        TrajectoryRecorder trajectories = new TrajectoryRecorder(Math.max(1, steps / 200));
        Detection.Result result;
        ForwardResult onData;
        double[] referenceScores;
        String backendName;
        Chosen chosen;
        try (KernelBackend backend = engine.open();
                Progress progress = Progress.start("training (" + backend.name() + ")", steps, engine.quiet)) {
            backendName = backend.name();
            result = Detection.run(backend, spec, calibration, observed, engine.seed, Aggregation.SPARKER,
                    (step, width, loss, t, params) -> {
                        trajectories.onStep(step, width, loss, t, params);
                        if (step % 50 == 0 || step == steps) {
                            progress.stepTo(step);
                        }
                    });
            chosen = choose(result, calibration, checkpoint);
            KernelModel model = chosen.model();
            onData = ForwardResult.allocate(observed.data().rows(), model.kernels());
            backend.forward(observed.data(), model, onData);
            // the reference needs only its scores (N values, not the N × M weights and components)
            referenceScores = new double[observed.reference().rows()];
            backend.logRatio(observed.reference(), model, referenceScores);
            for (int i = 0; i < referenceScores.length; i++) {
                referenceScores[i] = org.sparker.engine.Loss.sigmoid(referenceScores[i]);
            }
        } catch (TrainingDivergedException e) {
            throw new UserError(e.getMessage(), e);
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        Map<String, Object> json = resultJson(result, calibration, backendName, engine.seed, seconds, observed, extra);
        KernelModel model = chosen.model();
        Map<String, Object> which = new LinkedHashMap<>();
        which.put("checkpoint", chosen.index() + 1);
        which.put("sigma", result.widths()[chosen.index()]);
        which.put("t", result.testStatistics()[chosen.index()]);
        which.put("p_value", result.pValues()[chosen.index()]);
        which.put("selected_by", chosen.selectedBy());
        json.put("model_checkpoint", which);
        Map<String, Object> modelJson = ModelFiles.toJson(model, standardization, map);
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
                "result.json", o -> OutputFiles.JSON.writeValue(o, json),
                "model.json", o -> OutputFiles.JSON.writeValue(o, modelJson),
                "report.html", o -> o.write(Report.render(new Report.Data(title, result, calibration, observed, onData,
                        referenceScores, trajectories.frames(), json, model, chosen.index(), chosen.selectedBy())).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        return new Outcome(result, calibration, json, out);
    }

    static Map<String, Object> resultJson(Detection.Result r, Calibration calibration, String backend, long seed,
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
    static Map<String, Object> extrapolationJson(org.sparker.stats.Extrapolation e) {
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
    static String summary(Outcome o) {
        var g = o.result().global();
        String line = String.format("p-value %s %.4g, Z %s %s (%d calibration toys, combined statistic %.3f)",
                g.upperLimit() ? "≤" : "=", g.pValue(), g.upperLimit() ? "≥" : "=", OutputFiles.formatZ(g.z()), g.toys(),
                g.statistic());
        Object x = o.json().get("extrapolated");
        if (x instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("accepted"))) {
            line += String.format("; extrapolated (tail model, KS p %.2g): p %.3g, Z %s", (Double) m.get("ks_p_value"),
                    (Double) m.get("p_value"), OutputFiles.extrapolatedZ(m));
        } else if (x instanceof Map<?, ?> m) {
            line += "; no extrapolation (" + m.get("reason") + ")";
        }
        return line;
    }
}
