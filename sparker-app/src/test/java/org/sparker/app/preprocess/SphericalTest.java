package org.sparker.app.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.sparker.app.UserError;
import org.sparker.calibration.PoolBootstrap;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.TrainingSamples;
import org.sparker.sampling.Seeds;

class SphericalTest {

    private static double[] spherical(Spherical s, double... x) {
        float[] y = s.apply(FloatMatrix.of(new double[][] {x})).data();
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i];
        }
        return out;
    }

    @Test
    void polarAndSphericalCoordinatesByHand() {
        Spherical plane = new Spherical(new double[2]);
        assertThat(spherical(plane, 1, 1)).containsExactly(new double[] {Math.sqrt(2), Math.PI / 4}, within(1e-6));
        assertThat(spherical(plane, -1, 0)).containsExactly(new double[] {1, Math.PI}, within(1e-6));
        assertThat(spherical(plane, 0, -2)).containsExactly(new double[] {2, -Math.PI / 2}, within(1e-6));
        Spherical space = new Spherical(new double[] {1, 1, 1});
        // about (1, 1, 1): the offset (0, 0, 2) is on the polar equator, at azimuth π/2
        assertThat(spherical(space, 1, 1, 3)).containsExactly(new double[] {2, Math.PI / 2, Math.PI / 2}, within(1e-6));
        assertThat(spherical(space, 1, 1, 1)).containsExactly(new double[] {0, 0, 0});
        assertThat(spherical(space, 2, 1, 1)).containsExactly(new double[] {1, 0, 0}, within(1e-7));
    }

    @Test
    void pointsGoBackWhereTheyCameFromInManyDimensionsAndAtExtremeScales() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (double scale : new double[] {1e-30, 1, 1e30}) {
            for (int d : new int[] {2, 3, 7, 64, 200}) {
                double[] c = new double[d];
                double[][] rows = new double[20][d];
                for (int j = 0; j < d; j++) {
                    c[j] = scale * rnd.nextGaussian();
                }
                for (double[] row : rows) {
                    for (int j = 0; j < d; j++) {
                        row[j] = (float) (c[j] + scale * rnd.nextGaussian());
                    }
                }
                Spherical s = new Spherical(c);
                FloatMatrix y = s.apply(FloatMatrix.of(rows));
                for (int p = 0; p < rows.length; p++) {
                    double[] yp = new double[d];
                    for (int j = 0; j < d; j++) {
                        yp[j] = y.data()[p * d + j];
                        assertThat(Float.isFinite(y.data()[p * d + j])).isTrue();
                    }
                    assertThat(yp[0]).isPositive();
                    for (int k = 1; k < d - 1; k++) {
                        assertThat(yp[k]).isBetween(0.0, Math.PI + 1e-6);
                    }
                    double[] back = s.toInputUnits(yp);
                    for (int j = 0; j < d; j++) {
                        // float rounding of r and of each angle, spread over the radius
                        assertThat(back[j]).as("d %d, scale %g, row %d, coordinate %d", d, scale, p, j)
                                .isCloseTo(rows[p][j], within(2e-6 * d * yp[0] + 1e-6 * Math.abs(c[j])));
                    }
                }
            }
        }
    }

    /** The log-Jacobian against the determinant of the numerical derivative of the map. */
    @Test
    void theLogJacobianIsTheLogDeterminantOfTheMapsDerivative() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (int d : new int[] {2, 3, 5}) {
            double[] c = new double[d];
            for (int j = 0; j < d; j++) {
                c[j] = rnd.nextGaussian();
            }
            Spherical s = new Spherical(c);
            for (int trial = 0; trial < 5; trial++) {
                double[] x = new double[d];
                for (int j = 0; j < d; j++) {
                    x[j] = c[j] + rnd.nextGaussian();
                }
                DMatrixRMaj jac = new DMatrixRMaj(d, d);
                double h = 1e-6;
                for (int j = 0; j < d; j++) {
                    double[] up = offset(x, c, j, h);
                    double[] down = offset(x, c, j, -h);
                    for (int i = 0; i < d; i++) {
                        jac.set(i, j, (up[i] - down[i]) / (2 * h));
                    }
                }
                double numeric = Math.log(Math.abs(CommonOps_DDRM.det(jac)));
                assertThat(s.logAbsJacobian(x)).as("d %d", d).isCloseTo(numeric, within(1e-6));
            }
        }
        assertThat(new Spherical(new double[3]).logAbsJacobian(new double[3])).isEqualTo(Double.POSITIVE_INFINITY);
    }

    /** The coordinates of {@code x} with {@code x_j} moved by {@code h}, in double precision. */
    private static double[] offset(double[] x, double[] c, int j, double h) {
        double[] u = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            u[i] = x[i] - c[i] + (i == j ? h : 0);
        }
        double[] y = new double[x.length];
        Spherical.toSpherical(u, y);
        return y;
    }

    @Test
    void theCentreIsTheReferencesMeanOrTheOrigin() {
        FloatMatrix ref = FloatMatrix.of(new double[][] {{1, 2}, {3, 6}});
        assertThat(Spherical.fit(ref, Spherical.Center.MEAN).center()).containsExactly(2, 4);
        assertThat(Spherical.fit(ref, Spherical.Center.ORIGIN).center()).containsExactly(0, 0);
        assertThat(Spherical.Center.parse(" Origin ")).isEqualTo(Spherical.Center.ORIGIN);
        assertThatThrownBy(() -> Spherical.Center.parse("middle"))
                .hasMessage("spherical: the centre must be mean or origin, got 'middle'");
    }

    /** Toys are centred on their own pseudo-reference's mean, after their own projection; the test on its reference's. */
    @Test
    void everyToyIsCentredOnItsOwnReference() {
        SplittableRandom rnd = new SplittableRandom(8);
        double[][] r = new double[300][4];
        double[][] d = new double[30][4];
        for (double[][] m : new double[][][] {r, d}) {
            for (double[] row : m) {
                for (int j = 0; j < 4; j++) {
                    row[j] = 3 + (j + 1) * rnd.nextGaussian();
                }
            }
        }
        Preprocessing pre = Preprocessing.of(null, 3, "mean", false);
        Preprocessing.Prepared p = pre.prepare(FloatMatrix.of(r), "R", FloatMatrix.of(d), "D", null, null, 4);
        assertThat(p.units().spherical().dimension()).isEqualTo(3);
        assertThat(p.observed().reference().cols()).isEqualTo(3);
        PoolBootstrap toys = p.source();
        assertThat(toys.units()).isEqualTo(new PerToySpherical(3, Spherical.Center.MEAN, false));
        TrainingSamples rawToy = toys.withUnits(null).sample(5, Seeds.stream(1));
        TrainingSamples toy = toys.sample(5, Seeds.stream(1));
        Projection axes = Projection.fit(rawToy.reference(), 3);
        FloatMatrix projected = axes.apply(rawToy.reference());
        Spherical own = Spherical.fit(projected, Spherical.Center.MEAN);
        assertThat(toy.reference().data()).containsExactly(own.apply(projected).data());
        assertThat(toy.data().data()).containsExactly(own.apply(axes.apply(rawToy.data())).data());
        assertThat(toys.parameters().units()).isEqualTo("projected per toy onto the first 3 principal axes of the "
                + "toy's reference, then hyperspherical coordinates (radius, angles) about the mean of the toy's reference");
        assertThat(new PerToySpherical(0, Spherical.Center.ORIGIN, true).describe()).isEqualTo("hyperspherical "
                + "coordinates (radius, angles) about the origin, then " + PerToyStandardization.INSTANCE.describe());

        // the fitted step takes a point of the input's 4 coordinates to the model's 3 and back to its place
        // in the kept subspace
        Preprocessing.Fitted units = p.units();
        FloatMatrix one = FloatMatrix.of(new double[][] {d[0]});
        float[] y = units.apply(one, "D").data();
        double[] back = units.toInputUnits(new double[] {y[0], y[1], y[2]});
        assertThat(units.projection().apply(FloatMatrix.of(new double[][] {back})).data())
                .containsExactly(units.projection().apply(one).data(), within(1e-4f));
    }

    @Test
    void oneCoordinateIsRefusedNamingTheFile() {
        FloatMatrix line = FloatMatrix.of(new double[][] {{1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {10}});
        FloatMatrix two = FloatMatrix.of(new double[][] {{1}, {2}});
        assertThatThrownBy(() -> Preprocessing.of(null, null, "origin", true).prepare(line, "r.csv", two, "d.csv", null,
                null, 1)).isInstanceOf(UserError.class).hasMessage("--spherical: r.csv: hyperspherical coordinates need at "
                        + "least 2 coordinates, the points have 1");
        assertThatThrownBy(() -> Preprocessing.of(null, null, "mid", true)).isInstanceOf(UserError.class)
                .hasMessage("--spherical: the centre must be mean or origin, got 'mid'");
    }
}
