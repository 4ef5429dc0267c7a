package org.sparker.engine.cuda;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import org.sparker.engine.Loss;

/**
 * Typed launchers for the kernels of {@code sparker_kernels.cu}: each method takes the kernel's
 * arguments by name and type, so no call site builds an untyped parameter list, and the integer
 * codes the device code reads come from {@link LossCode} and {@link ForwardMode}, whose values
 * are the {@code .cu}'s enums (KernelCodesTest checks them against the source).
 */
final class CudaKernels {

    /** The {@code .cu}'s {@code LossCode}: which loss {@code point_pass} evaluates. */
    enum LossCode {
        NP(0), BCE(1), MSE(2);

        final int code;

        LossCode(int code) {
            this.code = code;
        }

        static LossCode of(Loss loss) {
            return switch (loss) {
                case NP -> NP;
                case BCE -> BCE;
                case MSE -> MSE;
            };
        }
    }

    /** The {@code .cu}'s {@code ForwardMode}: what {@code forward_pass} writes. */
    enum ForwardMode {
        /** Squared distances into {@code out1}. */
        DISTANCES(0),
        /** {@code f} only. */
        LOG_RATIO(1),
        /** {@code f}, softmax weights into {@code out1}, components into {@code out2}. */
        FULL(2);

        final int code;

        ForwardMode(int code) {
            this.code = code;
        }
    }

    /** Coordinates per block of {@code center_gradient}: the .cu's {@code CENTER_COORDS}. */
    static final int CENTER_COORDS = 2;

    /** The largest grid y dimension CUDA launches. */
    static final int MAX_GRID_Y = 65_535;

    private final CudaSession session;

    CudaKernels(CudaSession session) {
        this.session = session;
    }

    /** Grid size for a per-point kernel over {@code n} points (grid-stride loops cover the rest). */
    static int blocksFor(int n) {
        return Math.max(1, Math.min(4096, (n + CudaSession.BLOCK - 1) / CudaSession.BLOCK));
    }

    /** {@code point_pass}: per point, the weighted loss and NP terms and the gradient coefficients. */
    void pointPass(CUdeviceptr xT, int n, int nRef, int d, CUdeviceptr weights, CUdeviceptr centers,
            CUdeviceptr amplitudes, int m, double sigma, boolean softmax, LossCode loss, CUdeviceptr perPoint) {
        Pointer params = Pointer.to(Pointer.to(xT), ints(n), ints(nRef), ints(d), Pointer.to(weights),
                Pointer.to(centers), Pointer.to(amplitudes), ints(m), Pointer.to(new double[] {sigma}),
                ints(softmax ? 1 : 0), ints(loss.code), Pointer.to(perPoint));
        session.launch("point_pass", session.pointPass, blocksFor(n), 1, params);
    }

    /** The grid's y dimension for {@code count} rows (the kernels stride over the rest). */
    static int gridY(int count) {
        return Math.max(1, Math.min(MAX_GRID_Y, count));
    }

    /** {@code sum_rows}: {@code rows} rows of {@code n} values summed per chunk of {@code chunk} points. */
    void sumRows(CUdeviceptr in, int n, int chunk, int rows, CUdeviceptr partials) {
        int chunks = (n + chunk - 1) / chunk;
        Pointer params = Pointer.to(Pointer.to(in), ints(n), ints(rows), ints(chunk), Pointer.to(partials));
        session.launch("sum_rows", session.sumRows, chunks, gridY(rows), params);
    }

    /** {@code center_gradient}: {@code Σ coef_i x_k} per chunk, kernel and coordinate. */
    void centerGradient(CUdeviceptr xT, int n, int d, CUdeviceptr coef, int m, int chunk, CUdeviceptr partials) {
        int chunks = (n + chunk - 1) / chunk;
        Pointer params = Pointer.to(Pointer.to(xT), ints(n), ints(d), Pointer.to(coef), ints(m), ints(chunk),
                Pointer.to(partials));
        session.launch("center_gradient", session.centerGradient, chunks, gridY((d + CENTER_COORDS - 1) / CENTER_COORDS),
                params);
    }

    /** {@code forward_pass} over {@code n} points. */
    void forwardPass(CUdeviceptr xT, int n, int d, CUdeviceptr centers, CUdeviceptr amplitudes, int m, double sigma,
            boolean softmax, ForwardMode mode, CUdeviceptr f, CUdeviceptr out1, CUdeviceptr out2) {
        Pointer params = Pointer.to(Pointer.to(xT), ints(n), ints(d), Pointer.to(centers), Pointer.to(amplitudes),
                ints(m), Pointer.to(new double[] {sigma}), ints(softmax ? 1 : 0), ints(mode.code), Pointer.to(f),
                Pointer.to(out1), Pointer.to(out2));
        session.launch("forward_pass", session.forwardPass, blocksFor(n), 1, params);
    }

    /** {@code softmin_points}: the optimal-transport soft-minimum of every row of x against y. */
    void softminPoints(CUdeviceptr x, int n, CUdeviceptr y, int m, int d, CUdeviceptr h, double eps, double p,
            CUdeviceptr out) {
        Pointer params = Pointer.to(Pointer.to(x), ints(n), Pointer.to(y), ints(m), ints(d), Pointer.to(h),
                Pointer.to(new double[] {eps}), Pointer.to(new double[] {p}), Pointer.to(out));
        session.launch("softmin_points", session.softminPoints, blocksFor(n), 1, params);
    }

    /** {@code softmin_matrix}: the same over a dense row-major cost matrix. */
    void softminMatrix(CUdeviceptr cost, int n, int m, CUdeviceptr h, double eps, CUdeviceptr out) {
        Pointer params = Pointer.to(Pointer.to(cost), ints(n), ints(m), Pointer.to(h), Pointer.to(new double[] {eps}),
                Pointer.to(out));
        session.launch("softmin_matrix", session.softminMatrix, blocksFor(n), 1, params);
    }

    private static Pointer ints(int v) {
        return Pointer.to(new int[] {v});
    }
}
