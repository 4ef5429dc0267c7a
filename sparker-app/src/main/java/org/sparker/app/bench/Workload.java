package org.sparker.app.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.sparker.engine.FloatMatrix;
import org.sparker.engine.KernelModel;
import org.sparker.engine.TrainingSamples;

/**
 * The seeded inputs of a benchmark shape: standard Gaussian points split 10:1 into reference and
 * data, a model whose centres sit on random points with amplitudes in {@code [−½, ½)} and width
 * {@code √d} (every kernel active), and the same points as one flat float array for the
 * streaming read.
 */
public record Workload(Shape shape, TrainingSamples samples, KernelModel model, float[] allPoints) {

    /** The workload of {@code shape}; the same shape always gives the same numbers. */
    public static Workload of(Shape shape) {
        int n = shape.points();
        int d = shape.dimension();
        int m = shape.kernels();
        SplittableRandom rng = new SplittableRandom(20261122L + 31L * n + d);
        int nData = Math.max(1, n / 11);
        int nRef = n - nData;
        float[] all = new float[n * d];
        for (int i = 0; i < all.length; i++) {
            all[i] = (float) rng.nextGaussian();
        }
        FloatMatrix ref = FloatMatrix.wrap(Arrays.copyOfRange(all, 0, nRef * d), nRef, d);
        FloatMatrix data = FloatMatrix.wrap(Arrays.copyOfRange(all, nRef * d, n * d), nData, d);
        double[] centers = new double[m * d];
        double[] amplitudes = new double[m];
        for (int i = 0; i < m; i++) {
            int row = rng.nextInt(n);
            for (int k = 0; k < d; k++) {
                centers[i * d + k] = all[row * d + k];
            }
            amplitudes[i] = rng.nextDouble() - 0.5;
        }
        KernelModel model = KernelModel.of(centers, d, amplitudes, Math.sqrt(d), true);
        return new Workload(shape, TrainingSamples.of(ref, data), model, all);
    }
}
