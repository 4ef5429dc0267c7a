package org.sparker.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;
import org.sparker.sampling.Seeds;

/** Known values for the statistics layer (hand-computed, or published where noted). */
class PValuesTest {

    @Test
    void empiricalPValueHasThePlusOneCorrection() {
        double[] nul = {1, 2, 5, 7};
        assertThat(PValues.empirical(5, nul)).isEqualTo(3.0 / 5); // (1 + #{5, 7}) / 5
        assertThat(PValues.empirical(8, nul)).isEqualTo(1.0 / 5); // the floor 1/(K+1)
        assertThat(PValues.empirical(0, nul)).isEqualTo(1.0);
        assertThat(PValues.leaveOneOut(2, nul)).isEqualTo(2.0 / 4); // (1 + #{7}) / 4
        assertThat(PValues.leaveOneOut(3, nul)).isEqualTo(1.0 / 4);
    }

    @Test
    void zScoresAreOneSidedGaussian() {
        assertThat(PValues.zScore(0.5)).isCloseTo(0, within(1e-12));
        assertThat(PValues.zScore(0.022750131948179195)).isCloseTo(2, within(1e-9)); // 1 − Φ(2)
        assertThat(PValues.zScore(1.3498980316300946e-3)).isCloseTo(3, within(1e-9)); // 1 − Φ(3)
        assertThat(PValues.zScore(2.866515718791939e-7)).isCloseTo(5, within(1e-8)); // 1 − Φ(5)
    }

    /** p = (0.1, 0.5): T = −½ log 0.1 − ¼ (log 0.1 + log 0.5), etc. */
    @Test
    void aggregationsOfTwoPValues() {
        double[] p = {0.1, 0.5};
        assertThat(Aggregation.SPARKER.combine(p)).isCloseTo(1.9002256148855206, within(1e-12));
        assertThat(Aggregation.MIN_P.combine(p)).isCloseTo(2.302585092994046, within(1e-12));
        assertThat(Aggregation.PRODUCT.combine(p)).isCloseTo(2.995732273553991, within(1e-12));
        assertThat(Aggregation.FUSE.combine(p)).isCloseTo(Math.log(6), within(1e-12)); // log mean(10, 2)
        assertThat(Aggregation.parse("min-p")).isEqualTo(Aggregation.MIN_P);
    }

    /** Published exact intervals (R's binom.test, 95%). */
    @Test
    void clopperPearsonMatchesPublishedValues() {
        double[] ci = Power.clopperPearson(5, 10, 0.95);
        assertThat(ci[0]).isCloseTo(0.1870860, within(1e-6));
        assertThat(ci[1]).isCloseTo(0.8129140, within(1e-6));
        ci = Power.clopperPearson(0, 10, 0.95);
        assertThat(ci[0]).isEqualTo(0);
        assertThat(ci[1]).isCloseTo(0.3084971, within(1e-6));
        ci = Power.clopperPearson(10, 10, 0.95);
        assertThat(ci[0]).isCloseTo(0.6915029, within(1e-6));
        assertThat(ci[1]).isEqualTo(1);
        Power power = Power.atLevel(new double[] {0.01, 0.04, 0.05, 0.2}, 0.05);
        assertThat(power.detected()).isEqualTo(3);
        assertThat(power.value()).isEqualTo(0.75);
        assertThat(power.lower()).isLessThan(0.75);
        assertThat(power.upper()).isGreaterThan(0.75);
    }

    @Test
    void globalPValueFlagsTheFloorAsAnUpperLimit() {
        double[] nul = {1, 2, 3, 4};
        GlobalPValue top = GlobalPValue.of(10, nul);
        assertThat(top.pValue()).isEqualTo(0.2);
        assertThat(top.upperLimit()).isTrue();
        GlobalPValue mid = GlobalPValue.of(2.5, nul);
        assertThat(mid.pValue()).isEqualTo(0.6);
        assertThat(mid.upperLimit()).isFalse();
        assertThat(mid.z()).isEqualTo(PValues.zScore(0.6));
    }

    @Test
    void leaveOneOutCalibration() {
        // two widths, four toys
        Calibration c = new Calibration(new double[] {2, 1},
                java.util.List.of(new double[] {1, 4}, new double[] {2, 3}, new double[] {3, 2}, new double[] {4, 1}));
        assertThat(c.leaveOneOutPValues(0)).containsExactly(1.0, 0.25); // t=1: all 3 others ≥ → 4/4; t=4: none → 1/4
        assertThat(c.pValues(new double[] {5, 0})).containsExactly(0.2, 1.0);
        double[] loo = c.leaveOneOutGlobalPValues(Aggregation.SPARKER);
        for (double p : loo) {
            assertThat(p).isBetween(0.25, 1.0);
        }
    }

    @Test
    void chiSquaredFitRecoversTheDegreesOfFreedom() {
        var rng = Seeds.stream(3);
        var sampler = ChiSquaredDistribution.of(3).createSampler(rng);
        double[] t = new double[5000];
        for (int i = 0; i < t.length; i++) {
            t[i] = sampler.sample();
        }
        t[0] = -1; // excluded, reported
        ChiSquaredFit fit = ChiSquaredFit.fit(t);
        assertThat(fit.degreesOfFreedom()).isCloseTo(3, within(0.15));
        assertThat(fit.excluded()).isEqualTo(1);
        assertThat(fit.pValue(7.814727903251178)).isCloseTo(0.05, within(0.01)); // χ²_3 95% quantile
    }

    @Test
    void moranSpacingIsZeroForEqualSpacingAndMatchesItsUniformMean() {
        assertThat(MoranSpacing.statistic(new double[] {0.25, 0.5, 0.75}, 0, 1)).isCloseTo(0, within(1e-12));
        assertThat(MoranSpacing.statistic(new double[] {0.5, 0.5, 0.5}, 0, 1)).isGreaterThan(20);
        var rng = Seeds.stream(5);
        int n = 5;
        double sum = 0;
        int reps = 20000;
        var u = ZigguratSampler.Exponential.of(rng); // unused draws keep the stream honest
        u.sample();
        for (int r = 0; r < reps; r++) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = rng.nextDouble();
            }
            sum += MoranSpacing.statistic(x, 0, 1);
        }
        assertThat(sum / reps).isCloseTo(MoranSpacing.uniformMean(n), within(0.1));
    }
}
