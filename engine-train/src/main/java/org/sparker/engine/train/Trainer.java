package org.sparker.engine.train;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.LossGradient;
import org.sparker.engine.ModelState;
import org.sparker.engine.PreparedSamples;
import org.sparker.engine.TrainingSamples;
import org.sparker.sampling.Seeds;

/**
 * Trains a SparKer model on any backend, exactly as docs/design.md §4 (paper App. A):
 * <ol>
 * <li>amplitudes start at 0 (the model is identically null); the {@code M} centres are distinct
 *     points of the data sample, drawn with the configuration's seed uniformly or by k-means++
 *     seeding ({@link TrainerConfig.Initialization}), or the configuration's explicit initial
 *     centres;</li>
 * <li>σ anneals from σ_0 to σ_T over the first {@code A = annealFraction · T} steps, linearly
 *     ({@code σ_t = σ_0 − (σ_0 − σ_T) t / A}) or geometrically, then holds σ_T
 *     ({@link TrainerConfig#widthAt}); the range is the configuration's or, when it has none,
 *     estimated from the samples;</li>
 * <li>each step ({@link TrainingStep}) is one fused backend pass over {@code R ∪ D} (loss and
 *     analytic gradient), plus the L2 term {@code λ Σ a_i²}, then the configured full-batch
 *     update of centres and amplitudes and a clip of the amplitudes to {@code [−clip, clip]};</li>
 * <li>after the steps of {@link TrainerConfig#checkpointSteps()} the model, σ_t and its test
 *     statistic {@code t(σ_t) = −2 L_NP} (no regularisation) are recorded; with
 *     {@link TrainerConfig#reseedDuplicates()}, kernels that share a centre are then made one
 *     again and the others reseeded ({@link #reseedDuplicates}), except after the last.</li>
 * </ol>
 * The samples are prepared once and stay resident on the backend for all steps. A non-finite
 * loss, statistic or gradient stops training with a {@link TrainingDivergedException} naming the
 * step and σ.
 */
public final class Trainer {

    private final KernelBackend backend;
    private final TrainerConfig config;

    public Trainer(KernelBackend backend, TrainerConfig config) {
        if (backend == null || config == null) {
            throw new IllegalArgumentException("trainer: backend and configuration are required");
        }
        this.backend = backend;
        this.config = config;
    }

    public TrainerConfig config() {
        return config;
    }

    /** Trains on {@code samples} without a listener. */
    public TrainingResult train(TrainingSamples samples) {
        return train(samples, TrainingListener.NONE);
    }

