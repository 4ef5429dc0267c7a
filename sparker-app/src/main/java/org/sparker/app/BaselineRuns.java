package org.sparker.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.sparker.app.io.OutputFiles;
import org.sparker.app.io.ResultFiles;
import org.sparker.baselines.KernelNpStatistic;
import org.sparker.baselines.MmdFuse;
import org.sparker.calibration.CalibrationSpec;
import org.sparker.calibration.ToySource;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.TrainingSamples;
import org.sparker.sampling.Stream;
import org.sparker.stats.Aggregation;
import org.sparker.stats.Calibration;
import org.sparker.stats.GlobalPValue;
import org.sparker.stats.PValues;
import org.sparker.stats.WidthPValue;

/**
 * The baselines on the user's samples for {@code run --method}: the kernel Neyman–Pearson test
 * (calibrated on the same toys as SparKer, per-width p-values combined by min-p), and MMD-FUSE
 * (a permutation test: no calibration). Each writes {@code result.json}.
 */
final class BaselineRuns {

    private BaselineRuns() {
    }

    /** The kernel NP test of {@code observed}, calibrated on {@code toys} toys of {@code source}; the file names are the run's. */
    static ResultFiles.BaselineResult kernelNp(Engine engine, BaselineSettings options, ToySource source,
            TrainingSamples observed, int toys, Path calibrationFile, Path referenceFile, Path dataFile) {
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
        return new ResultFiles.BaselineResult(ResultFiles.BASELINE_FORMAT, ResultFiles.VERSION, "kernel-np", g.pValue(),
                Double.isFinite(g.z()) ? g.z() : null, ResultFiles.zNote(g.z()), g.upperLimit(),
                "the share of the anomaly-free calibration toys whose per-width p-values (against the other "
                        + "toys and the data), combined by " + rule.cliName() + ", are at least as extreme as the "
                        + "data's, ties ranked by " + ResultFiles.tieBreak(rule) + ", counting the data as one more toy",
                g.statistic(), rule.cliName(), cal.toys(), WidthPValue.of(cal, t, stat.percentiles()), null, null,
                stat.settings().test(), backendName, engine.seed(), (System.nanoTime() - started) / 1e9,
                observed.reference().rows(), observed.data().rows(), observed.dimension(), calibrationFile.toString(),
                referenceFile.toString(), dataFile.toString());
    }

    /** MMD-FUSE of {@code observed}: p-value by permutation; the file names are the run's. */
    static ResultFiles.BaselineResult mmdFuse(Engine engine, BaselineSettings options, TrainingSamples observed,
            Path referenceFile, Path dataFile) {
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
        List<ResultFiles.MmdKernel> kernels = new ArrayList<>();
        for (int i = 0; i < r.bandwidths().length; i++) {
            kernels.add(new ResultFiles.MmdKernel(r.kernels().get(i).label(), r.bandwidths()[i], r.statistics()[i],
                    r.features()[i]));
        }
        double z = PValues.zScore(r.pValue());
        return new ResultFiles.BaselineResult(ResultFiles.BASELINE_FORMAT, ResultFiles.VERSION, "mmd-fuse", r.pValue(),
                Double.isFinite(z) ? z : null, ResultFiles.zNote(z), r.pValue() <= 1.0 / (test.config().permutations() + 1),
                "the share of " + test.config().permutations() + " random splits of the pooled points whose fused "
                        + "statistic is at least the data's, counting the data's split as one more",
                null, null, null, null, r.statistic(), kernels, test.config(), backendName, engine.seed(),
                (System.nanoTime() - started) / 1e9, observed.reference().rows(), observed.data().rows(),
                observed.dimension(), null, referenceFile.toString(), dataFile.toString());
    }

    /** One line for the terminal. */
    public static String summary(ResultFiles.BaselineResult r) {
        boolean upper = r.upperLimit();
        return String.format(Locale.ROOT, "%s: p-value %s %.4g, Z %s %s", r.method(), upper ? "≤" : "=", r.pValue(), upper ? "≥" : "=",
                OutputFiles.formatZ(r.z() != null ? r.z() : r.pValue() >= 1 ? Double.NEGATIVE_INFINITY
                        : Double.POSITIVE_INFINITY));
    }
}
