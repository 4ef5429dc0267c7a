package org.sparker.engine.simd;

import static org.sparker.engine.simd.VectorSupport.DOUBLE;
import static org.sparker.engine.simd.VectorSupport.LANES;
import static org.sparker.engine.simd.VectorSupport.loadWidened;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

import org.sparker.engine.Loss;

/**
 * The vector kernels of the SIMD backend, one tile of {@code L} points at a time (docs/design.md
 * §1–3): the squared distances, the stable softmax and {@code f}, and the per-tile gradient
 * contributions of the fused training pass.
 *
 * <p>Each vector loop lives in its own small method: C2 abandons Vector API intrinsics (and boxes
 * every vector) once a compilation unit grows past its inlining node budget.
 */
final class TileKernels {

    /** Tiles whose centre-gradient contributions are swept together (a divisor of the block size). */
    static final int GROUP = 4;
    private static final int L = LANES;
    /** Above this {@code min u}, {@code e^{−min u}} may be subnormal and {@code k_i = e_i e^{−m}} would lose bits. */
    private static final double NORMAL_EXPONENT_LIMIT = 700.0;

    private TileKernels() {
    }

    /**
     * Adds tile {@code t}'s loss, NP term and gradient contributions to the workspace's lane
     * accumulators (docs/design.md §2–3).
     */
    static void accumulateTile(Tiles tiles, int t, int slot, boolean reference, Params q, Loss loss,
            Workspace ws) {
        int off = t * q.d() * L;
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

        double invSigma2 = 1.0 / (q.sigma() * q.sigma());
        for (int i = 0; i < q.m(); i++) {
            int s = i * L;
            DoubleVector k = DoubleVector.fromArray(DOUBLE, ws.k, s);
            DoubleVector dfda;
            DoubleVector a;
            if (q.softmax()) {
                DoubleVector p = DoubleVector.fromArray(DOUBLE, ws.p, s);
                dfda = p.mul(k);
                a = k.mul(2 * q.amplitudes()[i]).sub(f).mul(p).mul(invSigma2);   // (2 a_i k_i − f) p_i / σ²
            } else {
                dfda = k;
                a = k.mul(q.amplitudes()[i] * invSigma2);                          // a_i k_i / σ²
            }
            DoubleVector.fromArray(DOUBLE, ws.gradA, s).add(c.mul(dfda)).intoArray(ws.gradA, s);
            DoubleVector ca = c.mul(a);
            DoubleVector.fromArray(DOUBLE, ws.sumC, s).add(ca).intoArray(ws.sumC, s);
            ca.intoArray(ws.coef, (slot * q.m() + i) * L);
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
        int ml = q.m() * L;
        squaredDistances(x, off, q.d(), q.centers(), q.m(), ws.u);
        double scale = 1.0 / (2.0 * q.sigma() * q.sigma());
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
        for (int i = 0; i < q.m(); i++) {
            int s = i * L;
            DoubleVector e = DoubleVector.fromArray(DOUBLE, ws.e, s);
            e.div(sum).intoArray(ws.p, s);
            DoubleVector amplitude = VectorSupport.splat(q.amplitudes()[i]);
            acc = q.softmax() ? e.mul(e).fma(amplitude, acc)
                    : DoubleVector.fromArray(DOUBLE, ws.k, s).fma(amplitude, acc);
        }
        sum.intoArray(ws.sumE, 0);
        DoubleVector f = q.softmax() ? DoubleVector.fromArray(DOUBLE, ws.expMinusMin, 0).mul(acc).div(sum) : acc;
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
}
