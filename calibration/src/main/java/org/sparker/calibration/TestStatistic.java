package org.sparker.calibration;

import org.sparker.engine.KernelBackend;
import org.sparker.engine.TrainingSamples;

/**
 * A two-sample test statistic evaluated at a fixed list of widths, calibrated empirically on
 * anomaly-free toys: SparKer's {@code t(σ_j)} at its checkpoints ({@link SparkerStatistic}), or a
 * baseline such as the kernel Neyman–Pearson test at several kernel widths. Everything in this
 * module that calibrates, resumes and combines p-values works on this interface.
 *
 * <p>Implementations are immutable and thread-safe: calibration evaluates one instance on many
 * toys at once, each with its own backend.
 */
public interface TestStatistic {

    /** The method's name: {@code sparker}, {@code kernel-np}, … */
    String method();

    /** The widths at which the statistic is evaluated, one statistic per width. */
    double[] widths();

    /**
     * The statistic at every width for one (reference, data) pair; larger means more anomalous.
     *
     * @param backend the compute backend (used by one thread at a time)
     * @param samples the samples
     * @param seed the seed of everything random in the evaluation (initial centres, Nyström centres)
     */
    double[] evaluate(KernelBackend backend, TrainingSamples samples, long seed);

    /** Every setting that shapes the null distribution, as the calibration header records it. */
    StatisticSettings settings();
}
