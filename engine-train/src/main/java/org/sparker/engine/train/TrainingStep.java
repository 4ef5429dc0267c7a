package org.sparker.engine.train;

import org.sparker.engine.KernelBackend;
import org.sparker.engine.LossGradient;
import org.sparker.engine.ModelState;
import org.sparker.engine.PreparedSamples;

/**
 * One optimiser step of the trainer (docs/design.md §4), the unit that {@link Trainer} repeats
 * and that {@code sparker bench} and the JMH benchmarks time, so both run the same code:
 * <ol>
 * <li>one fused backend pass over {@code R ∪ D} at width {@code σ_t}: the loss, the test
 *     statistic and the analytic gradient;</li>
 * <li>a check that all of them are finite ({@link TrainingDivergedException} otherwise);</li>
 * <li>the L2 term {@code 2λ a_i} added to the amplitude gradient;</li>
 * <li>the update of the amplitudes and the centres ({@link TrainerConfig.Optimizer}: Adam,
 *     gradient descent on the loss per data point, or Adam on the amplitudes and gradient
 *     descent on the centres, after Adam steps on them too during the configuration's
 *     exploration steps), with the step sizes of the configuration
 *     times its schedule's factor and, for centres in {@link TrainerConfig.CenterUnits#WIDTH}
 *     units, scaled by σ_t; then the amplitude clip.</li>
 * </ol>
 * It owns its optimiser state and gradient buffer and allocates nothing per step.
 */
public final class TrainingStep {

    private final KernelBackend backend;
    private final PreparedSamples samples;
    private final ModelState state;
    private final TrainerConfig config;
    private final LossGradient gradient;
    private final Adam adam;
    private final double dataWeight;
    private final int exploreSteps;

    /**
     * @param backend the backend that prepared {@code samples}
     * @param samples the resident training samples (not closed here)
     * @param state the live parameters, updated in place by every step
     * @param config loss, learning rate, L2 and clip
     */
    public TrainingStep(KernelBackend backend, PreparedSamples samples, ModelState state, TrainerConfig config) {
        this.backend = backend;
        this.samples = samples;
        this.state = state;
        this.config = config;
        this.gradient = LossGradient.allocate(state.kernels(), state.dimension());
        this.adam = new Adam(state.kernels() + state.kernels() * state.dimension());
        double w = 0;
        var s = samples.samples();
        for (int i = 0; i < s.data().rows(); i++) {
            w += s.dataPointWeight(i);
        }
        this.dataWeight = w;
        this.exploreSteps = config.exploreSteps();
    }

    /**
     * Step {@code step} at width {@code sigma}: evaluates, checks, updates. Afterwards
     * {@link #gradient()} holds the loss, the statistic and the gradient of the model before the
     * update.
     *
     * @throws TrainingDivergedException if the loss, the statistic or a gradient is not finite
     */
    public void run(int step, double sigma) {
        int m = state.kernels();
        state.setWidth(sigma);
        backend.lossAndGradient(samples, state, config.loss(), gradient);
        requireFinite(step, sigma, gradient);
        double[] gradA = gradient.amplitudeGradient();
        double l2 = config.l2();
        for (int i = 0; i < m; i++) {
            gradA[i] += 2 * l2 * state.amplitudes[i];
        }
        double rate = config.schedule().factor(step, config.steps());
        double scale = switch (config.centerUnits()) {
            case WIDTH -> sigma;
            case INITIAL_WIDTH -> config.widthRange().initial();
            case DATA -> 1.0;
        };
        double[] gradMu = gradient.centerGradient();
        int md = m * state.dimension();
        switch (config.optimizer()) {
            case ADAM -> {
                adam.beginStep();
                adam.update(state.amplitudes, gradA, m, 0, rate * config.amplitudeRate(), 1.0);
                adam.update(state.centers, gradMu, md, m, rate * config.centerRate(), scale);
            }
            case GRADIENT_DESCENT -> {
                // the loss per data point, so a step size means the same for any sample size
                double ga = rate * config.amplitudeRate() / dataWeight;
                for (int i = 0; i < m; i++) {
                    state.amplitudes[i] -= ga * gradA[i];
                }
                descendCenters(gradMu, rate * config.centerRate() * scale * scale / dataWeight, sigma);
            }
            case HYBRID -> {
                adam.beginStep();
                adam.update(state.amplitudes, gradA, m, 0, rate * config.amplitudeRate(), 1.0);
                if (step <= exploreSteps) {
                    adam.update(state.centers, gradMu, md, m, rate * config.amplitudeRate(), scale);
                } else {
                    descendCenters(gradMu, rate * config.centerRate() * scale * scale / dataWeight, sigma);
                }
            }
        }
        double clip = config.amplitudeClip();
        for (int i = 0; i < m; i++) {
            state.amplitudes[i] = Math.max(-clip, Math.min(clip, state.amplitudes[i]));
        }
    }

    /**
     * {@code μ_i ← μ_i − step ∂L/∂μ_i}, each kernel's step shortened to {@code cap · σ} (its
     * direction kept) when {@link TrainerConfig#centerStepCap()} is set and the step is longer.
     */
    private void descendCenters(double[] gradMu, double step, double sigma) {
        int d = state.dimension();
        double cap = config.centerStepCap() * sigma;
        for (int i = 0; i < state.kernels(); i++) {
            double factor = step;
            if (cap > 0) {
                double norm = 0;
                for (int k = 0; k < d; k++) {
                    double g = step * gradMu[i * d + k];
                    norm += g * g;
                }
                norm = Math.sqrt(norm);
                if (norm > cap) {
                    factor = step * (cap / norm);
                }
            }
            for (int k = 0; k < d; k++) {
                state.centers[i * d + k] -= factor * gradMu[i * d + k];
            }
        }
    }

    /**
     * Evaluates the current parameters at width {@code sigma} without updating them (a
     * checkpoint's statistic) into {@link #gradient()}.
     */
    public void evaluate(int step, double sigma) {
        state.setWidth(sigma);
        backend.lossAndGradient(samples, state, config.loss(), gradient);
        requireFinite(step, sigma, gradient);
    }

    /**
     * Clears the optimiser state of kernel {@code i} (its amplitude and centre): its next step is
     * a first one ({@link Adam#reset}).
     */
    public void resetKernel(int i) {
        int d = state.dimension();
        adam.reset(i, 1);
        adam.reset(state.kernels() + i * d, d);
    }

    /** The loss, statistic and gradient of the last {@link #run} (before its update) or {@link #evaluate}. */
    public LossGradient gradient() {
        return gradient;
    }

    /** The live parameters. */
    public ModelState state() {
        return state;
    }

    static void requireFinite(int step, double sigma, LossGradient g) {
        if (!Double.isFinite(g.loss())) {
            throw new TrainingDivergedException(step, sigma, "the loss is " + g.loss()
                    + (g.loss() == Double.POSITIVE_INFINITY ? " (e^f overflowed)" : ""));
        }
        if (!Double.isFinite(g.testStatistic())) {
            throw new TrainingDivergedException(step, sigma, "the test statistic is " + g.testStatistic()
                    + " (e^f overflowed)");
        }
        for (double v : g.amplitudeGradient()) {
            if (!Double.isFinite(v)) {
                throw new TrainingDivergedException(step, sigma, "an amplitude gradient is " + v);
            }
        }
        for (double v : g.centerGradient()) {
            if (!Double.isFinite(v)) {
                throw new TrainingDivergedException(step, sigma, "a centre gradient is " + v);
            }
        }
    }
}
