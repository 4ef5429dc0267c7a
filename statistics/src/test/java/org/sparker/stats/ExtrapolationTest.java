package org.sparker.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

/** The χ²-based extrapolation: given when the toys look χ², withheld when they do not. */
class ExtrapolationTest {

    private static Calibration calibration(int toys, int m, java.util.function.Function<SplittableRandom, Double> draw) {
        SplittableRandom rnd = new SplittableRandom(5);
        List<double[]> stats = new ArrayList<>();
        for (int k = 0; k < toys; k++) {
            double[] t = new double[m];
            for (int j = 0; j < m; j++) {
                t[j] = draw.apply(rnd);
            }
            stats.add(t);
        }
        double[] widths = new double[m];
        for (int j = 0; j < m; j++) {
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

    @Test
    void chiSquaredToysGiveABoundBeyondTheFloor() {
        Calibration cal = calibration(400, 3, r -> chi2(r, 3));
        double[] observed = {30, 12, 8};
        Extrapolation e = Extrapolation.of(cal, observed);
        assertThat(e.accepted()).isTrue();
        for (Extrapolation.Fit f : e.checkpoints()) {
            assertThat(f.degreesOfFreedom()).isCloseTo(3, within(0.4));
            assertThat(f.goodnessOfFit()).isGreaterThanOrEqualTo(Extrapolation.ACCEPT);
        }
        double expected = 3 * ChiSquaredDistribution.of(3).survivalProbability(30);
        // the fitted k moves the tail: within a factor 3 of the true χ²_3 bound, far below the floor 1/401
        assertThat(e.pValue()).isBetween(expected / 3, expected * 3).isLessThan(1.0 / 401);
        assertThat(e.z()).isGreaterThan(3.5);
    }

    @Test
    void toysThatAreNotChiSquaredGiveNone() {
        Calibration cal = calibration(400, 2, r -> r.nextBoolean() ? 0.5 + 0.1 * r.nextDouble() : 80 + r.nextDouble());
        Extrapolation e = Extrapolation.of(cal, new double[] {200, 200});
        assertThat(e.accepted()).isFalse();
        assertThat(e.pValue()).isNull();
        assertThat(e.z()).isNull();
        assertThat(e.checkpoints().get(0).goodnessOfFit()).isLessThan(Extrapolation.ACCEPT);
        assertThat(e.reason()).contains("is rejected (KS p = ");
    }

    @Test
    void tooFewToysGiveNone() {
        Calibration cal = calibration(50, 2, r -> chi2(r, 3));
        Extrapolation e = Extrapolation.of(cal, new double[] {40, 40});
        assertThat(e.accepted()).isFalse();
        assertThat(e.pValue()).isNull();
        assertThat(e.reason()).isEqualTo("only 50 toys: the χ² fits are checked from 100 on");
    }
}
