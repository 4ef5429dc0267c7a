package org.sparker.verification;

import java.util.SplittableRandom;

import org.sparker.engine.FloatMatrix;
import org.sparker.engine.KernelModel;

/** Seeded random inputs for the property and agreement tests. */
final class TestData {

    private TestData() {
    }

    /**
     * {@code n×d} points {@code offset + spread · U(−1, 1)} per coordinate, where the offset is a
     * random vector of magnitude up to {@code offsetMagnitude} per coordinate.
     */
    static FloatMatrix points(SplittableRandom rng, int n, int d, double spread, double offsetMagnitude) {
        double[] offset = new double[d];
        for (int k = 0; k < d; k++) {
            offset[k] = offsetMagnitude * (2 * rng.nextDouble() - 1);
        }
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                x[i * d + k] = (float) (offset[k] + spread * (2 * rng.nextDouble() - 1));
            }
        }
        return FloatMatrix.wrap(x, n, d);
    }

    /**
     * A model whose centres sit near randomly chosen points (within a fraction of {@code width}),
     * the way training places them, so that kernels matter at every width.
     */
    static KernelModel modelNear(SplittableRandom rng, FloatMatrix points, int m, double width,
            double amplitudeRange, boolean softmax) {
        int d = points.cols();
        double[] centers = new double[m * d];
        double[] amplitudes = new double[m];
        for (int i = 0; i < m; i++) {
            int row = rng.nextInt(points.rows());
            for (int k = 0; k < d; k++) {
                centers[i * d + k] = points.get(row, k) + 0.5 * width * rng.nextGaussian() / Math.sqrt(d);
            }
            amplitudes[i] = amplitudeRange * (2 * rng.nextDouble() - 1);
        }
        return KernelModel.of(centers, d, amplitudes, width, softmax);
    }
}
