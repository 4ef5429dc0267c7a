package org.sparker.stats;

import java.util.LinkedHashMap;
import java.util.Map;

import org.sparker.engine.TrainingSamples;
import org.sparker.engine.train.Seeds;
import org.sparker.engine.train.TrainerConfig;
import org.sparker.engine.train.WidthRange;

/**
 * What defines a calibration: the training configuration (with a fixed width range, so every
 * toy and the tested data share the checkpoint widths), where the anomaly-free toys come from,
 * and the master seed from which toy {@code k} derives its own streams.
 */
public record CalibrationSpec(TrainerConfig trainer, ToySource source, long seed) {

    public CalibrationSpec {
        if (trainer == null || source == null) {
            throw new IllegalArgumentException("calibration: a trainer configuration and a toy source are required");
        }
        if (trainer.widthRange() == null) {
            throw new IllegalArgumentException("calibration: the trainer needs a fixed width range so that all toys "
                    + "share the checkpoint widths; use CalibrationSpec.withEstimatedRange");
        }
    }

    /**
     * A spec whose width range is estimated once (DESIGN.md §4) from one extra anomaly-free toy
     * drawn from its own stream of {@code seed}, then fixed for every toy and the real test.
     */
    public static CalibrationSpec withEstimatedRange(TrainerConfig trainer, ToySource source, long seed) {
        TrainingSamples s = source.sample(-1, Seeds.stream(Seeds.derive(seed, -1)));
        WidthRange range = WidthRange.fromPairwiseDistances(s.reference().concat(s.data()), trainer.widthSubset(),
                Seeds.stream(Seeds.derive(seed, -2)));
        return new CalibrationSpec(trainer.withWidthRange(range), source, seed);
    }

    /** The seed of toy {@code k}'s sample stream. */
    public long toySeed(int k) {
        return Seeds.derive(seed, k);
    }

    /** The seed of toy {@code k}'s training (initial centres). */
    public long trainingSeed(int k) {
        return Seeds.derive(~seed, k);
    }

    /** The widths of the checkpoints: {@code σ_t} at each checkpoint step. */
    public double[] widths() {
        int[] steps = trainer.checkpointSteps();
        double[] w = new double[steps.length];
        for (int j = 0; j < steps.length; j++) {
            w[j] = trainer.widthRange().at(steps[j], trainer.steps());
        }
        return w;
    }

    /** Everything that shapes the null distribution, as JSON-friendly values (the trainer's seed excluded: toys derive theirs). */
    public Map<String, Object> describe() {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("kernels", trainer.kernels());
        t.put("steps", trainer.steps());
        t.put("learning_rate", trainer.learningRate());
        t.put("amplitude_clip", trainer.amplitudeClip());
        t.put("l2", trainer.l2());
        t.put("loss", trainer.loss().name());
        t.put("softmax", trainer.softmax());
        t.put("checkpoints", trainer.checkpoints());
        t.put("width_initial", trainer.widthRange().initial());
        t.put("width_final", trainer.widthRange().last());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("trainer", t);
        d.put("toys", source.parameters());
        d.put("seed", seed);
        return d;
    }
}
