package org.sparker.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** RAD-OT spec fixtures G1 and G2: optimal pairing keeps the sidebands' spread, random pairing loses it. */
class RadOtTest {

    private static final RadOt.Window SB1 = new RadOt.Window(0, 1);
    private static final RadOt.Window SR = new RadOt.Window(1, 2);
    private static final RadOt.Window SB2 = new RadOt.Window(2, 3);

    /**
     * Events with SB1 masses at 0.5 and SB2 masses at 2.5 (so the SR midpoint is t = ½), feature
     * N(0,1) in SB1 and N(mu2, s2²) in SB2, and SR events at mass 1.5 for the mass model.
     */
    private static double[] events(int perBand, double mu2, double s2, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] ev = new double[3 * perBand * 2];
        for (int i = 0; i < perBand; i++) {
            ev[2 * i] = 0.5;
            ev[2 * i + 1] = rnd.nextGaussian();
            ev[2 * (perBand + i)] = 2.5;
            ev[2 * (perBand + i) + 1] = mu2 + s2 * rnd.nextGaussian();
            ev[2 * (2 * perBand + i)] = 1.5;
            ev[2 * (2 * perBand + i) + 1] = 0;
        }
        return ev;
    }

    private static double variance(double[] v) {
        double m = 0;
        for (double x : v) {
            m += x;
        }
        m /= v.length;
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return s / (v.length - 1);
    }

    private static RadOt.Template template(double[] ev, int n, RadOt.Pairing pairing) {
        RadOt.Config c = new RadOt.Config(SR, SB1, SB2, 1000, 2, RadOt.Cost.SQEUCLIDEAN, pairing);
        // every SR event sits at 1.5: a KDE of one value, so every template mass is ~1.5 (t ≈ ½)
        MassModel mass = MassModel.kde(ev, n, 2, 0, SR);
        return RadOt.build(ev, n, 2, 0, c, mass, 7, null);
    }

    @Test
    void g1SameLawIsPreservedByOptimalPairingAndHalvedByRandom() {
        double[] ev = events(2000, 0, 1, 1);
        double ot = variance(template(ev, 6000, RadOt.Pairing.OPTIMAL).features());
        double random = variance(template(ev, 6000, RadOt.Pairing.RANDOM).features());
        assertThat(ot).isCloseTo(1.0, within(0.12));
        assertThat(random).isCloseTo(0.5, within(0.08));
    }

    @Test
    void g2OptimalPairingIsTheMcCannInterpolation() {
        double[] ev = events(2000, 2, 2, 2);
        RadOt.Template t = template(ev, 6000, RadOt.Pairing.OPTIMAL);
        double mean = java.util.Arrays.stream(t.features()).average().orElseThrow();
        assertThat(mean).isCloseTo(1.0, within(0.1));
        assertThat(variance(t.features())).isCloseTo(2.25, within(0.25));
        assertThat(variance(template(ev, 6000, RadOt.Pairing.RANDOM).features())).isCloseTo(1.25, within(0.15));
    }

    @Test
    void sameSeedSameTemplateForAnyThreadCount() {
        double[] ev = events(1500, 1, 1, 3);
        RadOt.Template a = template(ev, 4500, RadOt.Pairing.OPTIMAL);
        RadOt.Template b = template(ev, 4500, RadOt.Pairing.OPTIMAL);
        assertThat(a.features()).containsExactly(b.features());
        assertThat(a.masses()).containsExactly(b.masses());
        RadOt.Config c = new RadOt.Config(SR, SB1, SB2, 300, 5, RadOt.Cost.SQEUCLIDEAN, RadOt.Pairing.OPTIMAL);
        MassModel mass = MassModel.kde(ev, 4500, 2, 0, SR);
        RadOt.Template serial = RadOt.build(ev, 4500, 2, 0, c, mass, 9, 1, null);
        RadOt.Template parallel = RadOt.build(ev, 4500, 2, 0, c, mass, 9, 3, null);
        assertThat(parallel.features()).containsExactly(serial.features());
        assertThat(parallel.masses()).containsExactly(serial.masses());
        for (double m : a.masses()) {
            assertThat(SR.contains(m)).isTrue();
        }
    }

    /**
     * The dijet fit on the sidebands of a falling spectrum e^{−m/0.3} (TeV) predicts the signal
     * region it never saw: the sampled SR masses have the true mean and the true share below the
     * SR's middle.
     */
    @Test
    void dijetFitOfTheSidebandsPredictsTheSignalRegion() {
        SplittableRandom rnd = new SplittableRandom(8);
        int n = 40_000;
        double[] ev = new double[2 * n];
        double lo = 3.1;
        double hi = 3.9;
        double span = 1 - Math.exp(-(hi - lo) / 0.3);
        for (int i = 0; i < n; i++) {
            ev[2 * i] = lo - 0.3 * Math.log(1 - rnd.nextDouble() * span);
            ev[2 * i + 1] = rnd.nextGaussian();
        }
        RadOt.Window sb1 = new RadOt.Window(3.1, 3.3);
        RadOt.Window sr = new RadOt.Window(3.3, 3.7);
        RadOt.Window sb2 = new RadOt.Window(3.7, 3.9);
        MassModel model = MassModel.dijet(ev, n, 2, 0, sb1, sr, sb2, 13.0);
        var rng = org.sparker.sampling.Seeds.stream(9);
        double mean = 0;
        double below = 0;
        int draws = 20_000;
        for (int i = 0; i < draws; i++) {
            double m = model.sample(rng);
            assertThat(sr.contains(m)).isTrue();
            mean += m / draws;
            below += m < 3.5 ? 1.0 / draws : 0;
        }
        // truncated exponential on [3.3, 3.7): mean 3.3 + 0.3 − 0.4·e^{−4/3}/(1 − e^{−4/3}), P(m < 3.5) = (1 − e^{−2/3})/(1 − e^{−4/3})
        double q = Math.exp(-0.4 / 0.3);
        double trueMean = 3.3 + 0.3 - 0.4 * q / (1 - q);
        double trueBelow = (1 - Math.exp(-0.2 / 0.3)) / (1 - q);
        assertThat(mean).isCloseTo(trueMean, within(0.005));
        assertThat(below).isCloseTo(trueBelow, within(0.015));
        assertThat(model.dijetParameters()).hasSize(3);
        assertThatThrownBy(() -> MassModel.dijet(ev, n, 2, 0, sb1, sr, sb2, 3.0)).hasMessageContaining("sqrt-s");
    }

    @Test
    void badSettingsAreNamed() {
        double[] ev = events(100, 0, 1, 4);
        MassModel mass = MassModel.kde(ev, 300, 2, 0, SR);
        assertThatThrownBy(() -> RadOt.build(ev, 300, 2, 0,
                new RadOt.Config(SR, SB1, SB2, 500, 1, RadOt.Cost.SQEUCLIDEAN, RadOt.Pairing.OPTIMAL), mass, 1, null))
                .hasMessageContaining("batch: 500 events per sideband per batch, but SB1 has 100");
        assertThatThrownBy(() -> new RadOt.Config(SB2, SB1, SR, 5, 1, RadOt.Cost.SQEUCLIDEAN, RadOt.Pairing.OPTIMAL))
                .hasMessageContaining("SB1 below the SR below SB2");
        assertThatThrownBy(() -> RadOt.Window.parse("sr", "3:x")).hasMessageContaining("sr: expected two numbers");
    }
}
