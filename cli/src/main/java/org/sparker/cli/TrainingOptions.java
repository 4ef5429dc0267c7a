package org.sparker.cli;

import org.sparker.engine.Loss;
import org.sparker.engine.train.TrainerConfig;
import picocli.CommandLine.Option;

/** The training configuration options of {@code run}, {@code calibrate}, {@code toy} and {@code demo}. */
final class TrainingOptions {

    @Option(names = "--kernels", paramLabel = "M", defaultValue = "5", description = "Kernels (default: ${DEFAULT-VALUE}, as the paper).")
    int kernels;

    @Option(names = "--steps", paramLabel = "T", defaultValue = "2000", description = "Optimiser steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--learning-rate", paramLabel = "ETA", defaultValue = "0.05", description = "Adam step size (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--clip", paramLabel = "C", defaultValue = "100", description = "Amplitude clip (default: ${DEFAULT-VALUE}).")
    double clip;

    @Option(names = "--l2", paramLabel = "LAMBDA", defaultValue = "0", description = "L2 coefficient on amplitudes (default: ${DEFAULT-VALUE}).")
    double l2;

    @Option(names = "--loss", paramLabel = "np|bce|mse", defaultValue = "np", description = "Training loss (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--no-softmax", description = "Ablation: f = Σ a_i k_i without the softmax competition.")
    boolean noSoftmax;

    @Option(names = "--checkpoints", paramLabel = "m", defaultValue = "10", description = "Checkpoints along the annealing (default: ${DEFAULT-VALUE}).")
    int checkpoints;

    TrainerConfig config() {
        try {
            return TrainerConfig.builder().kernels(kernels).steps(steps).learningRate(learningRate).amplitudeClip(clip)
                    .l2(l2).loss(Loss.parse(loss)).softmax(!noSoftmax).checkpoints(checkpoints).build();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }
}
