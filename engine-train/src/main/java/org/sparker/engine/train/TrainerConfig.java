package org.sparker.engine.train;

import java.util.Arrays;
import java.util.Objects;

import org.sparker.engine.Loss;

/**
 * Everything that defines a training (docs/design.md §4, paper App. A). Two trainings with equal
 * configurations on equal samples and the same backend give identical results.
 *
 * @param kernels number of kernels {@code M} (the paper uses 5 everywhere)
 * @param steps optimiser steps {@code T}
 * @param optimizer how centres and amplitudes move ({@link Optimizer})
 * @param centerRate the centres' step size: with {@link CenterUnits#WIDTH}, in units of the
 *     current width σ_t; with {@link CenterUnits#DATA}, in the data's own units
 * @param amplitudeRate the amplitudes' step size
 * @param centerUnits what a centre step is measured in ({@link CenterUnits})
 * @param schedule how both step sizes change over the steps ({@link Schedule})
 * @param annealing the profile of σ from σ_0 to σ_T ({@link Annealing})
 * @param annealFraction σ anneals from σ_0 to σ_T over the first
 *     {@code annealFraction · T} steps, then holds σ_T; 1 anneals over all of them
 * @param amplitudeClip amplitudes are clipped to {@code [−clip, clip]} after every step
 * @param l2 coefficient λ of the penalty {@code λ Σ a_i²} added to the training loss
 * @param loss the training loss; the test statistic is always {@code −2 L_NP}
 * @param softmax the paper's softmax competition (true) or the ablation {@code f = Σ a_i k_i}
 * @param checkpoints number {@code m} of checkpoints ({@link #checkpointSteps()})
 * @param widthRange σ_0 and σ_T, or {@code null} to estimate them from the samples
 *     ({@link WidthRange#fromPairwiseDistances}); calibrations fix it for all toys
 * @param widthSubset size of the random subset of {@code R ∪ D} used to estimate the range
 * @param widthQuantiles the pairwise-distance quantiles an estimated range comes from
 *     ({@link WidthRange.Quantiles}; the paper's 1% and 99% by default)
 * @param seed seed of the training's random choices (initial centres, the subset)
 * @param initialCenters row-major {@code M×d} starting centres, or {@code null} to choose them
 *     from the data sample ({@code initialization}); studies that compare configurations "from
 *     the same initialization" set it
 * @param initialization how the centres are chosen from the data sample when
 *     {@code initialCenters} is null ({@link Initialization})
 * @param exploreFraction with {@link Optimizer#HYBRID}, the centres take Adam steps too during
 *     the first {@code exploreFraction · T} steps (step size: the amplitude rate, in
 *     {@code centerUnits}), then gradient-descent steps; 0 (the default) never
 * @param centerStepCap the longest gradient-descent step a centre may take, in units of the
 *     current width σ_t (the step's direction is kept); 0 sets no cap; default
 *     {@link #DEFAULT_CENTER_STEP_CAP}. Adam steps are bounded by their rate already and are not capped
 * @param reseedDuplicates after every checkpoint but the last, kernels whose centres lie within
 *     {@link DuplicateKernels#WIDTHS} σ_t of each other ({@link DuplicateKernels}) are made one
 *     again: the group's first kernel keeps its centre and takes the group's amplitude (the sum
 *     without the softmax; the mean with it, since coincident kernels share their softmax weight),
 *     and each other member moves to a data point drawn by k-means++ seeding against the centres
 *     that stay, with amplitude 0 and its optimiser state cleared (default: false)
 */
