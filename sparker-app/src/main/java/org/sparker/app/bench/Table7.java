package org.sparker.app.bench;

import java.util.List;

/**
 * The paper's Table VII workloads, the one list every benchmark and document uses: the data
 * shape (with {@code M = 5}), the paper's number of training steps and its GPU time.
 *
 * @param name the application
 * @param points {@code N = N_R + N_D}
 * @param dimension {@code d}
 * @param paperSteps training steps in the paper (Table VI)
 * @param paperGpuSeconds the paper's GPU training time (Table VII)
 */
public record Table7(String name, int points, int dimension, int paperSteps, double paperGpuSeconds) {

    /** Kernels in every Table VII workload. */
    public static final int KERNELS = 5;

    /** The six workloads in the paper's order. */
    public static final List<Table7> WORKLOADS = List.of(
            new Table7("gravitational waves", 24_000, 4, 100_000, 125),
            new Table7("particle jets", 60_000, 128, 100_000, 350.1),
            new Table7("butterfly hybrids", 1_100, 1000, 100_000, 1589),
            new Table7("Divine Comedy", 15_000, 384, 100_000, 269),
            new Table7("ImageNet OOD", 11_000, 1000, 40_000, 3455),
            new Table7("CIFAR-10 vs 5m", 110_000, 1000, 40_000, 33576));

    /** The shape {@code N, d, M}. */
    public Shape shape() {
        return new Shape(points, dimension, KERNELS);
    }
}
