package org.sparker.cli;

import org.sparker.app.UserError;

import java.util.Locale;

import org.sparker.engine.Loss;
import org.sparker.engine.train.TrainerConfig;
import picocli.CommandLine.Option;

/** The training configuration options of {@code run}, {@code calibrate}, {@code toy} and {@code demo}. */
final class TrainingOptions {

    @Option(names = "--kernels", paramLabel = "M", defaultValue = "5", description = "Kernels (default: ${DEFAULT-VALUE}, as the paper).")
    int kernels;

    @Option(names = "--steps", paramLabel = "T", defaultValue = "2000", description = "Optimiser steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--optimizer", paramLabel = "adam|gd|hybrid", defaultValue = "hybrid",
            description = "adam, gd (plain gradient descent on the loss per data point, as the paper's App. B) "
                    + "or hybrid (Adam on the amplitudes, gradient descent on the centres) (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--learning-rate", paramLabel = "ETA",
            description = "Step size of both centres and amplitudes; --center-rate and --amplitude-rate set them apart "
                    + "(default: the optimizer's: adam 0.05 and 0.05, hybrid 3 and 0.05, gd 3 and 1).")
    Double learningRate;

    @Option(names = "--center-rate", paramLabel = "ETA", description = "Step size of the centres, in --center-units (default: adam 0.05, gd and hybrid 3).")
    Double centerRate;

    @Option(names = "--amplitude-rate", paramLabel = "ETA", description = "Step size of the amplitudes (default: adam and hybrid 0.05, gd 1).")
    Double amplitudeRate;

    @Option(names = "--center-units", paramLabel = "width|initial-width|data", defaultValue = "width",
            description = "What a centre step is measured in: width (the current σ_t) or initial-width (σ_0), "
                    + "with which results do not depend on the data's units, or data (default: ${DEFAULT-VALUE}).")
    String centerUnits;

    @Option(names = "--annealing", paramLabel = "linear|geometric", defaultValue = "geometric",
            description = "σ from σ_0 to σ_T: linear (the paper's) or geometric (as many steps per factor of width) "
                    + "(default: ${DEFAULT-VALUE}).")
    String annealing;

    @Option(names = "--schedule", paramLabel = "constant|linear|cosine", defaultValue = "constant",
            description = "How the step sizes fall over the steps (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--anneal-fraction", paramLabel = "F", defaultValue = "1",
            description = "σ anneals over the first F·T steps, then holds σ_T (default: ${DEFAULT-VALUE}).")
    double annealFraction;

    @Option(names = "--init", paramLabel = "spread|data|spread-pooled", defaultValue = "spread",
            description = "Starting centres: spread (k-means++ seeding over the data sample), data (distinct random "
                    + "data points, the paper's) or spread-pooled (k-means++ over reference and data) "
                    + "(default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--explore-fraction", paramLabel = "F", defaultValue = "0",
            description = "With --optimizer hybrid: the centres take Adam steps of the amplitude rate during the first "
                    + "F·T steps, gradient-descent steps afterwards (default: ${DEFAULT-VALUE}).")
    double exploreFraction;

    @Option(names = "--center-step-cap", paramLabel = "C", defaultValue = "0.5",
            description = "The longest gradient-descent step a centre may take, in units of the current width σ_t "
                    + "(0: no cap; default: ${DEFAULT-VALUE}). Keeps a kernel on a strong signal from overshooting "
                    + "(docs/reproduction.md, \"Real data\").")
    double centerStepCap;

    @Option(names = "--clip", paramLabel = "C", defaultValue = "5",
            description = "Amplitude clip: |a_i| ≤ C (default: ${DEFAULT-VALUE}; Table VI uses 100 and more).")
    double clip;

    @Option(names = "--l2", paramLabel = "LAMBDA", defaultValue = "0", description = "L2 coefficient on amplitudes (default: ${DEFAULT-VALUE}).")
    double l2;

    @Option(names = "--loss", paramLabel = "np|bce|mse", defaultValue = "np", description = "Training loss (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--no-softmax", description = "Ablation: f = Σ a_i k_i without the softmax competition.")
    boolean noSoftmax;

    @Option(names = "--checkpoints", paramLabel = "m", defaultValue = "10", description = "Checkpoints along the annealing (default: ${DEFAULT-VALUE}).")
    int checkpoints;

    /** The configuration; every bad value is a one-line error naming its option. */
    TrainerConfig config() {
        TrainerConfig.Builder b = TrainerConfig.builder();
        b.kernels(atLeast("--kernels", kernels, 1)).steps(atLeast("--steps", steps, 1))
                .optimizer(choice("--optimizer", optimizer, TrainerConfig.Optimizer.class, "adam", "gd", "hybrid"))
                .centerUnits(choice("--center-units", centerUnits, TrainerConfig.CenterUnits.class, "width",
                        "initial-width", "data"))
                .annealing(choice("--annealing", annealing, TrainerConfig.Annealing.class, "linear", "geometric"))
                .schedule(choice("--schedule", schedule, TrainerConfig.Schedule.class, "constant", "linear", "cosine"))
                .amplitudeClip(positive("--clip", clip)).l2(nonNegative("--l2", l2)).softmax(!noSoftmax);
        if (!(annealFraction > 0) || annealFraction > 1) {
            throw new UserError("--anneal-fraction must be in (0, 1], got " + annealFraction);
        }
        if (learningRate != null) {
            b.learningRate(positive("--learning-rate", learningRate));
        }
        if (centerRate != null) {
            b.centerRate(nonNegative("--center-rate", centerRate));
        }
        if (amplitudeRate != null) {
            b.amplitudeRate(positive("--amplitude-rate", amplitudeRate));
        }
        b.annealFraction(annealFraction);
        b.initialization(choice("--init", init, TrainerConfig.Initialization.class, "data", "spread",
                "spread-pooled"));
        if (!(exploreFraction >= 0) || exploreFraction > 1) {
            throw new UserError("--explore-fraction must be in [0, 1], got " + exploreFraction);
        }
        b.exploreFraction(exploreFraction);
        if (!(centerStepCap >= 0) || !Double.isFinite(centerStepCap)) {
            throw new UserError("--center-step-cap must be ≥ 0 (0: no cap), got " + centerStepCap);
        }
        b.centerStepCap(centerStepCap);
        try {
            b.loss(Loss.parse(loss));
        } catch (IllegalArgumentException e) {
            throw new UserError("--loss: " + e.getMessage());
        }
        b.checkpoints(atLeast("--checkpoints", checkpoints, 1));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            // the remaining cross-option rule: checkpoints within the annealing steps
            throw new UserError("--checkpoints " + checkpoints + ": " + e.getMessage().replaceFirst("^checkpoints: ", ""));
        }
    }

    private static int atLeast(String option, int v, int min) {
        if (v < min) {
            throw new UserError(option + " must be at least " + min + ", got " + v);
        }
        return v;
    }

    private static double positive(String option, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new UserError(option + " must be positive and finite, got " + v);
        }
        return v;
    }

    private static double nonNegative(String option, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new UserError(option + " must be ≥ 0 and finite, got " + v);
        }
        return v;
    }

    /** The enum constant named by {@code value}: one of {@code names}, in the order of the constants. */
    private static <E extends Enum<E>> E choice(String option, String value, Class<E> type, String... names) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        E[] constants = type.getEnumConstants();
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(v)) {
                return constants[i];
            }
        }
        throw new UserError(option + ": unknown value '" + value + "'; expected " + String.join(", ", names));
    }
}
