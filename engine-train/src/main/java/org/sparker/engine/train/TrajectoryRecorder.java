package org.sparker.engine.train;

import java.util.ArrayList;
import java.util.List;

import org.sparker.engine.KernelParameters;

/**
 * Records the kernel centres and amplitudes every {@code every} steps (and at step 1), for
 * Figure 4-style trajectory plots.
 */
public final class TrajectoryRecorder implements TrainingListener {

    /** The state at one recorded step. */
    public record Frame(int step, double width, double[] centers, double[] amplitudes) {
    }

    private final int every;
    private final List<Frame> frames = new ArrayList<>();

    public TrajectoryRecorder(int every) {
        if (every < 1) {
            throw new IllegalArgumentException("every: must be ≥ 1, got " + every);
        }
        this.every = every;
    }

    @Override
    public void onStep(int step, double width, double loss, double testStatistic, KernelParameters parameters) {
        if (step == 1 || step % every == 0) {
            double[] c = new double[parameters.kernels() * parameters.dimension()];
            double[] a = new double[parameters.kernels()];
            parameters.copyCentersTo(c);
            parameters.copyAmplitudesTo(a);
            frames.add(new Frame(step, width, c, a));
        }
    }

    /** The recorded frames, in step order. */
    public List<Frame> frames() {
        return List.copyOf(frames);
    }
}
