package org.sparker.app;

import org.sparker.baselines.KernelNpStatistic;
import org.sparker.baselines.KernelNpFit;
import org.sparker.baselines.MmdFuse;
import org.sparker.stats.Aggregation;
import org.sparker.calibration.ToySource;

/**
 * The baselines' settings in a study: the kernel NP test (its configuration, explicit widths or
 * the pairwise-distance percentiles that give them, how per-width p-values combine) and
 * MMD-FUSE.
 *
 * @param kernelNp the kernel NP test's configuration
 * @param kernelNpWidths explicit widths, or {@code null} for {@code percentiles}
 * @param percentiles percentiles (0–100) of the pairwise distances that give the widths
 * @param aggregation how the kernel NP per-width p-values combine
 * @param mmdFuse MMD-FUSE's configuration
 */
public record BaselineSettings(KernelNpFit.Config kernelNp, double[] kernelNpWidths, double[] percentiles,
        Aggregation aggregation, MmdFuse.Config mmdFuse) {

    /** The defaults of {@code sparker run --method}. */
    public static BaselineSettings defaults() {
        return new BaselineSettings(KernelNpFit.Config.DEFAULT, null, new double[] {10, 25, 50, 75, 90, 95},
                Aggregation.MIN_P, MmdFuse.Config.DEFAULT);
    }

    /** The kernel NP statistic: explicit widths, or percentiles of an extra anomaly-free toy of {@code source}. */
    public KernelNpStatistic kernelNpStatistic(KernelNpFit.Config config, ToySource source, long seed) {
        return kernelNpWidths != null ? KernelNpStatistic.ofWidths(config, kernelNpWidths)
                : KernelNpStatistic.withPercentileWidths(config, source, seed, percentiles);
    }
}
