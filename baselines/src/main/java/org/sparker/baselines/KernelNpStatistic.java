package org.sparker.baselines;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.apache.commons.statistics.descriptive.Quantile;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.TrainingSamples;
import org.sparker.sampling.Seeds;
import org.sparker.sampling.Stream;
import org.sparker.sampling.PairwiseDistances;
import org.sparker.calibration.CalibrationSpec;
import org.sparker.calibration.StatisticSettings;
import org.sparker.calibration.TestStatistic;
import org.sparker.calibration.ToySource;

/**
 * The kernel Neyman–Pearson test's statistic at several widths, for calibration on anomaly-free
 * toys and combination by min-p (or another {@link org.sparker.stats.Aggregation}), as in the
 * paper's baseline. All widths share one draw of the Nyström centres.
 *
 * @param config the fit settings
 * @param widths the kernel widths σ, one statistic each
 * @param percentiles the pairwise-distance percentiles the widths came from, or null if given
 */
public record KernelNpStatistic(KernelNpFit.Config config, double[] widths, double[] percentiles)
        implements TestStatistic {

    /** The default widths: these percentiles of the pairwise distances of the pooled sample. */
    public static final double[] DEFAULT_PERCENTILES = {10, 25, 50, 75, 90, 95};

    public KernelNpStatistic {
        if (config == null || widths == null || widths.length == 0) {
            throw new IllegalArgumentException("kernel-np: a configuration and at least one width are required");
        }
        for (double w : widths) {
            if (!(w > 0) || !Double.isFinite(w)) {
                throw new IllegalArgumentException("kernel-np widths: must be positive and finite, got " + w);
            }
        }
        widths = widths.clone();
        percentiles = percentiles == null ? null : percentiles.clone();
    }

    /** Fixed widths. */
    public static KernelNpStatistic ofWidths(KernelNpFit.Config config, double... widths) {
        return new KernelNpStatistic(config, widths, null);
    }

    /**
     * Widths at {@code percentiles} of the pairwise distances among 2,000 points of one extra
     * anomaly-free toy of {@code source} (the same estimation sample SparKer's width range uses).
     */
    public static KernelNpStatistic withPercentileWidths(KernelNpFit.Config config, ToySource source, long seed,
            double... percentiles) {
        // the same points as drawing the toy and then 2,000 of its rows, without copying the toy
        FloatMatrix points = source.estimationPoints(-1, Seeds.stream(Stream.WIDTH_ESTIMATION_SAMPLE, seed),
                PairwiseDistances.DEFAULT_SUBSET, Seeds.stream(Stream.KERNEL_NP_WIDTHS, seed));
        return new KernelNpStatistic(config, widthsAt(PairwiseDistances.euclidean(points, points.rows(), null),
                percentiles), percentiles);
    }

    /** Percentiles (0–100) of the pairwise Euclidean distances among 2,000 random rows of {@code points}. */
    public static double[] percentileWidths(FloatMatrix points, long seed, double... percentiles) {
        return widthsAt(PairwiseDistances.euclidean(points, PairwiseDistances.DEFAULT_SUBSET,
                Seeds.stream(Stream.KERNEL_NP_WIDTHS, seed)), percentiles);
    }

    /** The {@code percentiles} (0–100) of the distances {@code d}, each checked positive. */
    private static double[] widthsAt(double[] d, double[] percentiles) {
        if (percentiles.length == 0) {
            throw new IllegalArgumentException("kernel-np: at least one percentile is required");
        }
        double[] p = new double[percentiles.length];
        for (int i = 0; i < p.length; i++) {
            if (!(percentiles[i] > 0) || !(percentiles[i] < 100)) {
                throw new IllegalArgumentException("kernel-np percentiles: must be in (0, 100), got " + percentiles[i]);
            }
            p[i] = percentiles[i] / 100;
        }
        double[] w = Quantile.withDefaults().evaluate(d, p);
        for (int i = 0; i < w.length; i++) {
            if (!(w[i] > 0)) {
                throw new IllegalArgumentException("kernel-np: the " + percentiles[i]
                        + "th percentile of the pairwise distances is 0 (repeated points); give the widths explicitly");
            }
        }
        return w;
    }

    @Override
    public String method() {
        return "kernel-np";
    }

    @Override
    public double[] widths() {
        return widths.clone();
    }

    @Override
    public double[] evaluate(KernelBackend backend, TrainingSamples samples, long seed) {
        KernelNpFit test = new KernelNpFit(config);
        FloatMatrix centres = test.drawCentres(samples, Seeds.stream(seed));
        double[] t = new double[widths.length];
        for (int j = 0; j < widths.length; j++) {
            t[j] = test.fit(backend, samples, widths[j], centres).t();
        }
        return t;
    }

    /**
     * What a calibration header and a result file record of the test: {@code kernel-np}, the fit's
     * settings, the widths, and the percentiles they came from (absent when the widths were given).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Settings(String method, @JsonUnwrapped KernelNpFit.Config config, List<Double> widths,
            List<Double> percentiles) implements StatisticSettings.Baseline {
    }

    @Override
    public StatisticSettings settings() {
        return StatisticSettings.ofTest(new Settings(method(), config, Arrays.stream(widths).boxed().toList(),
                percentiles == null ? null : Arrays.stream(percentiles).boxed().toList()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KernelNpStatistic k && config.equals(k.config) && Arrays.equals(widths, k.widths)
                && Arrays.equals(percentiles, k.percentiles);
    }

    @Override
    public int hashCode() {
        return 31 * config.hashCode() + Arrays.hashCode(widths);
    }

    @Override
    public String toString() {
        return "KernelNpStatistic" + settings().test();
    }
}
