package org.sparker.calibration;

import java.util.LinkedHashMap;
import java.util.Map;

import org.sparker.engine.KernelBackend;
import org.sparker.engine.TrainingSamples;
import org.sparker.engine.train.Trainer;
import org.sparker.engine.train.TrainerConfig;

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

    /** The trainer's settings under {@code trainer} (its seed excluded: toys derive theirs). */
    @Override
    public Map<String, Object> describe() {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("kernels", config.kernels());
        t.put("steps", config.steps());
        t.put("optimizer", config.optimizer().name());
        t.put("center_rate", config.centerRate());
        t.put("amplitude_rate", config.amplitudeRate());
        t.put("center_units", config.centerUnits().name());
        t.put("schedule", config.schedule().name());
        t.put("annealing", config.annealing().name());
        t.put("anneal_fraction", config.annealFraction());
        t.put("initialization", config.initialization().name());
        t.put("explore_fraction", config.exploreFraction());
        if (config.centerStepCap() > 0) {
            // only when set, so calibrations made before the option existed still match
            t.put("center_step_cap", config.centerStepCap());
        }
        t.put("amplitude_clip", config.amplitudeClip());
        t.put("l2", config.l2());
        t.put("loss", config.loss().name());
        t.put("softmax", config.softmax());
        t.put("checkpoints", config.checkpoints());
        t.put("width_initial", config.widthRange().initial());
        t.put("width_final", config.widthRange().last());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("trainer", t);
        return d;
    }
}
