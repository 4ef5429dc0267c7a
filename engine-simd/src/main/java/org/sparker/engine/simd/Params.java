package org.sparker.engine.simd;

import org.sparker.engine.KernelParameters;
import org.sparker.engine.ParameterSnapshot;

/**
 * The model's parameters, copied once per call, with each centre's squared norm
 * {@code ‖μ_i‖²} and the largest of them (for the dot-product distances of {@link TileKernels}).
 */
record Params(int m, int d, double[] centers, double[] amplitudes, double sigma, boolean softmax,
        double[] centerNorms, double maxCenterNorm) {
    static Params of(KernelParameters model) {
        ParameterSnapshot p = ParameterSnapshot.of(model);
        int m = p.kernels();
        int d = p.dimension();
        double[] c = p.centers();
        double[] norms = new double[m];
        double max = 0;
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += c[i * d + k] * c[i * d + k];
            }
            norms[i] = s;
            max = Math.max(max, s);
        }
        return new Params(m, d, c, p.amplitudes(), p.width(), p.softmax(), norms, max);
    }
}
