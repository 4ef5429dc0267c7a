package org.sparker.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/**
 * The tail-model extrapolation: close to the true tail of a known null beyond the toys' floor,
 * calibrated on held-back toys, withheld when the tail does not look generalized Pareto or there
 * are too few toys.
 */
class ExtrapolationTest {

    private static List<double[]> draws(SplittableRandom rnd, int toys, Function<SplittableRandom, double[]> draw) {
        List<double[]> stats = new ArrayList<>();
        for (int k = 0; k < toys; k++) {
            stats.add(draw.apply(rnd));
        }
        return stats;
    }

    private static Calibration calibration(List<double[]> stats) {
        double[] widths = new double[stats.get(0).length];
        for (int j = 0; j < widths.length; j++) {
            widths[j] = 1.0 / (j + 1);
        }
        return new Calibration(widths, stats);
    }

    private static double chi2(SplittableRandom rnd, int k) {
        double s = 0;
        for (int i = 0; i < k; i++) {
            double z = rnd.nextGaussian();
            s += z * z;
        }
        return s;
    }

    /** Three checkpoints: χ²_3, χ²_5 and a scaled χ²_2, the third correlated with the first. */
    private static double[] chiSquaredCheckpoints(SplittableRandom r) {
        double a = chi2(r, 3);
        return new double[] {a, chi2(r, 5), 0.5 * a + 3 * chi2(r, 2)};
    }

    @Test
    void generalizedParetoFitRecoversItsParameters() {
        SplittableRandom rnd = new SplittableRandom(3);
        double[] y = new double[5000];
        for (int i = 0; i < y.length; i++) {
            // inverse transform of GPD(ξ = 0.3, β = 2)
            y[i] = 2 / 0.3 * (Math.pow(1 - rnd.nextDouble(), -0.3) - 1);
        }
        GeneralizedParetoFit f = GeneralizedParetoFit.fit(y);
        assertThat(f.shape()).isCloseTo(0.3, within(0.06));
        assertThat(f.scale()).isCloseTo(2, within(0.15));
        double mean = 0;
        for (int i = 0; i < y.length; i++) {
            y[i] = -1.5 * Math.log(1 - rnd.nextDouble()); // exponential, β = 1.5
            mean += y[i] / y.length;
        }
        GeneralizedParetoFit e = GeneralizedParetoFit.fit(y);
        assertThat(e.shape()).isLessThan(0.03);
        assertThat(e.scale()).isCloseTo(1.5, within(0.08));
        if (e.shape() == 0) {
            assertThat(e.scale()).isCloseTo(mean, within(1e-12));
        }
        assertThat(e.survival(0)).isEqualTo(1);
        assertThat(e.survival(3) + e.cdf(3)).isCloseTo(1, within(1e-15));
    }

