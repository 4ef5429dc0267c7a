package org.sparker.app;

import java.io.IOException;
import java.nio.file.Path;

import org.sparker.calibration.CalibrationRunner;
import org.sparker.calibration.CalibrationSpec;
import org.sparker.calibration.IoErrors;
import org.sparker.calibration.ToyExecutor;
import org.sparker.engine.train.TrainerSettings;
import org.sparker.engine.train.TrainingDivergedException;
import org.sparker.stats.Calibration;

/**
 * Calibrations as the workflows run them: toys side by side, one single-threaded backend each
 * (the best use of the cores), progress to the engine's {@link Reporter}, kept in a resumable
 * file or in memory, and every failure a one-line {@link UserError} naming the file or setting.
 */
public final class Calibrations {

    private Calibrations() {
    }

    /**
     * Makes sure the calibration holds {@code toys} toys of {@code spec}: in {@code file} (created,
     * resumed or extended), or in memory when {@code file} is null.
     */
    public static Calibration calibrate(Engine engine, CalibrationSpec spec, int toys, Path file) {
        return calibrate(engine, spec, toys, file, null);
    }

    /**
     * {@link #calibrate(Engine, CalibrationSpec, int, Path)} with the toys trained by
     * {@code executor} (a cluster's tasks), or on this machine's threads when it is null.
     */
    public static Calibration calibrate(Engine engine, CalibrationSpec spec, int toys, Path file, ToyExecutor executor) {
        CalibrationRunner runner = executor != null ? new CalibrationRunner(executor)
                : new CalibrationRunner(() -> engine.open(1), Math.min(engine.effectiveThreads(), toys));
        String name = executor != null ? executor.backend() : engine.resolvedName();
        try (Reporter.Task task = engine.reporter().start("calibration (" + name + ")", toys)) {
            return asUserErrors(file, () -> file == null
                    ? runner.runInMemory(spec, toys, (done, total, r) -> task.stepTo(done))
                    : runner.run(spec, toys, file, (done, total, r) -> task.stepTo(done)));
        }
    }

    /** Shard {@code shard}/{@code shards} of a calibration into its own file; returns the shard's toy count. */
    public static int calibrateShard(Engine engine, CalibrationSpec spec, int toys, Path file, int shard, int shards) {
        int mine = (toys - shard + shards - 1) / shards;
        CalibrationRunner runner = new CalibrationRunner(() -> engine.open(1),
                Math.max(1, Math.min(engine.effectiveThreads(), mine)));
        try (Reporter.Task task = engine.reporter().start("calibration shard " + shard + "/" + shards + " ("
                + engine.resolvedName() + ")", mine)) {
            asUserErrors(file, () -> runner.run(spec, toys, file, (done, total, r) -> task.stepTo(done), shard, shards));
            return mine;
        }
    }

    /** A calibration step whose failures become one-line errors naming the file or the setting. */
    @FunctionalInterface
    interface Step<T> {
        T run() throws IOException;
    }

    static <T> T asUserErrors(Path file, Step<T> step) {
        try {
            return step.run();
        } catch (IOException e) {
            throw new UserError((file == null ? "calibration" : file.toString()) + ": " + IoErrors.describe(e), e);
        } catch (UserError e) {
            throw e;
        } catch (IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage());
            java.util.regex.Matcher setting = java.util.regex.Pattern.compile("^([a-z-]+): ").matcher(m);
            if (setting.find() && TrainerSettings.option(setting.group(1)).isPresent()) {
                m = "--" + m; // a training setting's own check: named as the option
            }
            throw new UserError(m + changedDefaultHint(m), e);
        } catch (java.util.concurrent.CancellationException e) {
            throw e;
        } catch (IllegalStateException e) {
            // a second writer of the same calibration file: an expected condition, named by the file's lock
            throw new UserError(e.getMessage(), e);
        } catch (TrainingDivergedException | ArithmeticException e) {
            // a diverged training, or a baseline whose fit cannot proceed (both name the setting to change)
            throw new UserError("a calibration toy: " + e.getMessage(), e);
        }
    }

    /**
     * For a calibration made with other settings than this command's, the option to change:
     * the header key of the first difference ({@code trainer.center_step_cap}) named as the user
     * types it ({@code --center-step-cap}); a different width range means other units (the
     * standardization) or another reference; else empty.
     */
    public static String changedDefaultHint(String message) {
        if (message == null || !message.contains("this calibration was made with another configuration")) {
            return "";
        }
        if (message.contains("toys.units is missing")) {
            return " (its toys were not standardized each on its own reference: it was made with --no-standardize and "
                    + "without --pca or --spherical, so use those settings, or by a sparker before 2026-12-04, which "
                    + "standardized the "
                    + "toys on the whole reference; make a new calibration then)";
        }
        if (message.contains("toys.units is not expected")) {
            return " (a calibration of standardized, projected or spherical toys: drop --no-standardize or give its "
                    + "--pca or --spherical, or make a new one)";
        }
        if (message.contains("toys.units: ")) {
            return " (its toys were put in other units: use the same --pca, --spherical and --standardize settings, or "
                    + "make a new one)";
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("trainer\\.([a-z_]+)").matcher(message);
        if (m.find()) {
            String key = m.group(1);
            if (key.equals(TrainerSettings.WIDTH_INITIAL) || key.equals(TrainerSettings.WIDTH_FINAL)) {
                return " (other widths: a calibration made in the input's units, not standardized, needs "
                        + "--no-standardize; else it was made with other --width-quantiles, or for another reference "
                        + "or --map)";
            }
            String option = TrainerSettings.optionOf(key);
            if (!option.equals(key)) {
                return " (set " + option + " as the calibration has it, or use another calibration file)";
            }
        }
        return "";
    }
}
