package org.sparker.baselines;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sparker.calibration.AtomicFiles;
import org.sparker.calibration.CalibrationSpec;
import org.sparker.toys.ExponentialToy;
import org.sparker.toys.ToySources;

/**
 * The calibration header's {@code config} as the records write it: the keys, their order and
 * what is left out are the file format, so a change here would make every existing calibration
 * file look as if it had been made with other settings.
 */
class SettingsJsonTest {

    private static String json(Object o) throws Exception {
        return AtomicFiles.JSON.copy().disable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(o);
    }

    @Test
    void kernelNpWritesItsFitSettingsBetweenTheMethodAndTheWidths() throws Exception {
        KernelNpStatistic stat = new KernelNpStatistic(new KernelNpFit.Config(50, 1e-10, 1, 1e-13, 3000),
                new double[] {0.5, 2}, new double[] {10, 90});
        assertThat(json(stat.settings())).isEqualTo("{\"test\":{\"method\":\"kernel-np\",\"centres\":50,"
                + "\"lambda\":1.0E-10,\"newton_steps\":1,\"pivot_tolerance\":1.0E-13,\"max_rank\":3000,"
                + "\"widths\":[0.5,2.0],\"percentiles\":[10.0,90.0]}}");
        KernelNpStatistic given = new KernelNpStatistic(stat.config(), new double[] {1}, null);
        assertThat(json(given.settings())).as("widths given: no percentiles").doesNotContain("percentiles");
    }

    @Test
    void mmdFuseWritesKernelLabelsAndNotItsThreadCount() throws Exception {
        MmdFuse.Config c = new MmdFuse.Config(List.of(NystromKernel.LAPLACE), 3, 20, 100, 10, 1e-8, 7);
        assertThat(json(new MmdFuseStatistic(c).settings())).isEqualTo("{\"test\":{\"method\":\"mmd-fuse\","
                + "\"kernels\":[\"laplace\"],\"bandwidths\":3,\"permutations\":20,\"landmarks\":100,"
                + "\"max_features\":10,\"pivot_tolerance\":1.0E-8}}");
        assertThat(json(new MmdFuseStatistic(c.withThreads(1)).settings())).isEqualTo(json(new MmdFuseStatistic(c).settings()));
    }

    @Test
    void aToyHeaderHasTheStatisticTheToysAndTheSeedInThatOrder() throws Exception {
        ExponentialToy toy = new ExponentialToy(200, 50, "none", 0, 0, 0, true);
        KernelNpStatistic stat = new KernelNpStatistic(KernelNpFit.Config.DEFAULT, new double[] {1}, null);
        String header = json(new CalibrationSpec(stat, ToySources.of(toy), 9).settings());
        assertThat(header).startsWith("{\"test\":{\"method\":\"kernel-np\"").endsWith(",\"toys\":{\"toy\":\"exponential-1d\","
                + "\"n_reference\":200,\"expected_data\":50.0,\"signal\":\"none\",\"mean\":0.0,\"width\":0.0,"
                + "\"fraction\":0.0},\"seed\":9}");
        ExponentialToy fixed = new ExponentialToy(200, 50, "none", 0, 0, 0, false);
        assertThat(json(fixed.parameters())).as("poisson is written only when false").endsWith(",\"poisson\":false}");
    }
}
