package org.sparker.engine.simd;

import org.sparker.engine.KernelParameters;

/** The model's parameters, copied once per call. */
record Params(int m, int d, double[] centers, double[] amplitudes, double sigma, boolean softmax) {
    static Params of(KernelParameters model) {
        double[] c = new double[model.kernels() * model.dimension()];
        double[] a = new double[model.kernels()];
        model.copyCentersTo(c);
        model.copyAmplitudesTo(a);
        return new Params(model.kernels(), model.dimension(), c, a, model.width(), model.softmax());
    }
}
