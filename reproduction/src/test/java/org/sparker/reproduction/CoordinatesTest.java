package org.sparker.reproduction;

import org.sparker.stats.Auc;

import org.sparker.app.preprocess.CoordinateMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sparker.engine.FloatMatrix;

/** Kasieczka et al.'s (arXiv:2209.06225) set-up: the maps, and the exact AUCs of the ratio and density scores by quadrature. */
class CoordinatesTest {

    private static final CoordinateMap[] MAPS = {CoordinateMap.IDENTITY, CoordinateMap.affine(2, 5),
        CoordinateMap.PHI, CoordinateMap.TANH_SHIFT, CoordinateMap.EXP_NEG, CoordinateMap.parse("phi>affine:2:5")};

    @Test
    void mapsInvertAndTheirDerivativesAreRight() {
        for (CoordinateMap f : MAPS) {
            for (double x : new double[] {-3.1, -0.4, 0, 0.7, 2.9}) {
                assertThat(f.inverse(f.apply(x))).as("%s at %s", f, x).isCloseTo(x, within(1e-7));
                double h = 1e-6;
                double numeric = Math.log(Math.abs((f.apply(x + h) - f.apply(x - h)) / (2 * h)));
                assertThat(f.logAbsDerivative(x)).as("%s' at %s", f, x).isCloseTo(numeric, within(1e-5));
            }
        }
        assertThat(CoordinateMap.parse("phi>affine:2:5").name()).isEqualTo("phi>affine:2.0:5.0");
        assertThatThrownBy(() -> CoordinateMap.parse("log")).hasMessageContaining("unknown 'log'");
        assertThatThrownBy(() -> CoordinateMap.parse("affine:0:1")).hasMessageContaining("non-zero scale");
        assertThatThrownBy(() -> CoordinateMap.EXP_NEG.apply(FloatMatrix.wrap(new float[] {1, -200}, 1, 2), "R"))
                .hasMessageContaining("R: the map exp-neg sends row 0, column 1");
    }

    @Test
    void exactAucsInOneDimension() {
        assertThat(ExactAuc.oneDimensional(x -> x, 1, 200_000)).isCloseTo(0.760250, within(1e-6));
        assertThat(ExactAuc.oneDimensional(x -> GaussianShiftToy.densityScore1(x, CoordinateMap.IDENTITY), 1, 200_000))
                .isCloseTo(0.635460, within(1e-5));
        assertThat(ExactAuc.oneDimensional(x -> GaussianShiftToy.densityScore1(x, CoordinateMap.affine(2, 5)), 1, 200_000))
                .isCloseTo(0.635460, within(1e-5));
        assertThat(ExactAuc.oneDimensional(x -> GaussianShiftToy.densityScore1(x, CoordinateMap.PHI), 1, 200_000))
                .isEqualTo(0.5);
        assertThat(ExactAuc.oneDimensional(x -> GaussianShiftToy.densityScore1(x, CoordinateMap.TANH_SHIFT), 1, 200_000))
                .isCloseTo(0.248668, within(1e-5));
        assertThat(ExactAuc.oneDimensional(x -> GaussianShiftToy.densityScore1(x, CoordinateMap.EXP_NEG), 1, 200_000))
                .isCloseTo(0.364540, within(1e-5));
    }

    @Test
    void exactAucsInTwoDimensions() {
        int cells = 1000;
        assertThat(ExactAuc.twoDimensional((a, b) -> a + b, 1, cells)).isCloseTo(0.841345, within(1e-4));
        assertThat(ExactAuc.twoDimensional((a, b) -> GaussianShiftToy.densityScore1(a, CoordinateMap.IDENTITY)
                + GaussianShiftToy.densityScore1(b, CoordinateMap.IDENTITY), 1, cells))
                .isCloseTo(1 - Math.exp(-0.5) / 2, within(1e-4));
        assertThat(ExactAuc.twoDimensional((a, b) -> GaussianShiftToy.densityScore1(a, CoordinateMap.PHI)
                + GaussianShiftToy.densityScore1(b, CoordinateMap.PHI), 1, cells)).isEqualTo(0.5);
        assertThat(ExactAuc.twoDimensional((a, b) -> GaussianShiftToy.densityScore1(a, CoordinateMap.TANH_SHIFT)
                + GaussianShiftToy.densityScore1(b, CoordinateMap.TANH_SHIFT), 1, cells)).isCloseTo(0.174783, within(1e-4));
    }

    /**
     * The exact ratio computed in y, {@code log p_{Y_s}(y) − log p_{Y_b}(y)} with both Jacobians,
     * ranks the same events the same way in every coordinate system: AUCs equal to 1e-12.
     */
    @Test
    void theRatioIsTheSameScoreInEveryCoordinateSystem() {
        GaussianShiftToy toy = GaussianShiftToy.of(2);
        var rng = org.sparker.sampling.Seeds.stream(3);
        double[] b = toy.sample(rng, 2000, false);
        double[] s = toy.sample(rng, 2000, true);
        double first = Double.NaN;
        for (CoordinateMap f : MAPS) {
            // the events as they are in y, mapped back: the ratio in x of f⁻¹(f(x))
            double[] sb = new double[2000];
            double[] ss = new double[2000];
            for (int i = 0; i < 2000; i++) {
                sb[i] = ratioInY(roundTrip(b, i, f), f);
                ss[i] = ratioInY(roundTrip(s, i, f), f);
            }
            double auc = org.sparker.stats.Auc.midrank(ss, sb);
            if (Double.isNaN(first)) {
                first = auc;
            }
            assertThat(auc).as("map %s", f).isCloseTo(first, within(1e-12));
        }
    }

    /** The event mapped to y and back, through which the ratio in y is computed. */
    private static double[] roundTrip(double[] x, int r, CoordinateMap f) {
        return new double[] {f.inverse(f.apply(x[2 * r])), f.inverse(f.apply(x[2 * r + 1]))};
    }

    /** log p_{Y_s}(y) − log p_{Y_b}(y) = [log φ(x − 1) − log|f'(x)|] − [log φ(x) − log|f'(x)|], x = f⁻¹(y). */
    private static double ratioInY(double[] x, CoordinateMap f) {
        double s = 0;
        for (double v : x) {
            double j = f.logAbsDerivative(v);
            s += (-0.5 * (v - 1) * (v - 1) - j) - (-0.5 * v * v - j);
        }
        return s;
    }
}
