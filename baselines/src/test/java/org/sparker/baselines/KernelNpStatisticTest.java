package org.sparker.baselines;

import org.sparker.toys.ToySources;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.reference.ReferenceBackend;
import org.sparker.sampling.Seeds;
import org.sparker.stats.Aggregation;
import org.sparker.stats.Calibration;
import org.sparker.calibration.CalibrationListener;
import org.sparker.calibration.CalibrationRunner;
import org.sparker.calibration.CalibrationSpec;
import org.sparker.calibration.ToySource;
import org.sparker.toys.ExponentialToy;

class KernelNpStatisticTest {

    static final ExponentialToy SMALL = ExponentialToy.table1("tail").withSizes(2000, 200);
    static final KernelNpFit.Config FAST = KernelNpFit.Config.DEFAULT.withCentres(300);

    /**
     * A small seeded version of the published null distribution (1D exponential toy,
     * N_R = 20,000, exactly 2,000 data points, M_c = 5,000, λ = 1e-10, one Newton step): medians 53.3 at
     * σ = 0.3 and 15.9 at σ = 1.4. 30 toys give the median to about ±2.4 and ±1.3; we allow four
     * standard errors.
     */
    @Test
    void reproducesThePublishedNullMedians() {
        var stat = KernelNpStatistic.ofWidths(KernelNpFit.Config.DEFAULT, 0.3, 1.4);
        // fixed data sizes, as the original implementation's toys
        org.sparker.toys.ToyModel nullToy = ExponentialToy.table1("tail").withPoisson(false).withoutSignal();
        int toys = 30;
        double[][] t = new double[2][toys];
        try (KernelBackend b = new ReferenceBackend()) {
            for (int k = 0; k < toys; k++) {
                double[] v = stat.evaluate(b, nullToy.sample(Seeds.stream(Seeds.derive(2024, k))), Seeds.derive(99, k));
                t[0][k] = v[0];
                t[1][k] = v[1];
            }
        }
        Arrays.sort(t[0]);
        Arrays.sort(t[1]);
        double median03 = (t[0][14] + t[0][15]) / 2;
        double median14 = (t[1][14] + t[1][15]) / 2;
        assertThat(median03).isBetween(53.3 - 9.6, 53.3 + 9.6);
        assertThat(median14).isBetween(15.9 - 5.2, 15.9 + 5.2);
    }

    @Test
    void calibratedMinPValuesAreUniformUnderTheNull(@TempDir Path dir) throws Exception {
        KernelNpStatistic stat = KernelNpStatistic.withPercentileWidths(FAST, ToySources.of(SMALL), 5,
                KernelNpStatistic.DEFAULT_PERCENTILES);
        assertThat(stat.widths()).hasSize(6).isSorted();
        var runner = new CalibrationRunner(ReferenceBackend::new, 2);
        Calibration nullCal = runner.run(new CalibrationSpec(stat, ToySources.of(SMALL), 5), 80,
                dir.resolve("null.jsonl"), CalibrationListener.NONE);
        // fresh anomaly-free toys, another master seed
        Calibration fresh = runner.run(new CalibrationSpec(stat, ToySources.of(SMALL), 6), 60,
                dir.resolve("fresh.jsonl"), CalibrationListener.NONE);
        double[] p = new double[fresh.toys()];
        for (int k = 0; k < p.length; k++) {
            p[k] = nullCal.globalPValue(fresh.statisticsOf(k), Aggregation.MIN_P).pValue();
        }
        double ks = KolmogorovSmirnovTest.withDefaults().test(p, x -> Math.min(1, Math.max(0, x))).getPValue();
        assertThat(ks).isGreaterThan(0.01);
        assertThat(Files.readString(dir.resolve("null.jsonl"))).contains("\"method\":\"kernel-np\"");
    }

    @Test
    void aStrongBumpIsDetected(@TempDir Path dir) throws Exception {
        ExponentialToy strong = ExponentialToy.bump(1.6, 0.16, 0.5).withSizes(2000, 200);
        KernelNpStatistic stat = KernelNpStatistic.withPercentileWidths(FAST, ToySources.of(strong), 5, 10, 50);
        var runner = new CalibrationRunner(ReferenceBackend::new, 2);
        Calibration nullCal = runner.run(new CalibrationSpec(stat, ToySources.of(strong), 5), 30,
                dir.resolve("null.jsonl"), CalibrationListener.NONE);
        try (KernelBackend b = new ReferenceBackend()) {
            double[] t = stat.evaluate(b, strong.sample(Seeds.stream(1)), 1);
            // beyond every null toy at both widths; min-p then ties with the null toys at the floor
            assertThat(nullCal.pValues(t)).containsOnly(1.0 / 31);
            assertThat(nullCal.globalPValue(t, Aggregation.MIN_P).pValue()).isLessThan(0.1);
        }
    }

    @Test
    void theSameSeedGivesTheSameStatistics() {
        var stat = KernelNpStatistic.ofWidths(FAST, 0.2, 1.0);
        try (KernelBackend b = new ReferenceBackend()) {
            var s = SMALL.sample(Seeds.stream(3));
            assertThat(stat.evaluate(b, s, 17)).containsExactly(stat.evaluate(b, s, 17));
            assertThat(stat.evaluate(b, s, 18)).isNotEqualTo(stat.evaluate(b, s, 17));
        }
    }

    @Test
    void convergedNewtonLowersTheObjectiveBelowOneStep() {
        try (KernelBackend b = new ReferenceBackend()) {
            var s = SMALL.sample(Seeds.stream(4));
            var one = new KernelNpFit(FAST.withLambda(1e-6)).fit(b, s, 0.3, Seeds.stream(1));
            var conv = new KernelNpFit(FAST.withLambda(1e-6).withNewtonSteps(0)).fit(b, s, 0.3, Seeds.stream(1));
            assertThat(conv.objective()).isLessThan(one.objective());
            assertThat(conv.steps()).isGreaterThan(1);
            assertThat(conv.rank()).isEqualTo(one.rank());
        }
    }

    @Test
    void badSettingsAreRefusedWithTheParameterNamed() {
        assertThatThrownBy(() -> KernelNpFit.Config.DEFAULT.withCentres(0)).hasMessageContaining("centres");
        assertThatThrownBy(() -> KernelNpFit.Config.DEFAULT.withLambda(-1)).hasMessageContaining("lambda");
        assertThatThrownBy(() -> KernelNpFit.Config.DEFAULT.withLambda(0).withNewtonSteps(0))
                .hasMessageContaining("λ > 0");
        assertThatThrownBy(() -> KernelNpStatistic.ofWidths(FAST, 0.5, -1)).hasMessageContaining("widths");
    }
}
