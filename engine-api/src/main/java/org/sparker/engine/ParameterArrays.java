package org.sparker.engine;

/**
 * What the two parameter forms share: the shape-checked arrays of {@code M×d} centres
 * (row-major) and {@code M} amplitudes, and the read accessors over them, written once.
 */
abstract sealed class ParameterArrays implements KernelParameters permits KernelModel, ModelState {

    private final int kernels;
    private final int dimension;
    private final double[] centerValues;
    private final double[] amplitudeValues;

    /** Wraps the arrays (not copied) after checking their shapes. */
    ParameterArrays(double[] centers, int dimension, double[] amplitudes) {
        int m = amplitudes == null ? 0 : amplitudes.length;
        ModelShape.check(m, dimension, centers, amplitudes);
        this.kernels = m;
        this.dimension = dimension;
        this.centerValues = centers;
        this.amplitudeValues = amplitudes;
    }

    @Override
    public final int kernels() {
        return kernels;
    }

    @Override
    public final int dimension() {
        return dimension;
    }

    @Override
    public final double center(int kernel, int axis) {
        return centerValues[kernel * dimension + axis];
    }

    @Override
    public final double amplitude(int kernel) {
        return amplitudeValues[kernel];
    }

    @Override
    public final void copyCentersTo(double[] dst) {
        System.arraycopy(centerValues, 0, dst, 0, centerValues.length);
    }

    @Override
    public final void copyAmplitudesTo(double[] dst) {
        System.arraycopy(amplitudeValues, 0, dst, 0, amplitudeValues.length);
    }
}
