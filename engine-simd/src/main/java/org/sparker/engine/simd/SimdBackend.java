package org.sparker.engine.simd;

import static org.sparker.engine.simd.VectorSupport.DOUBLE;
import static org.sparker.engine.simd.VectorSupport.LANES;
import static org.sparker.engine.simd.VectorSupport.loadWidened;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

import org.sparker.engine.AbstractKernelBackend;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.ForwardResult;
import org.sparker.engine.KernelParameters;
import org.sparker.engine.Loss;
import org.sparker.engine.LossGradient;
import org.sparker.engine.PreparedSamples;
import org.sparker.engine.TrainingSamples;

/**
 * The {@code simd} backend: the Vector API, float data, multi-threaded, one fused pass per
 * training step (docs/design.md §7).
 *
 * <p><b>Layout.</b> Points live in {@link Tiles} of {@code L} points, column-major within a tile,
 * so every operation is lanewise across points and the same code is fast for {@code d = 4} and
 * {@code d = 1000}; there is no horizontal reduction on the hot path.
 *
 * <p><b>One pass per step.</b> For each tile: the {@code M} squared distances (float loads widened
 * to double, kernels in groups of four, two accumulators each), the stable softmax, {@code f},
 * the loss and NP terms, the per-point factors {@code c = w g}, and the gradient accumulations
 * {@code Σ c ∂f/∂a_i} and {@code Σ c A_i x} while the tile is still in L1. Nothing {@code N×M} is
 * materialised. The centre gradient uses {@code Σ c A_i (x − μ_i) = Σ c A_i x − μ_i Σ c A_i},
 * accumulated in double.
 *
 * <p><b>Accuracy.</b> Data is stored as float (half the bytes to stream), but differences,
 * products and sums are in double, so the results meet docs/design.md §6 even at scaled distances of
 * hundreds and for data far from the origin.
 *
 * <p><b>Determinism.</b> Work is split into fixed blocks of {@value #BLOCK_TILES} tiles whose
 * partial sums are combined in block order, and the exponentials are computed from IEEE-exact
 * operations ({@link VectorSupport#exp}); results are bit-identical run to run and for any
 * thread count.
 */
public final class SimdBackend extends AbstractKernelBackend {

    /** Tiles per block: the unit of work distribution and of the fixed-order reduction. */
    static final int BLOCK_TILES = 64;
    /** Tiles whose centre-gradient contributions are swept together (BLOCK_TILES is a multiple). */
    static final int GROUP = 4;
    private static final int L = LANES;
    /** Above this {@code min u}, {@code e^{−min u}} may be subnormal and {@code k_i = e_i e^{−m}} would lose bits. */
    private static final double NORMAL_EXPONENT_LIMIT = 700.0;

    private final int threads;
    private final ExecutorService pool;
    private Workspace[] workspaces = new Workspace[0];

    /** A backend running on {@code threads} threads (the caller's thread when 1). */
    public SimdBackend(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: must be ≥ 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sparker-simd");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String name() {
        return SimdBackendProvider.NAME;
    }

