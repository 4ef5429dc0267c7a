package org.sparker.engine.train;

/** Training produced a non-finite loss, statistic or gradient; the message names the step and σ. */
public class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int step;
    private final double width;

    public TrainingDivergedException(int step, double width, String what) {
        super("training diverged at step " + step + " (σ = " + width + "): " + what
                + "; lower the learning rate or the amplitude clip, or raise the L2 coefficient");
        this.step = step;
        this.width = width;
    }

    public int step() {
        return step;
    }

    public double width() {
        return width;
    }
}
