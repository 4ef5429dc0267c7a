package org.sparker.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class PrincipalDirectionsTest {

    /** Points spread 10× along (1, 1, 0)/√2, 3× along z, 1× along (1, −1, 0)/√2: those directions, in that order. */
    @Test
    void findsTheAxesOfAnElongatedCloud() {
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 4000;
        float[] x = new float[n * 3];
        double r = Math.sqrt(0.5);
        for (int p = 0; p < n; p++) {
            double a = 10 * rnd.nextGaussian();
            double b = rnd.nextGaussian();
            double c = 3 * rnd.nextGaussian();
            x[3 * p] = (float) (5 + r * (a + b));
            x[3 * p + 1] = (float) (-2 + r * (a - b));
            x[3 * p + 2] = (float) c;
        }
        PrincipalDirections pd = PrincipalDirections.of(x, n, 3, 2, 1);
        assertThat(Math.abs(pd.directions()[0][0])).isCloseTo(r, within(0.01));
        assertThat(Math.abs(pd.directions()[0][1])).isCloseTo(r, within(0.01));
        assertThat(Math.abs(pd.directions()[1][2])).isCloseTo(1.0, within(0.01));
        assertThat(pd.mean()[0]).isCloseTo(5, within(0.5));
        double dot = 0;
        for (int k = 0; k < 3; k++) {
            dot += pd.directions()[0][k] * pd.directions()[1][k];
        }
        assertThat(dot).isCloseTo(0, within(1e-12));
        // the mean projects to 0
        assertThat(pd.project(pd.mean(), 0)).isCloseTo(0, within(1e-12));
    }
}
