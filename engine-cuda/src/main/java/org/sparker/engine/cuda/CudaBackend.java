package org.sparker.engine.cuda;

import org.sparker.engine.AbstractKernelBackend;
import org.sparker.engine.BasePreparedSamples;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.ForwardResult;
import org.sparker.engine.KernelParameters;
import org.sparker.engine.ParameterSnapshot;
import org.sparker.engine.Loss;
import org.sparker.engine.LossGradient;
import org.sparker.engine.PreparedSamples;
import org.sparker.engine.TrainingSamples;

/**
 * The {@code cuda} backend: the project's own kernels ({@code src/main/cuda/sparker_kernels.cu})
 * through the JCuda driver API. Prepared samples stay on the device (column-major float points
 * and per-point weights); a step uploads the M centres and amplitudes, runs the fused per-point
 * pass, the block-tree sums and the centre-gradient reduction, and copies back only the
 * per-block partials, which the host adds in block order (deterministic for a given size).
 * Arithmetic is in double, like the reference. Any number of kernels: up to 64 a point's
 * distances are cached per thread between the passes over the kernels, beyond that recomputed.
 */
public final class CudaBackend extends AbstractKernelBackend {

    /** Points per block of the row sums and the gradient reduction. */
    static final int CHUNK = 8192;

    private final CudaSession session;
    private final CudaKernels kernels;

    public CudaBackend() {
        this.session = new CudaSession();
        this.kernels = new CudaKernels(session);
    }

    @Override
    public String name() {
        return CudaBackendProvider.NAME;
    }

    @Override
    public void close() {
        session.close();
    }

    /** Row-major points to the device's column-major layout. */
    static float[] transpose(FloatMatrix a, FloatMatrix b) {
        int na = a.rows();
        int n = na + (b == null ? 0 : b.rows());
        int d = a.cols();
        float[] t = new float[Math.multiplyExact(n, d)];
        for (int p = 0; p < n; p++) {
            FloatMatrix src = p < na ? a : b;
            int row = p < na ? p : p - na;
            for (int k = 0; k < d; k++) {
                t[k * n + p] = src.get(row, k);
            }
        }
        return t;
    }


    // ------------------------------------------------------------------ forward family

    /** Runs {@code forward_pass} in {@code mode}; outputs go to the given host arrays. */
    private void forwardOnDevice(FloatMatrix points, KernelParameters model, CudaKernels.ForwardMode mode, double[] f,
            double[] out1, double[] out2) {
        session.makeCurrent();
        int n = points.rows();
        int m = model.kernels();
        if (n == 0) {
            return;
        }
        CudaSession.Buffer x = session.allocate(4L * n * model.dimension());
        CudaSession.Buffer c = session.allocate(8L * m * model.dimension());
        CudaSession.Buffer a = session.allocate(8L * m);
        // only the outputs the mode writes get their n×m buffers (8 bytes stand in for the rest)
        CudaSession.Buffer fb = session.allocate(mode == CudaKernels.ForwardMode.DISTANCES ? 8 : 8L * n);
        CudaSession.Buffer o1 = session.allocate(mode == CudaKernels.ForwardMode.LOG_RATIO ? 8 : 8L * n * m);
        CudaSession.Buffer o2 = session.allocate(mode == CudaKernels.ForwardMode.FULL ? 8L * n * m : 8);
        try {
            x.upload(transpose(points, null));
            ParameterSnapshot p = ParameterSnapshot.of(model);
            c.upload(p.centers());
            a.upload(p.amplitudes());
            kernels.forwardPass(x.pointer, n, model.dimension(), c.pointer, a.pointer, m, model.width(), model.softmax(),
                    mode, fb.pointer, o1.pointer, o2.pointer);
            session.synchronize("forward_pass");
            switch (mode) {
                case DISTANCES -> o1.download(out1, n * m);
                case LOG_RATIO -> fb.download(f, n);
                case FULL -> {
                    fb.download(f, n);
                    o1.download(out1, n * m);
                    o2.download(out2, n * m);
                }
            }
        } finally {
            for (CudaSession.Buffer b : new CudaSession.Buffer[] {x, c, a, fb, o1, o2}) {
                b.free();
            }
        }
    }

