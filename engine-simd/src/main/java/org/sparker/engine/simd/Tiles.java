package org.sparker.engine.simd;

import org.sparker.engine.FloatMatrix;

/**
 * Points in the SIMD backend's resident layout: tiles of {@code L} points (the double vector's
 * lanes), each tile stored column-major, {@code x[(tile·d + k)·L + lane]}, so that coordinate
 * {@code k} of all points of a tile is one vector load. The last tile is padded with zero points
 * of weight 0, which the kernels mask out.
 */
final class Tiles {

    final float[] x;
    /** Per-point weight, {@code w[tile·L + lane]}; 0 for padding. */
    final double[] weights;
    /** {@code ‖x‖²} per point, {@code [tile·L + lane]}, in double from the stored floats; 0 for padding. */
    final double[] norms;
    /** The largest {@code ‖x‖²} of each tile. */
    final double[] tileMaxNorm;
    final int points;
    final int tiles;
    final int dimension;
    final int lanes;

    private Tiles(float[] x, double[] weights, double[] norms, double[] tileMaxNorm, int points, int dimension,
            int lanes) {
        this.x = x;
        this.weights = weights;
        this.norms = norms;
        this.tileMaxNorm = tileMaxNorm;
        this.points = points;
        this.dimension = dimension;
        this.lanes = lanes;
        this.tiles = (points + lanes - 1) / lanes;
    }

    /** Tiles of {@code m}, each point weighted {@code scale × pointWeights[i]} (or {@code scale}). */
    static Tiles of(FloatMatrix m, double scale, double[] pointWeights, int lanes) {
        int n = m.rows();
        int d = m.cols();
        int tiles = (n + lanes - 1) / lanes;
        float[] x = new float[Math.multiplyExact(Math.multiplyExact(tiles, d), lanes)];
        double[] w = new double[tiles * lanes];
        double[] norms = new double[tiles * lanes];
        double[] tileMax = new double[tiles];
        float[] src = m.data();
        for (int p = 0; p < n; p++) {
            int tile = p / lanes;
            int lane = p % lanes;
            int base = tile * d * lanes + lane;
            double norm = 0;
            for (int k = 0; k < d; k++) {
                float v = src[p * d + k];
                x[base + k * lanes] = v;
                norm += (double) v * v;
            }
            w[p] = scale * (pointWeights == null ? 1.0 : pointWeights[p]);
            norms[p] = norm;
            tileMax[tile] = Math.max(tileMax[tile], norm);
        }
        return new Tiles(x, w, norms, tileMax, n, d, lanes);
    }

    /** Copies tile {@code tile} of row-major {@code m} into {@code buf} (zero padding). */
    static void transposeTile(FloatMatrix m, int tile, int lanes, float[] buf) {
        int n = m.rows();
        int d = m.cols();
        float[] src = m.data();
        int first = tile * lanes;
        int count = Math.min(lanes, n - first);
        if (count < lanes) {
            java.util.Arrays.fill(buf, 0, d * lanes, 0f);
        }
        for (int lane = 0; lane < count; lane++) {
            int row = (first + lane) * d;
            for (int k = 0; k < d; k++) {
                buf[k * lanes + lane] = src[row + k];
            }
        }
    }

    /** Points in tile {@code tile}: {@code L} except possibly in the last one. */
    int valid(int tile) {
        return Math.min(lanes, points - tile * lanes);
    }
}
