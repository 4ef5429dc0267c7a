package org.sparker.calibration;

import org.sparker.stats.Aggregation;
import org.sparker.stats.Calibration;
import org.sparker.stats.GlobalPValue;

import org.sparker.engine.KernelBackend;
import org.sparker.engine.TrainingSamples;
import org.sparker.engine.train.Trainer;
import org.sparker.engine.train.TrainingListener;
import org.sparker.engine.train.TrainingResult;

/**
 * Algorithm 1, lines 15–24: train on (reference, data) with the calibration's configuration,
 * then the per-width p-values, the combined statistic, and the global p-value with its Z.
 */
public final class Detection {

    private Detection() {
    }

    /** The outcome of one test. */
    public record Result(TrainingResult training, double[] widths, double[] testStatistics, double[] pValues,
            Aggregation aggregation, GlobalPValue global) {
    }

    /**
     * Runs the test on {@code samples}. They must match the calibration's toys in {@code N_R},
     * {@code N_D} (or its expectation) and {@code w_R}: the null distribution depends on all three.
     */
    public static Result run(KernelBackend backend, CalibrationSpec spec, Calibration calibration,
            TrainingSamples samples, long seed, Aggregation rule, TrainingListener listener) {
        requireSameWidths(spec, calibration);
        TrainingResult training = new Trainer(backend, spec.trainer().withSeed(seed)).train(samples, listener);
        return evaluate(training, spec, calibration, rule);
    }

    /**
     * The p-values of a finished training against {@code calibration} (lines 19–24): a test can be
     * evaluated again against a calibration extended with more toys without training again.
     */
    public static Result evaluate(TrainingResult training, CalibrationSpec spec, Calibration calibration,
            Aggregation rule) {
        requireSameWidths(spec, calibration);
        double[] t = training.testStatistics();
        double[] p = calibration.pValues(t);
        return new Result(training, spec.widths(), t, p, rule, calibration.globalPValue(t, rule));
    }

    private static void requireSameWidths(CalibrationSpec spec, Calibration calibration) {
        double[] widths = spec.widths();
        double[] calibrated = calibration.widths();
        for (int j = 0; j < widths.length; j++) {
            if (Math.abs(widths[j] - calibrated[j]) > 1e-12 * Math.abs(calibrated[j])) {
                throw new IllegalArgumentException("calibration: its checkpoint widths differ from this configuration's ("
                        + calibrated[j] + " vs " + widths[j] + " at checkpoint " + (j + 1) + ")");
            }
        }
    }
}