    /** Worker threads. */
    public int threads() {
        return threads;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- public operations

    @Override
    protected void computeSquaredDistances(FloatMatrix points, KernelParameters model, double[] out) {
        Params q = Params.of(model);
        int tiles = (points.rows() + L - 1) / L;
        parallel(blocks(tiles), q, (b, ws) -> {
            for (int t = b * BLOCK_TILES, end = Math.min(tiles, t + BLOCK_TILES); t < end; t++) {
                Tiles.transposeTile(points, t, L, ws.tileBuffer);
                squaredDistances(ws.tileBuffer, 0, q.d, q.centers, q.m, ws.u);
                int valid = Math.min(L, points.rows() - t * L);
                for (int i = 0; i < q.m; i++) {
                    for (int lane = 0; lane < valid; lane++) {
                        out[(t * L + lane) * q.m + i] = ws.u[i * L + lane];
                    }
                }
            }
        });
    }

    @Override
    protected void computeLogRatio(FloatMatrix points, KernelParameters model, double[] out) {
        Params q = Params.of(model);
        int tiles = (points.rows() + L - 1) / L;
        parallel(blocks(tiles), q, (b, ws) -> {
            for (int t = b * BLOCK_TILES, end = Math.min(tiles, t + BLOCK_TILES); t < end; t++) {
                Tiles.transposeTile(points, t, L, ws.tileBuffer);
                evaluateTile(ws.tileBuffer, 0, q, ws);
                int valid = Math.min(L, points.rows() - t * L);
                System.arraycopy(ws.f, 0, out, t * L, valid);
            }
        });
    }

    @Override
    protected void computeForward(FloatMatrix points, KernelParameters model, ForwardResult out) {
        Params q = Params.of(model);
        int tiles = (points.rows() + L - 1) / L;
        double[] f = out.logRatio();
        double[] score = out.score();
        double[] p = out.softmaxWeights();
        double[] components = out.components();
        parallel(blocks(tiles), q, (b, ws) -> {
            for (int t = b * BLOCK_TILES, end = Math.min(tiles, t + BLOCK_TILES); t < end; t++) {
                Tiles.transposeTile(points, t, L, ws.tileBuffer);
                evaluateTile(ws.tileBuffer, 0, q, ws);
                int valid = Math.min(L, points.rows() - t * L);
                for (int lane = 0; lane < valid; lane++) {
                    int n = t * L + lane;
                    double fn = ws.f[lane];
                    f[n] = fn;
                    score[n] = Loss.sigmoid(fn);
                    for (int i = 0; i < q.m; i++) {
                        int s = i * L + lane;
                        p[n * q.m + i] = ws.p[s];
                        components[n * q.m + i] = q.softmax
                                ? q.amplitudes[i] * ws.e[s] * ws.e[s] * ws.expMinusMin[lane] / ws.sumE[lane]
                                : q.amplitudes[i] * ws.k[s];
                    }
                }
            }
        });
    }

    @Override
    protected PreparedSamples prepareSamples(TrainingSamples samples) {
        return new Prepared(samples,
                Tiles.of(samples.reference(), samples.referenceWeight(), samples.referencePointWeights(), L),
                Tiles.of(samples.data(), 1.0, samples.dataPointWeights(), L));
    }

    @Override
    protected void computeLossAndGradient(PreparedSamples handle, KernelParameters model, Loss loss,
            LossGradient out) {
        Prepared prepared = (Prepared) handle;
        Params q = Params.of(model);
        int refBlocks = blocks(prepared.reference.tiles);
        int dataBlocks = blocks(prepared.data.tiles);
        int blocks = refBlocks + dataBlocks;
        int partialSize = 2 + 2 * q.m + q.m * q.d;
        double[][] partials = prepared.partials(blocks, partialSize);
        parallel(blocks, q, (b, ws) -> {
            boolean reference = b < refBlocks;
            Tiles tiles = reference ? prepared.reference : prepared.data;
            int first = (reference ? b : b - refBlocks) * BLOCK_TILES;
            int end = Math.min(tiles.tiles, first + BLOCK_TILES);
            ws.clearAccumulators();
            // groups of GROUP tiles: evaluate each (the data lands in cache), then one sweep of
            // the centre gradient over the group with the coefficients held in registers
            for (int t0 = first; t0 < end; t0 += GROUP) {
                int count = Math.min(GROUP, end - t0);
                for (int j = 0; j < count; j++) {
                    accumulateTile(tiles, t0 + j, j, reference, q, loss, ws);
                }
                if (count < GROUP) {
                    java.util.Arrays.fill(ws.coef, count * q.m * L, GROUP * q.m * L, 0.0);
                }
                accumulateCenterGradient(tiles.x, t0, count, q.d, q.m, ws.coef, ws.grad);
            }
            ws.reduceInto(partials[b], q);
        });

        // fixed-order reduction: bit-identical for any thread count
        double lossSum = 0;
        double npSum = 0;
        double[] gradA = out.amplitudeGradient();
        double[] gradMu = out.centerGradient();
        java.util.Arrays.fill(gradA, 0);
        java.util.Arrays.fill(gradMu, 0);
        double[] sumC = new double[q.m];
        for (int b = 0; b < blocks; b++) {
            double[] part = partials[b];
            lossSum += part[0];
            npSum += part[1];
            for (int i = 0; i < q.m; i++) {
                gradA[i] += part[2 + i];
                sumC[i] += part[2 + q.m + i];
            }
            int g = 2 + 2 * q.m;
            for (int j = 0; j < q.m * q.d; j++) {
                gradMu[j] += part[g + j];
            }
        }
        for (int i = 0; i < q.m; i++) {
            for (int k = 0; k < q.d; k++) {
                gradMu[i * q.d + k] -= q.centers[i * q.d + k] * sumC[i];
            }
        }
        out.setLoss(lossSum, -2.0 * npSum);
    }

    // ---------------------------------------------------------------- the kernels

    /**
     * Adds tile {@code t}'s loss, NP term and gradient contributions to the workspace's lane
     * accumulators (docs/design.md §2–3).
     */
    private static void accumulateTile(Tiles tiles, int t, int slot, boolean reference, Params q, Loss loss,
            Workspace ws) {
        int off = t * q.d * L;
        evaluateTile(tiles.x, off, q, ws);
        DoubleVector f = DoubleVector.fromArray(DOUBLE, ws.f, 0);
        DoubleVector w = DoubleVector.fromArray(DOUBLE, tiles.weights, t * L);
        DoubleVector term;
        DoubleVector np;
        DoubleVector g;
        if (loss == Loss.NP) {
            if (reference) {
                VectorSupport.expm1(ws.f, 0, ws.term, 0, L, ws.scratch);
                term = DoubleVector.fromArray(DOUBLE, ws.term, 0);
                np = term;
                g = term.add(1.0); // e^f = expm1(f) + 1: one exponential fewer
            } else {
                term = f.neg();
                np = term;
                g = DoubleVector.broadcast(DOUBLE, -1.0);
            }
        } else {
            // BCE and MSE (ablations): the shared scalar definitions, lane by lane
            for (int lane = 0; lane < L; lane++) {
                double fl = ws.f[lane];
                ws.term[lane] = reference ? loss.referenceTerm(fl) : loss.dataTerm(fl);
                ws.factor[lane] = reference ? loss.referenceFactor(fl) : loss.dataFactor(fl);
            }
            term = DoubleVector.fromArray(DOUBLE, ws.term, 0);
            g = DoubleVector.fromArray(DOUBLE, ws.factor, 0);
            if (reference) {
                VectorSupport.expm1(ws.f, 0, ws.np, 0, L, ws.scratch);
                np = DoubleVector.fromArray(DOUBLE, ws.np, 0);
            } else {
                np = f.neg();
            }
        }
        DoubleVector c = w.mul(g);
        DoubleVector wTerm = w.mul(term);
        DoubleVector wNp = w.mul(np);
        int valid = tiles.valid(t);
        if (valid < L) {
            // padding lanes: weight 0, and 0·∞ must not become NaN
            VectorMask<Double> pad = DOUBLE.indexInRange(0, valid).not(); // lanes ≥ valid
            c = c.blend(0.0, pad);
            wTerm = wTerm.blend(0.0, pad);
            wNp = wNp.blend(0.0, pad);
        }
        DoubleVector.fromArray(DOUBLE, ws.lossAcc, 0).add(wTerm).intoArray(ws.lossAcc, 0);
        DoubleVector.fromArray(DOUBLE, ws.npAcc, 0).add(wNp).intoArray(ws.npAcc, 0);

        double invSigma2 = 1.0 / (q.sigma * q.sigma);
        for (int i = 0; i < q.m; i++) {
            int s = i * L;
            DoubleVector k = DoubleVector.fromArray(DOUBLE, ws.k, s);
            DoubleVector dfda;
            DoubleVector a;
            if (q.softmax) {
                DoubleVector p = DoubleVector.fromArray(DOUBLE, ws.p, s);
                dfda = p.mul(k);
                a = k.mul(2 * q.amplitudes[i]).sub(f).mul(p).mul(invSigma2);   // (2 a_i k_i − f) p_i / σ²
            } else {
                dfda = k;
                a = k.mul(q.amplitudes[i] * invSigma2);                          // a_i k_i / σ²
            }
            DoubleVector.fromArray(DOUBLE, ws.gradA, s).add(c.mul(dfda)).intoArray(ws.gradA, s);
            DoubleVector ca = c.mul(a);
            DoubleVector.fromArray(DOUBLE, ws.sumC, s).add(ca).intoArray(ws.sumC, s);
            ca.intoArray(ws.coef, (slot * q.m + i) * L);
        }
    }

    /**
     * {@code G[i][k] += Σ_t coef_{t,i} · x_t[k]} lanewise, for the {@code count ≤ 4} tiles
     * {@code first …} of a group, every kernel and coordinate ({@code grad} holds per-lane
     * partial sums at {@code [(i·d + k)·L + lane]}, {@code coef} the tiles' coefficients at
     * {@code [(slot·M + i)·L]}). Kernels go four at a time with all sixteen coefficients in
     * registers, so each partial sum is loaded and stored once per group, not once per tile.
     * The slots of missing tiles in a short group must hold zero coefficients; they reuse tile
     * {@code first}'s data.
     */
    static void accumulateCenterGradient(float[] x, int first, int count, int d, int m, double[] coef,
            double[] grad) {
        int tileSize = d * L;
        int x0 = first * tileSize;
        int x1 = count > 1 ? x0 + tileSize : x0;
        int x2 = count > 2 ? x0 + 2 * tileSize : x0;
        int x3 = count > 3 ? x0 + 3 * tileSize : x0;
        int i0 = 0;
        for (; i0 + 4 <= m; i0 += 4) {
            gradientFourKernels(x, x0, x1, x2, x3, coef, i0, m, grad, i0 * tileSize, tileSize);
        }
        for (; i0 < m; i0++) {
            gradientOneKernel(x, x0, x1, x2, x3, coef, i0, m, grad, i0 * tileSize, tileSize);
        }
    }

    // Each vector loop lives in its own small method: C2 abandons Vector API intrinsics (and
    // boxes every vector) once a compilation unit grows past its inlining node budget.

    private static void gradientFourKernels(float[] x, int x0, int x1, int x2, int x3, double[] coef, int i0, int m,
            double[] grad, int g0, int tileSize) {
        DoubleVector c00 = coefficient(coef, 0, i0, m);
        DoubleVector c01 = coefficient(coef, 0, i0 + 1, m);
        DoubleVector c02 = coefficient(coef, 0, i0 + 2, m);
        DoubleVector c03 = coefficient(coef, 0, i0 + 3, m);
        DoubleVector c10 = coefficient(coef, 1, i0, m);
        DoubleVector c11 = coefficient(coef, 1, i0 + 1, m);
        DoubleVector c12 = coefficient(coef, 1, i0 + 2, m);
        DoubleVector c13 = coefficient(coef, 1, i0 + 3, m);
        DoubleVector c20 = coefficient(coef, 2, i0, m);
        DoubleVector c21 = coefficient(coef, 2, i0 + 1, m);
        DoubleVector c22 = coefficient(coef, 2, i0 + 2, m);
        DoubleVector c23 = coefficient(coef, 2, i0 + 3, m);
        DoubleVector c30 = coefficient(coef, 3, i0, m);
        DoubleVector c31 = coefficient(coef, 3, i0 + 1, m);
        DoubleVector c32 = coefficient(coef, 3, i0 + 2, m);
        DoubleVector c33 = coefficient(coef, 3, i0 + 3, m);
        int g1 = g0 + tileSize;
        int g2 = g1 + tileSize;
        int g3 = g2 + tileSize;
        for (int o = 0; o < tileSize; o += L) {
            DoubleVector a0 = DoubleVector.fromArray(DOUBLE, grad, g0 + o);
            DoubleVector a1 = DoubleVector.fromArray(DOUBLE, grad, g1 + o);
            DoubleVector a2 = DoubleVector.fromArray(DOUBLE, grad, g2 + o);
            DoubleVector a3 = DoubleVector.fromArray(DOUBLE, grad, g3 + o);
            DoubleVector xv = loadWidened(x, x0 + o);
            a0 = c00.fma(xv, a0);
            a1 = c01.fma(xv, a1);
            a2 = c02.fma(xv, a2);
            a3 = c03.fma(xv, a3);
            xv = loadWidened(x, x1 + o);
            a0 = c10.fma(xv, a0);
            a1 = c11.fma(xv, a1);
            a2 = c12.fma(xv, a2);
            a3 = c13.fma(xv, a3);
            xv = loadWidened(x, x2 + o);
            a0 = c20.fma(xv, a0);
            a1 = c21.fma(xv, a1);
            a2 = c22.fma(xv, a2);
            a3 = c23.fma(xv, a3);
            xv = loadWidened(x, x3 + o);
            a0 = c30.fma(xv, a0);
            a1 = c31.fma(xv, a1);
            a2 = c32.fma(xv, a2);
            a3 = c33.fma(xv, a3);
            a0.intoArray(grad, g0 + o);
            a1.intoArray(grad, g1 + o);
            a2.intoArray(grad, g2 + o);
            a3.intoArray(grad, g3 + o);
        }
    }

    private static void gradientOneKernel(float[] x, int x0, int x1, int x2, int x3, double[] coef, int i, int m,
            double[] grad, int g0, int tileSize) {
        DoubleVector c0 = coefficient(coef, 0, i, m);
        DoubleVector c1 = coefficient(coef, 1, i, m);
        DoubleVector c2 = coefficient(coef, 2, i, m);
        DoubleVector c3 = coefficient(coef, 3, i, m);
        for (int o = 0; o < tileSize; o += L) {
            DoubleVector a = DoubleVector.fromArray(DOUBLE, grad, g0 + o);
            a = c0.fma(loadWidened(x, x0 + o), a);
            a = c1.fma(loadWidened(x, x1 + o), a);
            a = c2.fma(loadWidened(x, x2 + o), a);
            a = c3.fma(loadWidened(x, x3 + o), a);
            a.intoArray(grad, g0 + o);
        }
    }

    /** A plain load: a vector chosen between two sources would be boxed at the merge. */
    private static DoubleVector coefficient(double[] coef, int slot, int kernel, int m) {
        return DoubleVector.fromArray(DOUBLE, coef, (slot * m + kernel) * L);
    }

    /**
     * Evaluates one tile (Eqs. 5–7 with the stable softmax of docs/design.md §1) into the workspace:
     * scaled distances {@code u}, {@code e = e^{−(u − min u)}}, {@code k = e^{−u}},
     * {@code p = e / Σe}, {@code Σe}, {@code e^{−min u}} and {@code f}.
     */
    static void evaluateTile(float[] x, int off, Params q, Workspace ws) {
        int ml = q.m * L;
        squaredDistances(x, off, q.d, q.centers, q.m, ws.u);
        double scale = 1.0 / (2.0 * q.sigma * q.sigma);
        DoubleVector minU = DoubleVector.broadcast(DOUBLE, Double.POSITIVE_INFINITY);
        for (int s = 0; s < ml; s += L) {
            DoubleVector u = DoubleVector.fromArray(DOUBLE, ws.u, s).mul(scale);
            u.intoArray(ws.u, s);
            minU = minU.min(u);
        }
        minU.intoArray(ws.minU, 0);
        for (int s = 0; s < ml; s += L) {
            DoubleVector.fromArray(DOUBLE, ws.u, s).sub(minU).intoArray(ws.e, s);
        }
        VectorSupport.exp(ws.e, 0, -1.0, ws.e, 0, ml);           // e_i = e^{−(u_i − m)}
        VectorSupport.exp(ws.minU, 0, -1.0, ws.expMinusMin, 0, L);
        if (minU.compare(VectorOperators.GT, NORMAL_EXPONENT_LIMIT).anyTrue()) {
            VectorSupport.exp(ws.u, 0, -1.0, ws.k, 0, ml);       // e^{−m} may be subnormal: k_i directly
        } else {
            DoubleVector em = DoubleVector.fromArray(DOUBLE, ws.expMinusMin, 0);
            for (int s = 0; s < ml; s += L) {                    // k_i = e_i e^{−m}, within 3 ulp of e^{−u_i}
                DoubleVector.fromArray(DOUBLE, ws.e, s).mul(em).intoArray(ws.k, s);
            }
        }
        DoubleVector sum = DoubleVector.zero(DOUBLE);
        for (int s = 0; s < ml; s += L) {
            sum = sum.add(DoubleVector.fromArray(DOUBLE, ws.e, s));
        }
        DoubleVector acc = DoubleVector.zero(DOUBLE);
        for (int i = 0; i < q.m; i++) {
            int s = i * L;
            DoubleVector e = DoubleVector.fromArray(DOUBLE, ws.e, s);
            e.div(sum).intoArray(ws.p, s);
            DoubleVector amplitude = VectorSupport.splat(q.amplitudes[i]);
            acc = q.softmax ? e.mul(e).fma(amplitude, acc)
                    : DoubleVector.fromArray(DOUBLE, ws.k, s).fma(amplitude, acc);
        }
        sum.intoArray(ws.sumE, 0);
        DoubleVector f = q.softmax ? DoubleVector.fromArray(DOUBLE, ws.expMinusMin, 0).mul(acc).div(sum) : acc;
        f.intoArray(ws.f, 0);
    }

    /** {@code out[i·L + lane] = ‖x_lane − μ_i‖²} for one tile, in double from float data. */
    static void squaredDistances(float[] x, int off, int d, double[] c, int m, double[] out) {
        int i0 = 0;
        for (; i0 + 4 <= m; i0 += 4) {
            distancesFourKernels(x, off, d, c, i0 * d, out, i0 * L);
        }
        for (; i0 < m; i0++) {
            distancesOneKernel(x, off, d, c, i0 * d, out, i0 * L);
        }
    }

    /** Four kernels at once: each coordinate load serves four, two accumulators per kernel. */
    private static void distancesFourKernels(float[] x, int off, int d, double[] c, int c0, double[] out, int o) {
        int c1 = c0 + d;
        int c2 = c1 + d;
        int c3 = c2 + d;
        DoubleVector a0 = DoubleVector.zero(DOUBLE);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        DoubleVector b0 = a0;
        DoubleVector b1 = a0;
        DoubleVector b2 = a0;
        DoubleVector b3 = a0;
        int k = 0;
        // main loop: two coordinates per iteration
        for (; k + 2 <= d; k += 2) {
            DoubleVector x0 = loadWidened(x, off + k * L);
            DoubleVector x1 = loadWidened(x, off + (k + 1) * L);
            DoubleVector t;
            t = x0.sub(c[c0 + k]);
            a0 = t.fma(t, a0);
            t = x1.sub(c[c0 + k + 1]);
            b0 = t.fma(t, b0);
            t = x0.sub(c[c1 + k]);
            a1 = t.fma(t, a1);
            t = x1.sub(c[c1 + k + 1]);
            b1 = t.fma(t, b1);
            t = x0.sub(c[c2 + k]);
            a2 = t.fma(t, a2);
            t = x1.sub(c[c2 + k + 1]);
            b2 = t.fma(t, b2);
            t = x0.sub(c[c3 + k]);
            a3 = t.fma(t, a3);
            t = x1.sub(c[c3 + k + 1]);
            b3 = t.fma(t, b3);
        }
        // tail: odd d
        if (k < d) {
            DoubleVector x0 = loadWidened(x, off + k * L);
            DoubleVector t;
            t = x0.sub(c[c0 + k]);
            a0 = t.fma(t, a0);
            t = x0.sub(c[c1 + k]);
            a1 = t.fma(t, a1);
            t = x0.sub(c[c2 + k]);
            a2 = t.fma(t, a2);
            t = x0.sub(c[c3 + k]);
            a3 = t.fma(t, a3);
        }
        a0.add(b0).intoArray(out, o);
        a1.add(b1).intoArray(out, o + L);
        a2.add(b2).intoArray(out, o + 2 * L);
        a3.add(b3).intoArray(out, o + 3 * L);
    }

    /** One kernel: four accumulators to hide the FMA latency. */
    private static void distancesOneKernel(float[] x, int off, int d, double[] c, int c0, double[] out, int o) {
        DoubleVector a0 = DoubleVector.zero(DOUBLE);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        int k = 0;
        // main loop: four coordinates per iteration
        for (; k + 4 <= d; k += 4) {
            DoubleVector t;
            t = loadWidened(x, off + k * L).sub(c[c0 + k]);
            a0 = t.fma(t, a0);
            t = loadWidened(x, off + (k + 1) * L).sub(c[c0 + k + 1]);
            a1 = t.fma(t, a1);
            t = loadWidened(x, off + (k + 2) * L).sub(c[c0 + k + 2]);
            a2 = t.fma(t, a2);
            t = loadWidened(x, off + (k + 3) * L).sub(c[c0 + k + 3]);
            a3 = t.fma(t, a3);
        }
        // tail: up to three coordinates
        for (; k < d; k++) {
            DoubleVector t = loadWidened(x, off + k * L).sub(c[c0 + k]);
            a0 = t.fma(t, a0);
        }
        a0.add(a1).add(a2.add(a3)).intoArray(out, o);
    }

    // ---------------------------------------------------------------- threading

    private static int blocks(int tiles) {
        return (tiles + BLOCK_TILES - 1) / BLOCK_TILES;
    }

    @FunctionalInterface
    private interface BlockTask {
        void run(int block, Workspace ws);
    }

    /** Runs {@code task} for blocks {@code 0 … blocks−1}, each worker with its own workspace. */
    private void parallel(int blocks, Params q, BlockTask task) {
        int workers = Math.max(1, Math.min(threads, blocks));
        ensureWorkspaces(workers, q);
        if (workers == 1) {
            for (int b = 0; b < blocks; b++) {
                task.run(b, workspaces[0]);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        List<Callable<Void>> jobs = new ArrayList<>(workers);
        for (int j = 0; j < workers; j++) {
            Workspace ws = workspaces[j];
            jobs.add(() -> {
                for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
                    task.run(b, ws);
                }
                return null;
            });
        }
        try {
            for (Future<Void> f : pool.invokeAll(jobs)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("simd backend interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }

    private void ensureWorkspaces(int workers, Params q) {
        if (workspaces.length < workers) {
            Workspace[] grown = java.util.Arrays.copyOf(workspaces, workers);
            for (int j = workspaces.length; j < workers; j++) {
                grown[j] = new Workspace();
            }
            workspaces = grown;
        }
        for (int j = 0; j < workers; j++) {
            workspaces[j].ensure(q.m, q.d);
        }
    }

    // ---------------------------------------------------------------- state

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

    /** Per-worker scratch, allocated once per model shape. */
    static final class Workspace {
        int m = -1;
        int d = -1;
        double[] u;
        double[] e;
        double[] k;
        double[] p;
        double[] coef;
        double[] gradA;
        double[] sumC;
        double[] grad;
        float[] tileBuffer;
        final double[] lane = new double[L];
        final double[] term = new double[L];
        final double[] factor = new double[L];
        final double[] lossAcc = new double[L];
        final double[] npAcc = new double[L];
        final double[] sumE = new double[L];
        final double[] expMinusMin = new double[L];
        final double[] f = new double[L];
        final double[] minU = new double[L];
        final double[] np = new double[L];
        final double[] scratch = new double[L];

        void ensure(int kernels, int dimension) {
            if (kernels == m && dimension == d) {
                return;
            }
            m = kernels;
            d = dimension;
            u = new double[m * L];
            e = new double[m * L];
            k = new double[m * L];
            p = new double[m * L];
            coef = new double[GROUP * m * L];
            gradA = new double[m * L];
            sumC = new double[m * L];
            grad = new double[m * d * L];
            tileBuffer = new float[d * L];
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
            for (int i = 0; i < q.m; i++) {
                out[2 + i] = sumLanes(gradA, i * L);
                out[2 + q.m + i] = sumLanes(sumC, i * L);
            }
            int g = 2 + 2 * q.m;
            for (int j = 0; j < q.m * q.d; j++) {
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

    /** Samples in tile layout, resident for the whole training, plus reusable block partials. */
    private static final class Prepared implements PreparedSamples {
        private final TrainingSamples samples;
        final Tiles reference;
        final Tiles data;
        private double[][] partials = new double[0][];
        private volatile boolean closed;

        Prepared(TrainingSamples samples, Tiles reference, Tiles data) {
            this.samples = samples;
            this.reference = reference;
            this.data = data;
        }

        double[][] partials(int blocks, int size) {
            if (partials.length != blocks || partials[0].length != size) {
                partials = new double[blocks][size];
            }
            return partials;
        }

        @Override
        public TrainingSamples samples() {
            return samples;
        }

        @Override
        public String backend() {
            return SimdBackendProvider.NAME;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