    @Override
    protected void computeSquaredDistances(FloatMatrix points, KernelParameters model, double[] out) {
        forwardOnDevice(points, model, CudaKernels.ForwardMode.DISTANCES, null, out, null);
    }

    @Override
    protected void computeLogRatio(FloatMatrix points, KernelParameters model, double[] out) {
        forwardOnDevice(points, model, CudaKernels.ForwardMode.LOG_RATIO, out, null, null);
    }

    @Override
    protected void computeForward(FloatMatrix points, KernelParameters model, ForwardResult out) {
        forwardOnDevice(points, model, CudaKernels.ForwardMode.FULL, out.logRatio(), out.softmaxWeights(), out.components());
        double[] f = out.logRatio();
        for (int i = 0; i < points.rows(); i++) {
            out.score()[i] = Loss.sigmoid(f[i]);
        }
    }

    // ------------------------------------------------------------------ optimal transport

    @Override
    protected void computeSoftmin(FloatMatrix x, FloatMatrix y, double[] h, double eps, double p, double[] out) {
        int n = x.rows();
        if (n == 0) {
            return;
        }
        session.makeCurrent();
        int m = y.rows();
        CudaSession.Buffer xb = session.allocate(4L * x.data().length);
        CudaSession.Buffer yb = session.allocate(4L * y.data().length);
        CudaSession.Buffer hb = session.allocate(8L * m);
        CudaSession.Buffer ob = session.allocate(8L * n);
        try {
            xb.upload(x.data());
            yb.upload(y.data());
            hb.upload(java.util.Arrays.copyOf(h, m));
            kernels.softminPoints(xb.pointer, n, yb.pointer, m, x.cols(), hb.pointer, eps, p, ob.pointer);
            session.synchronize("softmin_points");
            ob.download(out, n);
        } finally {
            for (CudaSession.Buffer b : new CudaSession.Buffer[] {xb, yb, hb, ob}) {
                b.free();
            }
        }
    }

    @Override
    protected void computeSoftminMatrix(double[] cost, int n, int m, double[] h, double eps, double[] out) {
        if (n == 0) {
            return;
        }
        session.makeCurrent();
        CudaSession.Buffer cb = session.allocate(8L * n * m);
        CudaSession.Buffer hb = session.allocate(8L * m);
        CudaSession.Buffer ob = session.allocate(8L * n);
        try {
            cb.upload(java.util.Arrays.copyOf(cost, n * m));
            hb.upload(java.util.Arrays.copyOf(h, m));
            kernels.softminMatrix(cb.pointer, n, m, hb.pointer, eps, ob.pointer);
            session.synchronize("softmin_matrix");
            ob.download(out, n);
        } finally {
            for (CudaSession.Buffer b : new CudaSession.Buffer[] {cb, hb, ob}) {
                b.free();
            }
        }
    }

    // ------------------------------------------------------------------ training

    @Override
    protected PreparedSamples prepareSamples(TrainingSamples samples) {
        session.makeCurrent();
        FloatMatrix r = samples.reference();
        FloatMatrix d = samples.data();
        int n = r.rows() + d.rows();
        double[] w = new double[n];
        for (int p = 0; p < r.rows(); p++) {
            w[p] = samples.referenceWeight() * samples.referencePointWeight(p);
        }
        for (int p = 0; p < d.rows(); p++) {
            w[r.rows() + p] = samples.dataPointWeight(p);
        }
        CudaSession.Buffer x = session.allocate(4L * n * samples.dimension());
        CudaSession.Buffer wb = session.allocate(8L * n);
        x.upload(transpose(r, d));
        wb.upload(w);
        return new Prepared(samples, x, wb, n, r.rows(), samples.dimension());
    }