public record TrainerConfig(int kernels, int steps, Optimizer optimizer, double centerRate, double amplitudeRate,
        CenterUnits centerUnits, Schedule schedule, Annealing annealing, double annealFraction, double amplitudeClip,
        double l2, Loss loss, boolean softmax, int checkpoints, WidthRange widthRange, int widthSubset,
        WidthRange.Quantiles widthQuantiles, long seed, double[] initialCenters, Initialization initialization, double exploreFraction, double centerStepCap,
        boolean reseedDuplicates) implements java.io.Serializable {

    /** Paper: {@code M = 5} everywhere. */
    public static final int DEFAULT_KERNELS = 5;
    /** Default steps: enough for the 1D and 2D toys at the default learning rate. */
    public static final int DEFAULT_STEPS = 2000;
    /** Adam's default step size, of centres (in their units) and of amplitudes; the paper gives none. */
    public static final double DEFAULT_LEARNING_RATE = 0.05;
    /**
     * Default centre step of gradient descent and of the hybrid optimiser, in units of σ_t²
     * times the gradient per data point (docs/reproduction.md, "Training recipes").
     */
    public static final double DEFAULT_DESCENT_CENTER_RATE = 3;
    /** Default amplitude step of plain gradient descent, on the loss per data point. */
    public static final double DEFAULT_DESCENT_AMPLITUDE_RATE = 1;
    /** The default optimiser, chosen by the training-recipe study (docs/reproduction.md). */
    public static final Optimizer DEFAULT_OPTIMIZER = Optimizer.HYBRID;
    /**
     * Default amplitude clip: {@code |f| ≤ 5}, a density ratio of at most e⁵ ≈ 148. It keeps a
     * kernel on one isolated data point from growing an amplitude that makes the anomaly-free
     * statistics heavy-tailed (docs/reproduction.md, "Training recipes"); Table VI uses 100 to
     * 10,000 for the applications ({@link Preset}).
     */
    public static final double DEFAULT_CLIP = 5;
    /** Default number of checkpoints (docs/design.md §4). */
    public static final int DEFAULT_CHECKPOINTS = 10;
    /**
     * Default longest gradient-descent centre step, in units of σ_t (docs/reproduction.md, "Real
     * data"): on the 1D and 2D toys it never engages; on a strong signal it keeps the kernels on it.
     */
    public static final double DEFAULT_CENTER_STEP_CAP = 0.5;

    /** How parameters move (docs/design.md §4). */
    public enum Optimizer {
        /**
         * Adam (β1 0.9, β2 0.999, ε 1e-8), full batch: each coordinate's step is about the step
         * size, whatever the gradient's magnitude.
         */
        ADAM,
        /**
         * Plain gradient descent, as the paper's App. B analyses it, on the loss per data point:
         * {@code a ← a − η_a ∂L/∂a / N_D} and {@code μ ← μ − η_μ s² ∂L/∂μ / N_D} with
         * {@code s = σ_t} ({@link CenterUnits#WIDTH}) or 1: the pull on a centre is
         * proportional to the local density asymmetry.
         */
        GRADIENT_DESCENT,
        /**
         * Adam on the amplitudes, gradient descent on the centres (as {@link #GRADIENT_DESCENT}).
         * Adam lets a kernel on a rare excess gain weight as fast as one in the bulk, where the
         * per-point amplitude gradient is large; gradient descent moves a centre in proportion
         * to its kernel's amplitude times the local density asymmetry, so a kernel that carries
         * no weight yet stays where it is instead of following the noise.
         */
        HYBRID
    }

    /** How the starting centres are chosen from the data sample. */
    public enum Initialization {
        /** {@code M} distinct data points drawn uniformly, the paper's choice. */
        DATA,
        /**
         * k-means++ seeding (Arthur and Vassilvitskii 2007): the first centre a uniform data point,
         * each next one a data point drawn with probability proportional to its squared distance
         * to the nearest centre already chosen. Kernels start spread over the data, including on
         * the few points of a far tail that a uniform draw almost never picks. Distances enter
         * only as ratios, so the choice does not depend on the data's units.
         */
        SPREAD,
        /**
         * k-means++ seeding ({@link #SPREAD}) over the pooled sample {@code R ∪ D}: kernels start
         * spread over the reference's support as well as the data's, so a far kernel starts where
         * the reference has points too.
         */
        SPREAD_POOLED
    }

    /** What a centre step is measured in. */
    public enum CenterUnits {
        /**
         * Units of the current width σ_t: training on {@code c·X + b} gives centres
         * {@code c·μ + b}, the same amplitudes and the same statistics (scale and translation
         * equivariance, docs/design.md §4).
         */
        WIDTH,
        /**
         * Units of the initial width σ_0 (twice the 99th percentile of the pairwise distances): a
         * fixed length of the data, so equivariant too, and steps that do not shrink as σ does.
         */
        INITIAL_WIDTH,
        /** The data's own units: a step of η moves a centre by about η whatever the data's scale. */
        DATA
    }

    /** The profile of σ over the annealing steps {@code t ≤ A}. */
    public enum Annealing {
        /** {@code σ_t = σ_0 − (σ_0 − σ_T) t / A}, the paper's (Eq. 15 with its sign corrected). */
        LINEAR,
        /** {@code σ_t = σ_0 (σ_T / σ_0)^{t / A}}: as many steps, and checkpoints, per factor of width. */
        GEOMETRIC
    }

    /** How the step sizes change over training: a factor {@code s(t)} on both. */
    public enum Schedule {
        /** {@code s = 1}. */
        CONSTANT,
        /** {@code s = 1 − (t − 1) / T}: from 1 down to 1/T. */
        LINEAR,
        /** {@code s = ½ (1 + cos(π (t − 1) / T))}: from 1 down to almost 0. */
        COSINE;

        /** The factor at step {@code t} (1-based) of {@code steps}. */
        public double factor(int t, int steps) {
            double x = (double) (t - 1) / steps;
            return switch (this) {
                case CONSTANT -> 1.0;
                case LINEAR -> 1.0 - x;
                case COSINE -> 0.5 * (1 + Math.cos(Math.PI * x));
            };
        }
    }

    public TrainerConfig {
        if (kernels < 1) {
            throw new IllegalArgumentException("kernels: need at least one kernel, got " + kernels);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps: need at least one step, got " + steps);
        }
        if (optimizer == null || centerUnits == null || schedule == null || annealing == null) {
            throw new IllegalArgumentException("optimizer, centre units, schedule and annealing: missing");
        }
        if (!(centerRate >= 0) || !Double.isFinite(centerRate)) {
            throw new IllegalArgumentException("centerRate: must be ≥ 0 and finite, got " + centerRate);
        }
        if (!(amplitudeRate > 0) || !Double.isFinite(amplitudeRate)) {
            throw new IllegalArgumentException("amplitudeRate: must be positive and finite, got " + amplitudeRate);
        }
        if (!(annealFraction > 0) || annealFraction > 1) {
            throw new IllegalArgumentException("annealFraction: must be in (0, 1], got " + annealFraction);
        }
        if (!(amplitudeClip > 0)) {
            throw new IllegalArgumentException("amplitudeClip: must be positive, got " + amplitudeClip);
        }
        if (!(l2 >= 0) || !Double.isFinite(l2)) {
            throw new IllegalArgumentException("l2: must be ≥ 0 and finite, got " + l2);
        }
        if (loss == null) {
            throw new IllegalArgumentException("loss: missing");
        }
        if (checkpoints < 1 || checkpoints > annealingSteps(steps, annealFraction)) {
            throw new IllegalArgumentException("checkpoints: must be between 1 and the " + annealingSteps(steps, annealFraction)
                    + " annealing steps, got " + checkpoints);
        }
        if (widthSubset < 2) {
            throw new IllegalArgumentException("widthSubset: need at least 2 points, got " + widthSubset);
        }
        if (widthQuantiles == null) {
            throw new IllegalArgumentException("widthQuantiles: missing");
        }
        if (initialization == null) {
            throw new IllegalArgumentException("initialization: missing");
        }
        if (!(exploreFraction >= 0) || exploreFraction > 1) {
            throw new IllegalArgumentException("exploreFraction: must be in [0, 1], got " + exploreFraction);
        }
        if (!(centerStepCap >= 0) || !Double.isFinite(centerStepCap)) {
            throw new IllegalArgumentException("centerStepCap: must be ≥ 0 and finite (0: no cap), got " + centerStepCap);
        }
        if (initialCenters != null) {
            if (initialCenters.length == 0 || initialCenters.length % kernels != 0) {
                throw new IllegalArgumentException("initialCenters: need M×d values for M = " + kernels + ", got "
                        + initialCenters.length);
            }
            for (double c : initialCenters) {
                if (!Double.isFinite(c)) {
                    throw new IllegalArgumentException("initialCenters: " + c + " is not finite");
                }
            }
            initialCenters = initialCenters.clone();
        }
    }

    private static int annealingSteps(int steps, double fraction) {
        return Math.max(1, (int) Math.round(fraction * steps));
    }

    /** The steps over which σ anneals: {@code round(annealFraction · T)}, at least 1. */
    public int annealingSteps() {
        return annealingSteps(steps, annealFraction);
    }

    /** The steps during which hybrid centres take Adam steps: {@code round(exploreFraction · T)}. */
    public int exploreSteps() {
        return (int) Math.round(exploreFraction * steps);
    }

    /** σ at step {@code t}: from σ_0 to σ_T over the annealing steps ({@link Annealing}), then σ_T. */
    public double widthAt(int t) {
        int a = annealingSteps();
        int s = Math.min(t, a);
        return switch (annealing) {
            case LINEAR -> widthRange.at(s, a);
            case GEOMETRIC -> s == a ? widthRange.last()
                    : widthRange.initial() * Math.pow(widthRange.last() / widthRange.initial(), (double) s / a);
        };
    }

    @Override
    public double[] initialCenters() {
        return initialCenters == null ? null : initialCenters.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainerConfig c && kernels == c.kernels && steps == c.steps && optimizer == c.optimizer
                && Double.compare(centerRate, c.centerRate) == 0 && Double.compare(amplitudeRate, c.amplitudeRate) == 0
                && centerUnits == c.centerUnits && schedule == c.schedule && annealing == c.annealing
                && Double.compare(annealFraction, c.annealFraction) == 0
                && Double.compare(amplitudeClip, c.amplitudeClip) == 0 && Double.compare(l2, c.l2) == 0
                && loss == c.loss && softmax == c.softmax && checkpoints == c.checkpoints
                && Objects.equals(widthRange, c.widthRange) && widthSubset == c.widthSubset
                && widthQuantiles.equals(c.widthQuantiles) && seed == c.seed
                && Arrays.equals(initialCenters, c.initialCenters) && initialization == c.initialization
                && Double.compare(exploreFraction, c.exploreFraction) == 0
                && Double.compare(centerStepCap, c.centerStepCap) == 0 && reseedDuplicates == c.reseedDuplicates;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kernels, steps, optimizer, centerRate, amplitudeRate, centerUnits, schedule, annealing,
                annealFraction,
                amplitudeClip, l2, loss, softmax, checkpoints, widthRange, widthSubset, widthQuantiles, seed, initialization,
                exploreFraction, centerStepCap, reseedDuplicates) * 31
                + Arrays.hashCode(initialCenters);
    }

    /** The centre step an optimiser gets when none is set: Adam 0.05, gradient descent and hybrid 3. */
    public static double defaultCenterRate(Optimizer optimizer) {
        return optimizer == Optimizer.ADAM ? DEFAULT_LEARNING_RATE : DEFAULT_DESCENT_CENTER_RATE;
    }

    /** The amplitude step an optimiser gets when none is set: Adam and hybrid 0.05, gradient descent 1. */
    public static double defaultAmplitudeRate(Optimizer optimizer) {
        return optimizer == Optimizer.GRADIENT_DESCENT ? DEFAULT_DESCENT_AMPLITUDE_RATE : DEFAULT_LEARNING_RATE;
    }

    /**
     * A builder with the defaults, chosen by the training-recipe study (docs/reproduction.md):
     * {@code M = 5}, 2,000 steps, the hybrid optimiser (Adam on the amplitudes with step 0.05,
     * gradient descent on the centres with step 3 in units of σ_t), geometric annealing over all
     * steps, k-means++ initial centres, clip 5, no L2, NP loss, softmax on, 10 checkpoints,
     * range estimated, seed 0.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.kernels = kernels;
        b.steps = steps;
        b.optimizer = optimizer;
        b.centerRate = centerRate;
        b.amplitudeRate = amplitudeRate;
        b.centerUnits = centerUnits;
        b.schedule = schedule;
        b.annealing = annealing;
        b.annealFraction = annealFraction;
        b.amplitudeClip = amplitudeClip;
        b.l2 = l2;
        b.loss = loss;
        b.softmax = softmax;
        b.checkpoints = checkpoints;
        b.widthRange = widthRange;
        b.widthSubset = widthSubset;
        b.widthQuantiles = widthQuantiles;
        b.seed = seed;
        b.initialCenters = initialCenters;
        b.initialization = initialization;
        b.exploreFraction = exploreFraction;
        b.centerStepCap = centerStepCap;
        b.reseedDuplicates = reseedDuplicates;
        return b;
    }

    /** The same configuration with another seed. */
    public TrainerConfig withSeed(long newSeed) {
        return toBuilder().seed(newSeed).build();
    }

    /** The same configuration with a fixed width range. */
    public TrainerConfig withWidthRange(WidthRange range) {
        return toBuilder().widthRange(range).build();
    }

    /**
     * The steps after which checkpoints are taken: {@code round(j A / m)}, {@code j = 1..m}, over
     * the {@code A} annealing steps, the last one moved to step {@code T} when σ holds σ_T after
     * the annealing (so every checkpoint has its own width, and the last sees the whole hold).
     */
    public int[] checkpointSteps() {
        int a = annealingSteps();
        int[] s = new int[checkpoints];
        for (int j = 1; j <= checkpoints; j++) {
            s[j - 1] = (int) Math.round((double) j * a / checkpoints);
        }
        s[checkpoints - 1] = steps;
        return s;
    }

    /** Fluent construction of a {@link TrainerConfig}. */
    public static final class Builder {
        private int kernels = DEFAULT_KERNELS;
        private int steps = DEFAULT_STEPS;
        private Optimizer optimizer = DEFAULT_OPTIMIZER;
        private Double centerRate;
        private Double amplitudeRate;
        private CenterUnits centerUnits = CenterUnits.WIDTH;
        private Schedule schedule = Schedule.CONSTANT;
        private Annealing annealing = Annealing.GEOMETRIC;
        private double annealFraction = 1.0;
        private double amplitudeClip = DEFAULT_CLIP;
        private double l2;
        private Loss loss = Loss.NP;
        private boolean softmax = true;
        private int checkpoints = DEFAULT_CHECKPOINTS;
        private WidthRange widthRange;
        private int widthSubset = WidthRange.DEFAULT_SUBSET;
        private WidthRange.Quantiles widthQuantiles = WidthRange.Quantiles.PAPER;
        private long seed;
        private double[] initialCenters;
        private Initialization initialization = Initialization.SPREAD;
        private double exploreFraction;
        private double centerStepCap = DEFAULT_CENTER_STEP_CAP;
        private boolean reseedDuplicates;

        public Builder kernels(int v) {
            kernels = v;
            return this;
        }

        public Builder steps(int v) {
            steps = v;
            return this;
        }

        public Builder optimizer(Optimizer v) {
            optimizer = v;
            return this;
        }

        /** The same step size for centres and amplitudes (unset: the optimiser's defaults, {@link #defaultCenterRate}). */
        public Builder learningRate(double v) {
            centerRate = v;
            amplitudeRate = v;
            return this;
        }

        public Builder centerRate(double v) {
            centerRate = v;
            return this;
        }

        public Builder amplitudeRate(double v) {
            amplitudeRate = v;
            return this;
        }

        public Builder centerUnits(CenterUnits v) {
            centerUnits = v;
            return this;
        }

        public Builder schedule(Schedule v) {
            schedule = v;
            return this;
        }

        public Builder annealing(Annealing v) {
            annealing = v;
            return this;
        }

        public Builder annealFraction(double v) {
            annealFraction = v;
            return this;
        }

        public Builder amplitudeClip(double v) {
            amplitudeClip = v;
            return this;
        }

        public Builder l2(double v) {
            l2 = v;
            return this;
        }

        public Builder loss(Loss v) {
            loss = v;
            return this;
        }

        public Builder softmax(boolean v) {
            softmax = v;
            return this;
        }

        public Builder checkpoints(int v) {
            checkpoints = v;
            return this;
        }

        public Builder widthRange(WidthRange v) {
            widthRange = v;
            return this;
        }

        public Builder widthSubset(int v) {
            widthSubset = v;
            return this;
        }

        /** {@link TrainerConfig#widthQuantiles()}: the pairwise-distance quantiles of an estimated range. */
        public Builder widthQuantiles(WidthRange.Quantiles v) {
            widthQuantiles = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** Row-major {@code M×d} starting centres instead of random data points. */
        public Builder initialCenters(double... v) {
            initialCenters = v;
            return this;
        }

        public Builder initialization(Initialization v) {
            initialization = v;
            return this;
        }

        /** {@link TrainerConfig#centerStepCap()}: the longest centre step, in units of σ_t; 0 for none (default {@value TrainerConfig#DEFAULT_CENTER_STEP_CAP}). */
        public Builder centerStepCap(double v) {
            centerStepCap = v;
            return this;
        }

        /** {@link TrainerConfig#reseedDuplicates()}: kernels on one centre made one again after each checkpoint but the last. */
        public Builder reseedDuplicates(boolean v) {
            reseedDuplicates = v;
            return this;
        }

        public Builder exploreFraction(double v) {
            exploreFraction = v;
            return this;
        }

        /** Steps, L2 and clip of one of the paper's applications (Table VI). */
        public Builder preset(Preset p) {
            steps = p.steps();
            l2 = p.l2();
            amplitudeClip = p.amplitudeClip();
            return this;
        }

        public TrainerConfig build() {
            return new TrainerConfig(kernels, steps, optimizer,
                    centerRate != null ? centerRate : defaultCenterRate(optimizer),
                    amplitudeRate != null ? amplitudeRate : defaultAmplitudeRate(optimizer), centerUnits, schedule,
                    annealing, annealFraction, amplitudeClip, l2, loss, softmax, checkpoints, widthRange, widthSubset,
                    widthQuantiles, seed, initialCenters, initialization, exploreFraction, centerStepCap, reseedDuplicates);
        }
    }

    /** The paper's Table VI: steps, L2 coefficient and amplitude clip per application. */
    public enum Preset {
        GRAVITATIONAL_WAVES(100_000, 1, 100),
        PARTICLE_JETS(100_000, 1e-3, 100),
        BUTTERFLY_HYBRIDS(100_000, 1e-4, 200),
        DIVINE_COMEDY(100_000, 1e-3, 500),
        IMAGENET_OOD(40_000, 0, 10_000),
        CIFAR(40_000, 0, 10_000);

        private final int steps;
        private final double l2;
        private final double amplitudeClip;

        Preset(int steps, double l2, double amplitudeClip) {
            this.steps = steps;
            this.l2 = l2;
            this.amplitudeClip = amplitudeClip;
        }

        public int steps() {
            return steps;
        }

        public double l2() {
            return l2;
        }

        public double amplitudeClip() {
            return amplitudeClip;
        }
    }
}
