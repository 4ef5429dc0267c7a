package org.sparker.engine.simd;

import static org.sparker.engine.simd.VectorSupport.LANES;

/** Per-worker scratch, allocated once per model shape. */
final class Workspace {

    private static final int L = LANES;

    int m = -1;
    int d = -1;
    double[] u;
    double[] e;
    double[] k;
    double[] coef;
    double[] gradA;
    double[] sumC;
    double[] grad;
    float[] tileBuffer;
    /** Room for the exponentials' integer parts: one value per tile of a group, kernel and lane. */
    double[] scratch;
    // per point of a group of tiles (slot s at [s·L, s·L + L)); the loss accumulators per lane
    private static final int G = TileKernels.GROUP;
    final double[] lane = new double[G * L];
    final double[] term = new double[G * L];
    final double[] factor = new double[G * L];
    final double[] lossAcc = new double[L];
    final double[] npAcc = new double[L];
    final double[] invSumE = new double[G * L];
    /** Whether {@link #k} holds {@code e^{−u}} for the tile in each slot (else {@code k_i = e_i e^{−m}}). */
    final boolean[] exactK = new boolean[G];
    final double[] expMinusMin = new double[G * L];
    final double[] f = new double[G * L];
    final double[] minU = new double[G * L];
    /** Per point of a group, {@code max_i u_i − min_i u_i}. */
    final double[] spread = new double[G * L];
    final double[] np = new double[G * L];

    /** Soft-minimum row buffers ({@link SoftminKernels}): exponents, exponentials, integer parts. */
    double[] softS = new double[0];
    double[] softE = new double[0];
    double[] softScratch = new double[0];

    void ensureSoftmin(int paddedColumns) {
        if (softS.length < paddedColumns) {
            softS = new double[paddedColumns];
            softE = new double[paddedColumns];
            softScratch = new double[paddedColumns];
        }
    }

    void ensure(int kernels, int dimension) {
        if (kernels == m && dimension == d) {
            return;
        }
        m = kernels;
        d = dimension;
        u = new double[G * m * L];
        e = new double[G * m * L];
        k = new double[G * m * L];
        coef = new double[TileKernels.GROUP * m * L];
        gradA = new double[m * L];
        sumC = new double[m * L];
        grad = new double[m * d * L];
        tileBuffer = new float[d * L];
        scratch = new double[G * m * L];
    }

    void clearAccumulators() {
        java.util.Arrays.fill(lossAcc, 0);
        java.util.Arrays.fill(npAcc, 0);
        java.util.Arrays.fill(gradA, 0);
        java.util.Arrays.fill(sumC, 0);
        java.util.Arrays.fill(grad, 0);
    }

    /** Sums the lanes, in lane order, into a block partial {loss, np, gradA[M], sumC[M], G[M·d]}. */
    void reduceInto(double[] out, Params q) {
        out[0] = sumLanes(lossAcc, 0);
        out[1] = sumLanes(npAcc, 0);
        for (int i = 0; i < q.m(); i++) {
            out[2 + i] = sumLanes(gradA, i * L);
            out[2 + q.m() + i] = sumLanes(sumC, i * L);
        }
        int g = 2 + 2 * q.m();
        for (int j = 0; j < q.m() * q.d(); j++) {
            out[g + j] = sumLanes(grad, j * L);
        }
    }

    private static double sumLanes(double[] a, int off) {
        double s = 0;
        for (int lane = 0; lane < L; lane++) {
            s += a[off + lane];
        }
        return s;
    }
}