    @Override
    protected void computeLossAndGradient(PreparedSamples handle, KernelParameters model, Loss loss, LossGradient out) {
        Prepared s = (Prepared) handle;
        session.makeCurrent();
        int m = model.kernels();
        int d = s.d;
        int n = s.n;
        int rows = 2 * m + 2;
        int chunks = (n + CHUNK - 1) / CHUNK;
        s.ensure(m);
        ParameterSnapshot p = ParameterSnapshot.of(model);
        s.centers.upload(p.centers());
        s.amplitudes.upload(p.amplitudes());
        kernels.pointPass(s.x.pointer, n, s.nRef, d, s.w.pointer, s.centers.pointer, s.amplitudes.pointer, m,
                model.width(), model.softmax(), CudaKernels.LossCode.of(loss), s.perPoint.pointer);
        kernels.sumRows(s.perPoint.pointer, n, CHUNK, rows, s.rowPartials.pointer);
        // the centre coefficients c·A_i are rows m+2 … 2m+1 of perPoint
        kernels.centerGradient(s.x.pointer, n, d, s.perPoint.pointer.withByteOffset(8L * (m + 2) * n), m, CHUNK,
                s.gradPartials.pointer);
        session.synchronize("the training pass");

        double[] rowPartials = new double[rows * chunks];
        double[] gradPartials = new double[chunks * m * d];
        s.rowPartials.download(rowPartials, rowPartials.length);
        s.gradPartials.download(gradPartials, gradPartials.length);
        double[] rowSums = new double[rows];
        for (int r = 0; r < rows; r++) {
            for (int b = 0; b < chunks; b++) {
                rowSums[r] += rowPartials[r * chunks + b];
            }
        }
        double[] gradA = out.amplitudeGradient();
        double[] gradMu = out.centerGradient();
        java.util.Arrays.fill(gradMu, 0);
        for (int b = 0; b < chunks; b++) {
            for (int j = 0; j < m * d; j++) {
                gradMu[j] += gradPartials[b * m * d + j];
            }
        }
        double[] c = ParameterSnapshot.of(model).centers();
        for (int i = 0; i < m; i++) {
            gradA[i] = rowSums[2 + i];
            double sumC = rowSums[2 + m + i];
            for (int k = 0; k < d; k++) {
                gradMu[i * d + k] -= c[i * d + k] * sumC; // Σ c A (x − μ) = Σ c A x − μ Σ c A
            }
        }
        out.setLoss(rowSums[0], -2.0 * rowSums[1]);
    }

    /** Samples resident on the device, with per-step buffers sized for the model. */
    private final class Prepared extends BasePreparedSamples {
        final CudaSession.Buffer x;
        final CudaSession.Buffer w;
        final int n;
        final int nRef;
        final int d;
        CudaSession.Buffer centers;
        CudaSession.Buffer amplitudes;
        CudaSession.Buffer perPoint;
        CudaSession.Buffer rowPartials;
        CudaSession.Buffer gradPartials;
        private int m = -1;

        Prepared(TrainingSamples samples, CudaSession.Buffer x, CudaSession.Buffer w, int n, int nRef, int d) {
            super(samples, CudaBackendProvider.NAME);
            this.x = x;
            this.w = w;
            this.n = n;
            this.nRef = nRef;
            this.d = d;
        }

        void ensure(int kernels) {
            if (kernels == m) {
                return;
            }
            freeStepBuffers();
            m = kernels;
            int chunks = (n + CHUNK - 1) / CHUNK;
            centers = session.allocate(8L * m * d);
            amplitudes = session.allocate(8L * m);
            perPoint = session.allocate(8L * (2L * m + 2) * n);
            rowPartials = session.allocate(8L * (2L * m + 2) * chunks);
            gradPartials = session.allocate(8L * chunks * m * d);
        }

        private void freeStepBuffers() {
            for (CudaSession.Buffer b : new CudaSession.Buffer[] {centers, amplitudes, perPoint, rowPartials,
                gradPartials}) {
                if (b != null) {
                    b.free();
                }
            }
        }

        @Override
        protected void release() {
            session.makeCurrent();
            freeStepBuffers();
            x.free();
            w.free();
        }
    }
}
