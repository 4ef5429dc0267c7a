package org.sparker.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sparker.sampling.Seeds;

/**
 * The global p-value is valid with few toys and many widths, for every rule: an observed test
 * drawn from the same distribution as the toys is rejected at 5% at most about
 * {@code ⌊0.05 (K + 1)⌋ / (K + 1)} of the time. With the observed test's per-width p-values on
 * the {@code 1/(K + 1)} grid and the toys' on the leave-one-out {@code 1/K} grid, min-p over eight
 * widths with 50 toys rejected 14–15% of anomaly-free tests: a test that beat every toy at any one
 * width beat every toy's combined statistic.
 */
class GlobalPValueLevelTest {

    private static final int TOYS = 50;
    private static final int WIDTHS = 8;
    private static final int TRIALS = 2000;

    @ParameterizedTest
    @EnumSource(Aggregation.class)
    void anomalyFreeTestsAreRejectedAtMostAtTheLevel(Aggregation rule) {
        UniformRandomProvider rng = Seeds.stream(20261206L + rule.ordinal());
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        int rejected = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            // independent widths: the most ties at min-p's smallest p-value
            List<double[]> toys = new ArrayList<>();
            for (int k = 0; k < TOYS; k++) {
                toys.add(draw(gauss));
            }
            Calibration c = new Calibration(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, toys);
            if (c.globalPValue(draw(gauss), rule).pValue() <= 0.05) {
                rejected++;
            }
        }
        // exact level ⌊0.05 · 51⌋ / 51 = 2/51 ≈ 0.039: 78 of 2,000 expected (sd ≈ 8.7); 110 is
        // 3.6 sd above it, and far below the 290 the mismatched grids gave for min-p
        assertThat(rejected).as("rejections of %d anomaly-free tests under %s", TRIALS, rule).isLessThanOrEqualTo(110);
        // and the test keeps its resolution: ties broken, not all counted against the observed
        assertThat(rejected).as("rejections of %d anomaly-free tests under %s", TRIALS, rule).isGreaterThanOrEqualTo(45);
    }

    @Test
    void tiesInTheRuleAreBrokenByTheTieBreakStatistic() {
        // two widths, three toys; the observed test is the largest at width 1 and the smallest at width 2
        Calibration c = new Calibration(new double[] {1, 2},
                List.of(new double[] {1, 5}, new double[] {2, 6}, new double[] {3, 7}));
        double[] observed = {4, 0};
        // its p-values (1/4, 4/4); toy 3's with the observed among the others: (2/4, 1/4): the same
        // min-p, a smaller product of p-values, so toy 3 ranks above; toys 1 and 2 have larger min p
        assertThat(c.pValues(observed)).containsExactly(0.25, 1.0);
        GlobalPValue g = c.globalPValue(observed, Aggregation.MIN_P);
        assertThat(g.statistic()).isEqualTo(-Math.log(0.25));
        assertThat(g.pValue()).isEqualTo(2.0 / 4);
        assertThat(c.nullCombined(observed, Aggregation.MIN_P))
                .containsExactly(-Math.log(3.0 / 4), -Math.log(2.0 / 4), -Math.log(1.0 / 4));
    }

    @Test
    void theToysCountedAgainstEachTestAreThoseOfThePlainCount() {
        // the sorted count of nullCombined(observed, rule) against a direct count, ties included
        UniformRandomProvider rng = Seeds.stream(7);
        List<double[]> toys = new ArrayList<>();
        for (int k = 0; k < 40; k++) {
            toys.add(new double[] {rng.nextInt(5), rng.nextInt(3), rng.nextDouble()});
        }
        Calibration c = new Calibration(new double[] {1, 2, 3}, toys);
        double[] observed = {2, 1, 0.5};
        double[] combined = c.nullCombined(observed, Aggregation.PRODUCT);
        for (int k = 0; k < toys.size(); k++) {
            double expected = 0;
            for (int j = 0; j < 3; j++) {
                double t = toys.get(k)[j];
                int others = observed[j] >= t ? 1 : 0;
                for (int i = 0; i < toys.size(); i++) {
                    if (i != k && toys.get(i)[j] >= t) {
                        others++;
                    }
                }
                expected -= Math.log((1.0 + others) / (toys.size() + 1.0));
            }
            assertThat(combined[k]).as("toy %d", k).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    private static double[] draw(ZigguratSampler.NormalizedGaussian gauss) {
        double[] t = new double[WIDTHS];
        for (int j = 0; j < WIDTHS; j++) {
            t[j] = gauss.sample();
        }
        return t;
    }
}
