package org.sparker.engine.train;

import java.util.List;

import org.sparker.engine.KernelModel;

/**
 * What one training returns: the final model (the last checkpoint's), every checkpoint in
 * order of decreasing width, the width range used, the backend and the seed.
 */
public record TrainingResult(KernelModel model, List<Checkpoint> checkpoints, WidthRange widthRange,
        String backend, long seed, double seconds) {

    public TrainingResult {
        checkpoints = List.copyOf(checkpoints);
    }

    /** The test statistics of the checkpoints, in checkpoint order. */
    public double[] testStatistics() {
        return checkpoints.stream().mapToDouble(Checkpoint::testStatistic).toArray();
    }

    /** The widths of the checkpoints, in checkpoint order. */
    public double[] widths() {
        return checkpoints.stream().mapToDouble(Checkpoint::width).toArray();
    }
}
