package org.sparker.engine.train;

import org.sparker.engine.Loss;

/**
 * Everything that defines a training (docs/design.md §4, paper App. A). Two trainings with equal
 * configurations on equal samples and the same backend give identical results.
 *
 * @param kernels number of kernels {@code M} (the paper uses 5 everywhere)
 * @param steps optimiser steps {@code T}, over which σ anneals linearly from σ_0 to σ_T
 * @param learningRate Adam's step size η
 * @param amplitudeClip amplitudes are clipped to {@code [−clip, clip]} after every step
 * @param l2 coefficient λ of the penalty {@code λ Σ a_i²} added to the training loss
 * @param loss the training loss; the test statistic is always {@code −2 L_NP}
 * @param softmax the paper's softmax competition (true) or the ablation {@code f = Σ a_i k_i}
 * @param checkpoints number {@code m} of evenly spaced checkpoints, the last at step T
 * @param widthRange σ_0 and σ_T, or {@code null} to estimate them from the samples
 *     ({@link WidthRange#fromPairwiseDistances}); calibrations fix it for all toys
 * @param widthSubset size of the random subset of {@code R ∪ D} used to estimate the range
 * @param seed seed of the training's random choices (initial centres, the subset)
 * @param initialCenters row-major {@code M×d} starting centres, or {@code null} for the paper's
 *     choice (distinct random points of the data sample); studies that compare configurations
 *     "from the same initialization" set it
 */
public record TrainerConfig(int kernels, int steps, double learningRate, double amplitudeClip, double l2,
        Loss loss, boolean softmax, int checkpoints, WidthRange widthRange, int widthSubset, long seed,
        double[] initialCenters) {

    /** Paper: {@code M = 5} everywhere. */
    public static final int DEFAULT_KERNELS = 5;
    /** Default steps: enough for the 1D and 2D toys at the default learning rate. */
    public static final int DEFAULT_STEPS = 2000;
    /** Default Adam step size; the paper does not give one. */
    public static final double DEFAULT_LEARNING_RATE = 0.05;
    /** Default amplitude clip (Table VI uses 100 for the low-dimensional applications). */
    public static final double DEFAULT_CLIP = 100;
    /** Default number of checkpoints (docs/design.md §4). */
    public static final int DEFAULT_CHECKPOINTS = 10;

    public TrainerConfig {
        if (kernels < 1) {
            throw new IllegalArgumentException("kernels: need at least one kernel, got " + kernels);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps: need at least one step, got " + steps);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate: must be positive and finite, got " + learningRate);
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
        if (checkpoints < 1 || checkpoints > steps) {
            throw new IllegalArgumentException("checkpoints: must be between 1 and steps = " + steps + ", got "
                    + checkpoints);
        }
        if (widthSubset < 2) {
            throw new IllegalArgumentException("widthSubset: need at least 2 points, got " + widthSubset);
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

    @Override
    public double[] initialCenters() {
        return initialCenters == null ? null : initialCenters.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainerConfig c && kernels == c.kernels && steps == c.steps
                && Double.compare(learningRate, c.learningRate) == 0
                && Double.compare(amplitudeClip, c.amplitudeClip) == 0 && Double.compare(l2, c.l2) == 0
                && loss == c.loss && softmax == c.softmax && checkpoints == c.checkpoints
                && java.util.Objects.equals(widthRange, c.widthRange) && widthSubset == c.widthSubset && seed == c.seed
                && java.util.Arrays.equals(initialCenters, c.initialCenters);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(kernels, steps, learningRate, amplitudeClip, l2, loss, softmax, checkpoints,
                widthRange, widthSubset, seed) * 31 + java.util.Arrays.hashCode(initialCenters);
    }

    /** A builder with the defaults above: NP loss, softmax on, no L2, range estimated, seed 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.kernels = kernels;
        b.steps = steps;
        b.learningRate = learningRate;
        b.amplitudeClip = amplitudeClip;
        b.l2 = l2;
        b.loss = loss;
        b.softmax = softmax;
        b.checkpoints = checkpoints;
        b.widthRange = widthRange;
        b.widthSubset = widthSubset;
        b.seed = seed;
        b.initialCenters = initialCenters;
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

    /** The steps after which checkpoints are taken: {@code round(j T / m)}, {@code j = 1..m}. */
    public int[] checkpointSteps() {
        int[] s = new int[checkpoints];
        for (int j = 1; j <= checkpoints; j++) {
            s[j - 1] = (int) Math.round((double) j * steps / checkpoints);
        }
        return s;
    }

    /** Fluent construction of a {@link TrainerConfig}. */
    public static final class Builder {
        private int kernels = DEFAULT_KERNELS;
        private int steps = DEFAULT_STEPS;
        private double learningRate = DEFAULT_LEARNING_RATE;
        private double amplitudeClip = DEFAULT_CLIP;
        private double l2;
        private Loss loss = Loss.NP;
        private boolean softmax = true;
        private int checkpoints = DEFAULT_CHECKPOINTS;
        private WidthRange widthRange;
        private int widthSubset = WidthRange.DEFAULT_SUBSET;
        private long seed;
        private double[] initialCenters;

        public Builder kernels(int v) {
            kernels = v;
            return this;
        }

        public Builder steps(int v) {
            steps = v;
            return this;
        }

        public Builder learningRate(double v) {
            learningRate = v;
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

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** Row-major {@code M×d} starting centres instead of random data points. */
        public Builder initialCenters(double... v) {
            initialCenters = v;
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
            return new TrainerConfig(kernels, steps, learningRate, amplitudeClip, l2, loss, softmax, checkpoints,
                    widthRange, widthSubset, seed, initialCenters);
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
