package org.sparker.app.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.sparker.calibration.PoolBootstrap;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.TrainingSamples;
import org.sparker.sampling.Seeds;

class ProjectionTest {

    /** Points spread 10× along (1, 1, 0)/√2, 3× along z, 1× along (1, −1, 0)/√2, centred at (5, −2, 0). */
    private static FloatMatrix elongated(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
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
        return FloatMatrix.wrap(x, n, 3);
    }

    @Test
    void findsThePrincipalAxesLargestFirstWithTheirLargestComponentPositive() {
        Projection p = Projection.fit(elongated(4000, 3), 2);
        double r = Math.sqrt(0.5);
        assertThat(p.axes()[0]).containsExactly(new double[] {r, r, 0}, within(0.01));
        assertThat(p.axes()[1]).containsExactly(new double[] {0, 0, 1}, within(0.01));
        assertThat(p.mean()).containsExactly(new double[] {5, -2, 0}, within(0.5));
        assertThat(p.apply(FloatMatrix.of(new double[][] {p.mean()})).data()).containsExactly(new float[] {0, 0},
                within(1e-6f));
        assertThat(p.dimension()).isEqualTo(2);
        assertThat(p.inputDimension()).isEqualTo(3);
    }

    /** Fewer points than coordinates (the Gram matrix's path): n − 1 axes span the centred reference exactly. */
    @Test
    void withFewerPointsThanCoordinatesTheAxesSpanTheReference() {
        SplittableRandom rnd = new SplittableRandom(5);
        int n = 12;
        int d = 40;
        double[][] rows = new double[n][d];
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                row[j] = rnd.nextGaussian() * (1 + j % 5);
            }
        }
        FloatMatrix x = FloatMatrix.of(rows);
        Projection p = Projection.fit(x, n - 1);
        for (int a = 0; a < n - 1; a++) {
            for (int b = 0; b <= a; b++) {
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    dot += p.axes()[a][j] * p.axes()[b][j];
                }
                assertThat(dot).as("axes %d·%d", a, b).isCloseTo(a == b ? 1 : 0, within(1e-9));
            }
        }
        FloatMatrix y = p.apply(x);
        double before = Double.MAX_VALUE;
        for (int a = 0; a < n - 1; a++) {
            double v = 0;
            for (int i = 0; i < n; i++) {
                v += y.data()[i * (n - 1) + a] * (double) y.data()[i * (n - 1) + a];
            }
            assertThat(v).as("variance along axis %d", a).isLessThanOrEqualTo(before * (1 + 1e-9));
            before = v;
        }
        for (int i = 0; i < n; i++) {
            double[] yi = new double[n - 1];
            for (int a = 0; a < n - 1; a++) {
                yi[a] = y.data()[i * (n - 1) + a];
            }
            double[] back = p.toInputUnits(yi);
            for (int j = 0; j < d; j++) {
                assertThat(back[j]).isCloseTo(rows[i][j], within(1e-4 * (1 + Math.abs(rows[i][j]))));
            }
        }
        assertThatThrownBy(() -> Projection.fit(x, n)).hasMessageContaining("between 1 and the smaller of the dimension "
                + "(40) and the reference's points less one (11), got 12");
    }

    @Test
    void aReferenceOnALineHasOneAxis() {
        FloatMatrix line = FloatMatrix.of(new double[][] {{0, 0}, {1, 2}, {2, 4}, {3, 6}});
        assertThat(Projection.fit(line, 1).axes()[0]).containsExactly(new double[] {1 / Math.sqrt(5), 2 / Math.sqrt(5)},
                within(1e-12));
        assertThatThrownBy(() -> Projection.fit(line, 2)).hasMessage("pca: the reference varies along only 1 axes, "
                + "fewer than K = 2");
    }

    /** Toys are projected onto their own pseudo-reference's axes; the test onto its reference's. */
    @Test
    void everyToyIsProjectedOntoItsOwnReferencesAxes() {
        FloatMatrix reference = elongated(400, 8);
        FloatMatrix data = elongated(40, 9);
        Preprocessing.Prepared p = new Preprocessing(null, 2, false).prepare(reference, "R", data, "D", null, null, 4);
        Projection fitted = p.units().projection();
        assertThat(fitted.dimension()).isEqualTo(2);
        assertThat(p.observed().reference().cols()).isEqualTo(2);
        PoolBootstrap toys = p.source();
        assertThat(toys.units()).isEqualTo(new PerToyProjection(2, false));
        TrainingSamples rawToy = toys.withUnits(null).sample(5, Seeds.stream(1));
        TrainingSamples toy = toys.sample(5, Seeds.stream(1));
        Projection own = Projection.fit(rawToy.reference(), 2);
        assertThat(own).isNotEqualTo(fitted);
        assertThat(toy.reference().data()).containsExactly(own.apply(rawToy.reference()).data());
        assertThat(toy.data().data()).containsExactly(own.apply(rawToy.data()).data());
        assertThat(toys.parameters().units()).isEqualTo("projected per toy onto the first 2 principal axes of the "
                + "toy's reference");
        assertThat(new PerToyProjection(2, true).describe()).endsWith(", then "
                + PerToyStandardization.INSTANCE.describe());
    }
}
