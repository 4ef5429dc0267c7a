package org.sparker.engine.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.KernelModel;

/**
 * The training pass's switch between the dot-product distances and the direct differences
 * ({@link TileKernels#dotProductAccurate}), on both sides of its threshold: a tile takes the dot
 * products just above its switching width and the differences just below, and where it takes
 * them the dot products' error on {@code u = ‖x − μ‖²/2σ²} is within {@link TileKernels#DOT_TOLERANCE}.
 * The verification module checks that both sides agree with the reference.
 */
class DotProductSwitchTest {

    private static final int L = VectorSupport.LANES;

    @ParameterizedTest(name = "d = {0}")
    @ValueSource(ints = {16, 129, 1000})
    void switchesAtTheRoundingBoundAndStaysWithinTolerance(int d) {
        SplittableRandom rng = new SplittableRandom(7L * d);
        int n = 5 * L + 3;
        int m = 5;
        // far from the origin (offsets up to 300, spread 1): the switch falls where kernels matter
        double[] offset = new double[d];
        for (int k = 0; k < d; k++) {
            offset[k] = 300 * (2 * rng.nextDouble() - 1);
        }
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (offset[i % d] + (2 * rng.nextDouble() - 1));
        }
        double[] centers = new double[m * d];
        for (int i = 0; i < centers.length; i++) {
            centers[i] = offset[i % d] + rng.nextGaussian();
        }
        double[] amplitudes = {0.5, -0.3, 0.2, 0.1, -0.4};
        Tiles tiles = Tiles.of(FloatMatrix.wrap(x, n, d), 1.0, null, L);
        double maxCenterNorm = Params.of(KernelModel.of(centers, d, amplitudes, 1.0, true)).maxCenterNorm();
        double gamma = (d + 3) * 0x1p-53 / (1 - (d + 3) * 0x1p-53);
        double[] u = new double[m * L];
        for (int t = 0; t < tiles.tiles; t++) {
            double bound = 2 * gamma * (tiles.tileMaxNorm[t] + maxCenterNorm);
            double switchWidth = Math.sqrt(bound / (TileKernels.DOT_TOLERANCE * 2));
            Params below = Params.of(KernelModel.of(centers, d, amplitudes, 0.99 * switchWidth, true));
            Params above = Params.of(KernelModel.of(centers, d, amplitudes, 1.01 * switchWidth, true));
            assertThat(TileKernels.dotProductAccurate(tiles, t, below)).as("tile %d below the switch", t).isFalse();
            assertThat(TileKernels.dotProductAccurate(tiles, t, above)).as("tile %d above the switch", t).isTrue();

            TileKernels.dotDistances(tiles.x, t * d * L, tiles.norms, t * L, above, u, 0);
            double twoSigma2 = 2 * above.sigma() * above.sigma();
            for (int lane = 0; lane < tiles.valid(t); lane++) {
                int p = t * L + lane;
                for (int i = 0; i < m; i++) {
                    double exact = 0;
                    for (int k = 0; k < d; k++) {
                        double diff = (double) x[p * d + k] - centers[i * d + k];
                        exact += diff * diff;
                    }
                    assertThat(Math.abs(u[i * L + lane] - exact) / twoSigma2)
                            .as("point %d, kernel %d: error on u of the dot products", p, i)
                            .isLessThanOrEqualTo(TileKernels.DOT_TOLERANCE);
                }
            }
        }
        // below d = 16 the differences are always taken
        Tiles small = Tiles.of(FloatMatrix.wrap(new float[3 * 15], 3, 15), 1.0, null, L);
        Params wide = Params.of(KernelModel.of(new double[15], 15, new double[] {1.0}, 1e3, true));
        assertThat(TileKernels.dotProductAccurate(small, 0, wide)).isFalse();
    }
}
