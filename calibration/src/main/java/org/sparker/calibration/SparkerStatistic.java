package org.sparker.calibration;

import org.sparker.engine.KernelBackend;
import org.sparker.engine.TrainingSamples;
import org.sparker.engine.train.Trainer;
import org.sparker.engine.train.TrainerConfig;
import org.sparker.engine.train.TrainerSettings;

/**
 * SparKer's test statistics: {@code t(σ_j) = −2 L_NP} at each checkpoint of one training
 * (Algorithm 1). The trainer needs a fixed width range, so that every toy and the tested data
 * share the checkpoint widths.
 */
public record SparkerStatistic(TrainerConfig config) implements TestStatistic {

    public SparkerStatistic {
        if (config == null) {
            throw new IllegalArgumentException("calibration: a trainer configuration is required");
        }
        if (config.widthRange() == null) {
            throw new IllegalArgumentException("calibration: the trainer needs a fixed width range so that all toys "
                    + "share the checkpoint widths; use CalibrationSpec.withEstimatedRange");
        }
    }

    @Override
    public String method() {
        return "sparker";
    }

    /** The widths of the checkpoints: {@code σ_t} at each checkpoint step. */
    @Override
    public double[] widths() {
        int[] steps = config.checkpointSteps();
        double[] w = new double[steps.length];
        for (int j = 0; j < steps.length; j++) {
            w[j] = config.widthAt(steps[j]);
        }
        return w;
    }

    @Override
    public double[] evaluate(KernelBackend backend, TrainingSamples samples, long seed) {
        return new Trainer(backend, config.withSeed(seed)).train(samples).testStatistics();
    }

    /** The trainer's settings under {@code trainer} ({@link TrainerSettings#describe}; the seed excluded: toys derive theirs). */
    @Override
    public StatisticSettings settings() {
        return StatisticSettings.ofTrainer(TrainerSettings.describe(config));
    }
}
