package org.sparker.engine.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The blocked loops of the simd backend keep the summation order of the plain loops they replace,
 * so they give the same bits whatever the blocking.
 * <ul>
 * <li>The centre-gradient sweep ({@link TileKernels#accumulateCenterGradient}) adds, for every
 * partial sum, the group's tiles in slot order, one (fused, where the JIT fuses) multiply-add per
 * slot: checked against that scalar loop for even and odd kernel counts (the last kernel of an
 * odd count runs eight coordinates at a time), coordinates with and without a tail of that
 * block, and short groups whose missing slots reuse the first tile with zero coefficients.</li>
 * <li>The one-tile dot-product distances ({@link TileKernels#dotDistances}) of kernel counts
 * {@code M ≥ 5} with {@code M mod 4 = 1} fuse the last four-kernel block with the remaining
 * kernel: checked against the two separate passes, written out here as scalar sums in the same
 * order (four-kernel blocks: one chain per kernel over the coordinates; the single kernel: four
 * chains over {@code k mod 4}, the tail on chain 0, combined as {@code (a0 + a1) + (a2 + a3)}).</li>
 * </ul>
 */
class SweepOrderTest {

    private static final int L = VectorSupport.LANES;
    private static final int GROUP = TileKernels.GROUP;

    @ParameterizedTest(name = "d = {0}, M = {1}, tiles in the group = {2}")
    @CsvSource({"1, 1, 8", "3, 5, 8", "8, 5, 3", "9, 7, 8", "17, 9, 1", "128, 5, 8", "131, 5, 5", "131, 4, 8",
            "64, 2, 7", "19, 3, 2", "16, 10, 8", "33, 11, 6", "128, 12, 4", "7, 6, 8", "130, 9, 8", "128, 4, 8", "9, 4, 6", "20, 14, 8"})
    void sweepAddsTheTilesInSlotOrder(int d, int m, int tilesInGroup) {
        int count = Math.min(tilesInGroup, GROUP);
        SplittableRandom rng = new SplittableRandom(977L * d + 31L * m + count);
        int first = 1;                       // the group does not start at tile 0
        int tileSize = d * L;
        float[] x = new float[(first + count + 1) * tileSize];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        double[] coef = new double[GROUP * m * L];
        for (int s = 0; s < count; s++) {
            for (int j = 0; j < m * L; j++) {
                coef[s * m * L + j] = rng.nextGaussian();
            }
        }
        double[] grad = new double[m * tileSize];
        for (int j = 0; j < grad.length; j++) {
            grad[j] = rng.nextGaussian();
        }
        double[] expected = grad.clone();
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < d; k++) {
                for (int lane = 0; lane < L; lane++) {
                    int g = (i * d + k) * L + lane;
                    double a = expected[g];
                    for (int s = 0; s < GROUP; s++) {
                        int tile = s < count ? first + s : first;
                        double c = coef[(s * m + i) * L + lane];
                        double v = x[tile * tileSize + k * L + lane];
                        a = VectorSupport.FMA ? Math.fma(c, v, a) : a + c * v;
                    }
                    expected[g] = a;
                }
            }
        }
        TileKernels.accumulateCenterGradient(x, first, count, d, m, coef, grad);
        for (int j = 0; j < grad.length; j++) {
            assertThat(Double.doubleToRawLongBits(grad[j])).as("kernel %d, coordinate %d, lane %d",
                    j / tileSize, j % tileSize / L, j % L).isEqualTo(Double.doubleToRawLongBits(expected[j]));
        }
    }

    @ParameterizedTest(name = "d = {0}, M = {1}")
    @CsvSource({"16, 5", "17, 5", "19, 9", "131, 5", "255, 13", "18, 6", "20, 4", "23, 1"})
    void dotDistancesKeepTheOrderOfFourKernelBlocksAndSingleKernels(int d, int m) {
        SplittableRandom rng = new SplittableRandom(131L * d + m);
        RandomInputs in = RandomInputs.draw(rng, L + 3, d, m);   // two tiles, the second one short
        Tiles tiles = in.tiles();
        Params q = in.params();
        int blocked = m % 4 == 0 ? m : m - m % 4;   // kernels summed by four-kernel blocks
        for (int t = 0; t < tiles.tiles; t++) {
            int off = t * d * L;
            double[] out = new double[m * L];
            TileKernels.dotDistances(tiles.x, off, tiles.norms, t * L, q, out, 0);
            for (int i = 0; i < m; i++) {
                double centerNorm = q.centerNorms()[i];
                for (int lane = 0; lane < L; lane++) {
                    double dot = i < blocked ? blockDot(tiles.x, off, d, q.centers(), i * d, lane)
                            : singleDot(tiles.x, off, d, q.centers(), i * d, lane);
                    double expected = Math.max(0.0, tiles.norms[t * L + lane] + centerNorm - dot * 2.0);
                    assertThat(Double.doubleToRawLongBits(out[i * L + lane]))
                            .as("tile %d, kernel %d, lane %d", t, i, lane)
                            .isEqualTo(Double.doubleToRawLongBits(expected));
                }
            }
        }
    }

    /** One chain over the coordinates, as in a four-kernel block. */
    private static double blockDot(float[] x, int off, int d, double[] c, int c0, int lane) {
        double a = 0.0;
        for (int k = 0; k < d; k++) {
            a = multiplyAdd(x[off + k * L + lane], c[c0 + k], a);
        }
        return a;
    }

    /** Four chains over {@code k mod 4} and the tail on chain 0 without fusing, as for a single kernel. */
    private static double singleDot(float[] x, int off, int d, double[] c, int c0, int lane) {
        double[] a = new double[4];
        int k = 0;
        for (; k + 4 <= d; k += 4) {
            for (int j = 0; j < 4; j++) {
                a[j] = multiplyAdd(x[off + (k + j) * L + lane], c[c0 + k + j], a[j]);
            }
        }
        for (; k < d; k++) {
            a[0] = a[0] + x[off + k * L + lane] * c[c0 + k];
        }
        return (a[0] + a[1]) + (a[2] + a[3]);
    }

    private static double multiplyAdd(double x, double c, double a) {
        return VectorSupport.FMA ? Math.fma(x, c, a) : a + x * c;
    }
}
