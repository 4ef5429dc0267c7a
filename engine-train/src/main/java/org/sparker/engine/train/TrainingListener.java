package org.sparker.engine.train;

import org.sparker.engine.KernelParameters;

/**
 * Hears about every optimiser step: progress bars, loss curves, centre trajectories
 * ({@link TrajectoryRecorder}). Called on the training thread after the step's update.
 */
@FunctionalInterface
public interface TrainingListener {

    /**
     * @param step 1-based step number
     * @param width {@code σ_t} used at this step
     * @param loss the loss before the update, without regularisation
     * @param testStatistic {@code t = −2 L_NP} before the update
     * @param parameters the live parameters after the update: read them, copy what you keep,
     *     never hold on to them
     */
    void onStep(int step, double width, double loss, double testStatistic, KernelParameters parameters);

    /** A listener that does nothing. */
    TrainingListener NONE = (step, width, loss, t, parameters) -> { };
}
