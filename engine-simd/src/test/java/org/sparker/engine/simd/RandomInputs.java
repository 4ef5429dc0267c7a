package org.sparker.engine.simd;

import java.util.SplittableRandom;

import org.sparker.engine.FloatMatrix;
import org.sparker.engine.KernelModel;

/** Seeded Gaussian points in tiles and a random softmax model, for the summation-order tests. */
record RandomInputs(Tiles tiles, Params params) {

    /** {@code n} points of dimension {@code d}, then {@code m} centres and amplitudes, from {@code rng} in that order. */
    static RandomInputs draw(SplittableRandom rng, int n, int d, int m) {
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        double[] centers = new double[m * d];
        for (int i = 0; i < centers.length; i++) {
            centers[i] = rng.nextGaussian();
        }
        double[] amplitudes = new double[m];
        for (int i = 0; i < m; i++) {
            amplitudes[i] = rng.nextDouble() - 0.5;
        }
        Tiles tiles = Tiles.of(FloatMatrix.wrap(x, n, d), 1.0, null, VectorSupport.LANES);
        return new RandomInputs(tiles, Params.of(KernelModel.of(centers, d, amplitudes, Math.sqrt(d), true)));
    }
}
