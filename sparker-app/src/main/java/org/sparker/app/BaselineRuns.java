package org.sparker.app;

import org.sparker.app.io.OutputFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sparker.baselines.KernelNpStatistic;
import org.sparker.baselines.MmdFuse;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.TrainingSamples;
import org.sparker.sampling.Seeds;
import org.sparker.sampling.Stream;
import org.sparker.stats.Aggregation;
import org.sparker.stats.Calibration;
import org.sparker.calibration.CalibrationSpec;
import org.sparker.stats.WidthPValue;
import org.sparker.stats.GlobalPValue;
import org.sparker.stats.PValues;
import org.sparker.calibration.ToySource;

/**
 * The baselines on the user's samples for {@code run --method}: the kernel Neyman–Pearson test
 * (calibrated on the same toys as SparKer, per-width p-values combined by min-p), and MMD-FUSE
 * (a permutation test: no calibration). Each writes {@code result.json}.
 */
final class BaselineRuns {

    private BaselineRuns() {
    }

    /** The kernel NP test of {@code observed}, calibrated on {@code toys} toys of {@code source}. */
    static Map<String, Object> kernelNp(Engine engine, BaselineSettings options, ToySource source,
            TrainingSamples observed, int toys, Path calibrationFile) {
        long started = System.nanoTime();
        KernelNpStatistic stat;
        try {
            stat = options.kernelNpStatistic(options.kernelNp(), source, engine.seed());
        } catch (IllegalArgumentException e) {
            throw new UserError("--np-widths/--np-percentiles: " + e.getMessage());
        }
        CalibrationSpec spec = new CalibrationSpec(stat, source, engine.seed());
        Calibration cal = Calibrations.calibrate(engine, spec, toys, calibrationFile);
        double[] t;
        String backendName;
        try (KernelBackend backend = engine.open(); Reporter.Task p = engine.reporter().start("kernel-np test", 1)) {
            backendName = backend.name();
            t = stat.evaluate(backend, observed, Stream.OBSERVED_BASELINE.seed(engine.seed()));
            p.stepTo(1);
        } catch (ArithmeticException e) {
            throw new UserError("kernel-np: " + e.getMessage(), e);
        }
        Aggregation rule = options.aggregation();
        GlobalPValue g = cal.globalPValue(t, rule);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("method", "kernel-np");
        json.put("p_value", g.pValue());
        OutputFiles.putZ(json, g.z());
        json.put("upper_limit", g.upperLimit());
        json.put("combined_statistic", g.statistic());
        json.put("aggregation", rule.name().toLowerCase(java.util.Locale.ROOT));
        json.put("toys", cal.toys());
        List<WidthPValue> widths = WidthPValue.of(cal, t, stat.percentiles());
        json.put("widths", widths);
        json.put("config", stat.describe().get("test"));
        finish(json, engine, backendName, started, observed);
        json.put("calibration_file", calibrationFile.toString());
        return json;
    }

    /** MMD-FUSE of {@code observed}: p-value by permutation. */
    static Map<String, Object> mmdFuse(Engine engine, BaselineSettings options, TrainingSamples observed) {
        long started = System.nanoTime();
        MmdFuse.Config c = options.mmdFuse();
        MmdFuse test = new MmdFuse(new MmdFuse.Config(c.kernels(), c.bandwidths(), c.permutations(), c.landmarks(),
                c.maxFeatures(), c.pivotTolerance(), engine.effectiveThreads()));
        MmdFuse.Result r;
        String backendName;
        try (KernelBackend backend = engine.open(); Reporter.Task p = engine.reporter().start("mmd-fuse test", 1)) {
            backendName = backend.name();
            r = test.test(backend, observed, Stream.OBSERVED_BASELINE.seed(engine.seed()));
            p.stepTo(1);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("method", "mmd-fuse");
        json.put("p_value", r.pValue());
        OutputFiles.putZ(json, PValues.zScore(r.pValue()));
        json.put("upper_limit", r.pValue() <= 1.0 / (test.config().permutations() + 1));
        json.put("fused_statistic", r.statistic());
        List<Map<String, Object>> pairs = new ArrayList<>();
        for (int i = 0; i < r.bandwidths().length; i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kernel", r.kernels().get(i).label());
            m.put("bandwidth", r.bandwidths()[i]);
            m.put("normalised_mmd", r.statistics()[i]);
            m.put("features", r.features()[i]);
            pairs.add(m);
        }
        json.put("kernels", pairs);
        json.put("config", test.config().describe());
        finish(json, engine, backendName, started, observed);
        return json;
    }

    private static void finish(Map<String, Object> json, Engine engine, String backend, long started,
            TrainingSamples observed) {
        json.put("backend", backend);
        json.put("seed", engine.seed());
        json.put("seconds", (System.nanoTime() - started) / 1e9);
        json.put("n_reference", observed.reference().rows());
        json.put("n_data", observed.data().rows());
        json.put("dimension", observed.dimension());
    }

    /** One line for the terminal. */
    public static String summary(Map<String, Object> json) {
        boolean upper = Boolean.TRUE.equals(json.get("upper_limit"));
        return String.format("%s: p-value %s %.4g, Z %s %.2f", json.get("method"), upper ? "≤" : "=",
                (Double) json.get("p_value"), upper ? "≥" : "=",
                json.get("z") == null ? Double.NEGATIVE_INFINITY : (Double) json.get("z"));
    }
}
