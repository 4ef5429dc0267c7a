package org.sparker.baselines;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.TrainingSamples;
import org.sparker.calibration.StatisticSettings;
import org.sparker.calibration.TestStatistic;

/**
 * MMD-FUSE as a {@link TestStatistic}, so that its toys run, resume and are stored like any
 * calibration: one statistic, {@code −ln p} of the permutation p-value (larger means more
 * anomalous). MMD-FUSE needs no calibration — its p-value is exact by permutation — so a power
 * study reads {@code p = e^{−t}} back from the stored toys. The single "width" is 0: the
 * bandwidths are chosen per sample.
 */
public record MmdFuseStatistic(MmdFuse.Config config) implements TestStatistic {

    public MmdFuseStatistic {
        if (config == null) {
            throw new IllegalArgumentException("mmd-fuse: a configuration is required");
        }
    }

    /** The permutation p-value stored as statistic {@code t}. */
    public static double pValue(double t) {
        return Math.exp(-t);
    }

    @Override
    public String method() {
        return "mmd-fuse";
    }

    @Override
    public double[] widths() {
        return new double[] {0};
    }

    @Override
    public double[] evaluate(KernelBackend backend, TrainingSamples samples, long seed) {
        return new double[] {-Math.log(new MmdFuse(config).test(backend, samples, seed).pValue())};
    }

    @Override
    public StatisticSettings settings() {
        return StatisticSettings.ofTest(new Settings(method(), config));
    }

    /** What a calibration header records of the test: {@code mmd-fuse} and its settings. */
    public record Settings(String method, @JsonUnwrapped MmdFuse.Config config) implements StatisticSettings.Baseline {
    }
}
