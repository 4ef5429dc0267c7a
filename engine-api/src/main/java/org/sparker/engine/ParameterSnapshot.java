package org.sparker.engine;

/**
 * A model's parameters copied once into plain arrays, as a backend reads them during one call:
 * {@code M×d} centres (row-major), {@code M} amplitudes, the width and the softmax switch. The
 * copy keeps a call's inputs fixed while the trainer's {@link ModelState} changes between calls.
 *
 * @param kernels {@code M}
 * @param dimension {@code d}
 * @param centers row-major {@code M×d} centres
 * @param amplitudes {@code M} amplitudes
 * @param width σ
 * @param softmax whether the softmax competition is on
 */
public record ParameterSnapshot(int kernels, int dimension, double[] centers, double[] amplitudes, double width,
        boolean softmax) {

    /** The copy of {@code model}'s parameters. */
    public static ParameterSnapshot of(KernelParameters model) {
        double[] c = new double[model.kernels() * model.dimension()];
        double[] a = new double[model.kernels()];
        model.copyCentersTo(c);
        model.copyAmplitudesTo(a);
        return new ParameterSnapshot(model.kernels(), model.dimension(), c, a, model.width(), model.softmax());
    }
}
