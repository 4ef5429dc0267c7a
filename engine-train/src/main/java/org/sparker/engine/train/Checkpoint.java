package org.sparker.engine.train;

import org.sparker.engine.KernelModel;

/**
 * A model recorded during annealing (Algorithm 1, line 5): after {@code step} optimiser steps,
 * at width {@code width}, with its test statistic {@code t = −2 L_NP} (Eq. 4, no
 * regularisation) and its training loss (no regularisation).
 */
public record Checkpoint(int step, double width, double testStatistic, double loss, KernelModel model) {
}