    @Test
    void extrapolatesCloseToTheTrueTailBeyondTheFloor() {
        Calibration cal = calibration(draws(new SplittableRandom(5), 400, ExtrapolationTest::chiSquaredCheckpoints));
        Extrapolation.Model model = Extrapolation.model(cal);
        assertThat(model.failure()).isNull();
        // the true null distribution of s, by simulation, far past the 400 toys
        int n = 1_000_000;
        SplittableRandom truth = new SplittableRandom(6);
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = model.statistic(chiSquaredCheckpoints(truth));
        }
        java.util.Arrays.sort(s);
        for (double tail : new double[] {1e-3, 2e-4}) {
            double at = s[(int) Math.round(n * (1 - tail))];
            double p = model.pValue(at);
            assertThat(model.empiricalPValue(at)).isEqualTo(1.0 / 401); // beyond every toy
            assertThat(p).as("extrapolated p at a true tail probability of %s", tail).isBetween(tail / 3, tail * 3);
        }
        Extrapolation e = model.of(new double[] {30, 30, 40});
        assertThat(e.accepted()).isTrue();
        assertThat(e.pValue()).isLessThan(1e-4);
        assertThat(e.z()).isGreaterThan(3.7);
        assertThat(e.exceedances()).isEqualTo(80);
        assertThat(e.goodnessOfFit()).isGreaterThanOrEqualTo(Extrapolation.ACCEPT);
        assertThat(e.checkpoints()).hasSize(3);
        assertThat(e.checkpoints().get(0).standardized()).isEqualTo((30 - e.checkpoints().get(0).median())
                / e.checkpoints().get(0).spread());
    }

    /**
     * Held-back toys fall at or below a level about as often as the level says, also below the
     * floor {@code 1/(K+1)}: averaged over 20 calibrations of 200 toys, each tested on 2,000 fresh
     * toys of the same null.
     */
    @Test
    void heldBackToysAreCalibratedBelowTheFloor() {
        SplittableRandom rnd = new SplittableRandom(11);
        double[] levels = {0.05, 0.002};
        double[] rate = new double[levels.length];
        int calibrations = 20;
        int fresh = 2000;
        for (int c = 0; c < calibrations; c++) {
            Extrapolation.Model model = Extrapolation.model(calibration(draws(rnd, 200,
                    ExtrapolationTest::chiSquaredCheckpoints)));
            assertThat(model.failure()).isNull();
            for (int i = 0; i < fresh; i++) {
                double p = model.pValue(model.statistic(chiSquaredCheckpoints(rnd)));
                for (int l = 0; l < levels.length; l++) {
                    rate[l] += p <= levels[l] ? 1.0 / (calibrations * fresh) : 0;
                }
            }
        }
        assertThat(rate[0]).isBetween(0.04, 0.06);
        assertThat(rate[1]).as("below the floor 1/201").isBetween(0.001, 0.004);
    }

    @Test
    void aTailThatIsNotGeneralizedParetoGivesNone() {
        // 80% N(0, 1), 10% near 50, 10% near 100: the excesses are two clumps
        Calibration cal = calibration(draws(new SplittableRandom(7), 400, r -> {
            double u = r.nextDouble();
            double v = u < 0.8 ? r.nextGaussian() : (u < 0.9 ? 50 : 100) + r.nextDouble();
            return new double[] {v, r.nextGaussian()};
        }));
        Extrapolation e = Extrapolation.of(cal, new double[] {200, 0});
        assertThat(e.accepted()).isFalse();
        assertThat(e.pValue()).isNull();
        assertThat(e.z()).isNull();
        assertThat(e.goodnessOfFit()).isLessThan(Extrapolation.ACCEPT);
        assertThat(e.reason()).startsWith("the tail fit is rejected (KS p = ").endsWith(" over 80 excesses)");
        assertThat(e.empiricalPValue()).isEqualTo(1.0 / 401);
    }

    @Test
    void tooFewToysOrConstantCheckpointsGiveNone() {
        Calibration few = calibration(draws(new SplittableRandom(8), 50, ExtrapolationTest::chiSquaredCheckpoints));
        Extrapolation e = Extrapolation.of(few, new double[] {40, 40, 40});
        assertThat(e.accepted()).isFalse();
        assertThat(e.pValue()).isNull();
        assertThat(e.reason()).isEqualTo("only 50 toys: the tail is fitted from 100 on");
        assertThat(e.empiricalPValue()).isEqualTo(1.0 / 51);

        // a checkpoint constant in every toy is left out; the others carry the statistic
        Calibration partly = calibration(draws(new SplittableRandom(9), 200, r -> new double[] {0, chi2(r, 4)}));
        Extrapolation.Model model = Extrapolation.model(partly);
        assertThat(model.failure()).isNull();
        Extrapolation p = model.of(new double[] {5, 30});
        assertThat(p.checkpoints().get(0).spread()).isZero();
        assertThat(p.checkpoints().get(0).standardized()).isNaN();
        assertThat(p.statistic()).isEqualTo(p.checkpoints().get(1).standardized());

        Calibration constant = calibration(draws(new SplittableRandom(10), 200, r -> new double[] {1, 2}));
        Extrapolation c = Extrapolation.of(constant, new double[] {1, 2});
        assertThat(c.accepted()).isFalse();
        assertThat(c.reason()).isEqualTo("every checkpoint's statistic is the same in all toys");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = Aggregation.class, names = {"SPARKER", "MIN_P"})
    void resampledSplitsAverageTheRatesOverCalibrations(Aggregation rule) {
        List<double[]> pool = draws(new SplittableRandom(12), 1500, ExtrapolationTest::chiSquaredCheckpoints);
        ExtrapolationCheck.Resampled r = ExtrapolationCheck.resampled(new double[] {1, 0.5, 0.25}, pool, 200, 30, 4,
                rule);
        assertThat(r.splits()).isEqualTo(30);
        assertThat(r.heldBack()).isEqualTo(1300);
        assertThat(r.accepted()).isGreaterThan(0.8);
        assertThat(r.levels()[2]).isEqualTo(1.0 / 201);
        assertThat(r.extrapolated()[0]).isBetween(0.04, 0.06);
        assertThat(r.empirical()[0]).isBetween(0.04, 0.06);
        // below the floor only the extrapolation rejects at all
        assertThat(r.empirical()[3]).isZero();
        assertThat(r.extrapolated()[3]).isBetween(0.0005, 0.006);
        // every toy against a calibration of its own: uniform
        assertThat(r.ownExtrapolated()).hasSize(1500);
        assertThat(r.ownUniformity()).isGreaterThan(0.01);
        assertThat(r.ownEmpiricalUniformity()).isGreaterThan(0.01);
        assertThat(java.util.Arrays.stream(r.ownExtrapolated()).filter(p -> p < 1.0 / 201).count()).isPositive();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ExtrapolationCheck.resampled(new double[] {1, 0.5, 0.25},
                pool, 1500, 3, 1, rule)).hasMessageContaining("the calibration size must be in [2, 1499] for 1500 toys");
    }
}
