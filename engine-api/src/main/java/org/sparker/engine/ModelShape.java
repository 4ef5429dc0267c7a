package org.sparker.engine;

/** Shape checks shared by the two parameter forms. */
final class ModelShape {

    private ModelShape() {
    }

    static void check(int kernels, int dimension, double[] centers, double[] amplitudes) {
        if (kernels < 1) {
            throw new IllegalArgumentException("kernels: a model needs at least one kernel, got " + kernels);
        }
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension: must be at least 1, got " + dimension);
        }
        if (centers == null || (long) kernels * dimension != centers.length) {
            throw new IllegalArgumentException("centers: expected " + kernels + "×" + dimension + " = "
                    + (long) kernels * dimension + " values, got "
                    + (centers == null ? "none" : String.valueOf(centers.length)));
        }
        if (amplitudes == null || amplitudes.length != kernels) {
            throw new IllegalArgumentException("amplitudes: expected " + kernels + " values, got "
                    + (amplitudes == null ? "none" : String.valueOf(amplitudes.length)));
        }
    }
}