    /** Trains on {@code samples}, telling {@code listener} about every step. */
    public TrainingResult train(TrainingSamples samples, TrainingListener listener) {
        long started = System.nanoTime();
        UniformRandomProvider rng = Seeds.stream(config.seed());
        FloatMatrix data = samples.data();
        int m = config.kernels();
        int d = samples.dimension();
        if (data.rows() < m) {
            throw new IllegalArgumentException("kernels: M = " + m + " centres must start on distinct data points, but the data sample has "
                    + data.rows());
        }
        // the rows the centres start on, of the data or (pooled seeding) of R ∪ D, which the width
        // estimate below then reuses instead of concatenating again
        FloatMatrix seeds = config.initialization() == TrainerConfig.Initialization.SPREAD_POOLED
                ? samples.reference().concat(data) : data;
        int[] rows = switch (config.initialization()) {
            case DATA -> new PermutationSampler(rng, data.rows(), m).sample();
            case SPREAD, SPREAD_POOLED -> spread(seeds, m, rng);
        };
        WidthRange range = config.widthRange() != null ? config.widthRange()
                : WidthRange.fromPairwiseDistances(seeds != data ? seeds : samples.reference().concat(data),
                        config.widthSubset(), rng, config.widthQuantiles());

        double[] centers = new double[m * d];
        double[] given = config.initialCenters();
        if (given != null) {
            if (given.length != m * d) {
                throw new IllegalArgumentException("initialCenters: " + given.length + " values, but M×d = " + m + "×" + d);
            }
            System.arraycopy(given, 0, centers, 0, given.length);
        } else {
            for (int i = 0; i < m; i++) {
                for (int k = 0; k < d; k++) {
                    centers[i * d + k] = seeds.get(rows[i], k);
                }
            }
        }
        ModelState state = new ModelState(centers, d, new double[m], range.initial(), config.softmax());
        TrainerConfig schedule = config.withWidthRange(range);
        int[] checkpointSteps = config.checkpointSteps();
        List<Checkpoint> checkpoints = new ArrayList<>(checkpointSteps.length);
        int nextCheckpoint = 0;
        int steps = config.steps();

        try (PreparedSamples prepared = backend.prepare(samples)) {
            TrainingStep optimiser = new TrainingStep(backend, prepared, state, schedule);
            LossGradient grad = optimiser.gradient();
            for (int step = 1; step <= steps; step++) {
                double sigma = schedule.widthAt(step);
                optimiser.run(step, sigma);
                listener.onStep(step, sigma, grad.loss(), grad.testStatistic(), state);

                while (nextCheckpoint < checkpointSteps.length && checkpointSteps[nextCheckpoint] == step) {
                    // the statistic of the updated model, at this step's width
                    optimiser.evaluate(step, sigma);
                    checkpoints.add(new Checkpoint(step, sigma, grad.testStatistic(), grad.loss(), state.snapshot()));
                    nextCheckpoint++;
                    if (config.reseedDuplicates() && nextCheckpoint < checkpointSteps.length) {
                        for (int i : reseedDuplicates(state, data, sigma, config.amplitudeClip(), rng)) {
                            optimiser.resetKernel(i);
                        }
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new TrainingResult(checkpoints.get(checkpoints.size() - 1).model(), checkpoints, range,
                backend.name(), config.seed(), seconds);
    }

    /**
     * Makes kernels that share a centre ({@link DuplicateKernels#groups} at width {@code sigma})
     * one again: in each group the first kernel keeps its centre and takes the group's amplitude
     * (the sum without the softmax; the mean with it, since coincident kernels split their softmax
     * weight evenly), clipped to {@code [−clip, clip]}; each other member, in increasing order,
     * moves to a row of {@code data} drawn with probability proportional to its squared distance
     * to the nearest centre that stays or was placed before it (uniformly when every row lies on
     * one), with amplitude 0. Distances only enter through their ratios, so the draw is the same in
     * any translated, rotated or rescaled coordinates.
     *
     * @return the kernels moved (their optimiser state is the caller's to clear)
     */
    static int[] reseedDuplicates(ModelState state, FloatMatrix data, double sigma, double clip,
            UniformRandomProvider rng) {
        int m = state.kernels();
        int d = state.dimension();
        List<List<Integer>> groups = DuplicateKernels.groups(state.centers, d, sigma);
        if (groups.isEmpty()) {
            return new int[0];
        }
        boolean[] moving = new boolean[m];
        for (List<Integer> g : groups) {
            double sum = 0;
            for (int i : g) {
                sum += state.amplitudes[i];
            }
            double merged = state.softmax() ? sum / g.size() : sum;
            state.amplitudes[g.get(0)] = Math.max(-clip, Math.min(clip, merged));
            for (int i : g.subList(1, g.size())) {
                moving[i] = true;
            }
        }
        int n = data.rows();
        double[] nearest = new double[n];
        java.util.Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        for (int i = 0; i < m; i++) {
            if (!moving[i]) {
                closer(nearest, data, state.centers, i * d);
            }
        }
        int[] moved = new int[m];
        int count = 0;
        for (int i = 0; i < m; i++) {
            if (!moving[i]) {
                continue;
            }
            double total = 0;
            for (double v : nearest) {
                total += v;
            }
            int pick = total > 0 ? weightedDraw(nearest, total, rng) : rng.nextInt(n);
            for (int k = 0; k < d; k++) {
                state.centers[i * d + k] = data.get(pick, k);
            }
            state.amplitudes[i] = 0;
            closer(nearest, data, state.centers, i * d);
            moved[count++] = i;
        }
        return java.util.Arrays.copyOf(moved, count);
    }

    /**
     * The k-means++ draw: a row with probability {@code weight[r] / total} (rows of weight 0 never),
     * from one {@code nextDouble()} of {@code rng}.
     */
    private static int weightedDraw(double[] weight, double total, UniformRandomProvider rng) {
        double target = rng.nextDouble() * total;
        double acc = 0;
        int pick = -1;
        for (int r = 0; r < weight.length; r++) {
            if (weight[r] > 0) {
                acc += weight[r];
                pick = r;
                if (acc > target) {
                    break;
                }
            }
        }
        return pick;
    }

    /** {@code nearest[r] = min(nearest[r], ‖data_r − c‖²)} for the centre at {@code centers[at .. at + d)}, in double. */
    private static void closer(double[] nearest, FloatMatrix data, double[] centers, int at) {
        int d = data.cols();
        for (int r = 0; r < data.rows(); r++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                double diff = (double) data.get(r, k) - centers[at + k];
                s += diff * diff;
            }
            nearest[r] = Math.min(nearest[r], s);
        }
    }

    /**
     * k-means++ seeding over the rows of {@code data} ({@link TrainerConfig.Initialization#SPREAD}):
     * distinct rows, the first drawn uniformly, each next drawn with probability proportional to the squared
     * distance (in double) to the nearest row already chosen; when every remaining row coincides
     * with a chosen one, uniformly among the rows not chosen.
     */
    static int[] spread(FloatMatrix data, int m, UniformRandomProvider rng) {
        int n = data.rows();
        int d = data.cols();
        int[] rows = new int[m];
        rows[0] = rng.nextInt(n);
        boolean[] chosen = new boolean[n];
        chosen[rows[0]] = true;
        double[] nearest = new double[n]; // squared distance to the nearest chosen row
        java.util.Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        for (int c = 1; c < m; c++) {
            int last = rows[c - 1];
            double total = 0;
            for (int i = 0; i < n; i++) {
                if (chosen[i]) {
                    nearest[i] = 0;
                    continue;
                }
                double s = 0;
                for (int k = 0; k < d; k++) {
                    double diff = (double) data.get(i, k) - data.get(last, k);
                    s += diff * diff;
                }
                nearest[i] = Math.min(nearest[i], s);
                total += nearest[i];
            }
            int pick = -1;
            if (total > 0) {
                pick = weightedDraw(nearest, total, rng);
            } else {
                int skip = rng.nextInt(n - c);
                for (int i = 0; i < n; i++) {
                    if (!chosen[i] && skip-- == 0) {
                        pick = i;
                        break;
                    }
                }
            }
            rows[c] = pick;
            chosen[pick] = true;
        }
        return rows;
    }
}
