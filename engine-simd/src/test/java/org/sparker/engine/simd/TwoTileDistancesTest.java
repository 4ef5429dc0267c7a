package org.sparker.engine.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The dot-product distances of two adjacent tiles at once ({@link TileKernels#dotDistancesTwoTiles})
 * are the bits of one tile at a time ({@link TileKernels#dotDistances}): the same sums in the same
 * order, only interleaved. Kernel counts with and without a four-kernel block and a remainder,
 * dimensions with and without a tail of the four-coordinate loop, a short last tile.
 */
class TwoTileDistancesTest {

    private static final int L = VectorSupport.LANES;

    @ParameterizedTest(name = "d = {0}, M = {1}")
    @CsvSource({"256, 5", "257, 1", "259, 4", "262, 9", "1000, 5", "1003, 3", "16, 2"})
    void twoTilesGiveTheBitsOfOneAtATime(int d, int m) {
        SplittableRandom rng = new SplittableRandom(31L * d + m);
        RandomInputs in = RandomInputs.draw(rng, 3 * L + 5, d, m);   // four tiles, the last one short
        Tiles tiles = in.tiles();
        Params q = in.params();
        int ml = m * L;
        for (int t = 0; t + 1 < tiles.tiles; t++) {
            double[] one = new double[2 * ml];
            double[] two = new double[2 * ml];
            TileKernels.dotDistances(tiles.x, t * d * L, tiles.norms, t * L, q, one, 0);
            TileKernels.dotDistances(tiles.x, (t + 1) * d * L, tiles.norms, (t + 1) * L, q, one, ml);
            TileKernels.dotDistancesTwoTiles(tiles.x, t * d * L, tiles.norms, t * L, q, two, 0);
            for (int j = 0; j < 2 * ml; j++) {
                assertThat(Double.doubleToRawLongBits(two[j])).as("tiles %d and %d, slot %d", t, t + 1, j)
                        .isEqualTo(Double.doubleToRawLongBits(one[j]));
            }
        }
    }
}
