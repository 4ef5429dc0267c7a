package org.sparker.engine.simd;

import static org.sparker.engine.simd.VectorSupport.DOUBLE;
import static org.sparker.engine.simd.VectorSupport.LANES;
import static org.sparker.engine.simd.VectorSupport.FMA;
import static org.sparker.engine.simd.VectorSupport.loadWidened;

import jdk.incubator.vector.DoubleVector;

import org.sparker.engine.Loss;

/**
 * The vector kernels of the SIMD backend, one tile of {@code L} points at a time (docs/design.md
 * §1–3): the squared distances, the stable softmax and {@code f}, and the per-tile gradient
 * contributions of the fused training pass.
 *
 * <p>Each vector loop lives in its own method taking and returning arrays, never vectors, and
 * vector code calls no helper method of ours: past C2's inlining node budget (the Vector API's
 * operations inline deep trees) a call is no longer inlined, and every vector crossing it is
 * boxed, some 20 times slower. The library's own operations are force-inlined and immune.
 * Fused multiply-adds are written {@code FMA ? a.fma(b, c) : a.mul(b).add(c)}: {@code FMA} is a
 * constant, so only one branch is compiled, and hosts without FMA hardware (where the Vector
 * API would emulate it with BigDecimal) get a multiply and an add.
 */
final class TileKernels {

    /**
     * Tiles whose centre-gradient contributions are swept together (a divisor of the block size):
     * eight with 512-bit vectors (32 registers hold sixteen coefficients, two kernels by eight
     * tiles), four below (16 registers: four kernels by four tiles spill less). Measured on the
     * 2-core EPYC at 60,000 × 128 × 5: eight tiles 15% faster than four at 512 bits, 20% slower at
     * 256 (docs/benchmarks.md).
     */
    static final int GROUP = LANES >= 8 ? 8 : 4;
    /**
     * From this dimension on, the dot-product distances of two adjacent tiles run together
     * ({@link #dotDistancesTwoTiles}). Paired A/B in one JVM on the 2-core Zen 5 EPYC (ten rounds,
     * median speed-up of the step): 1.10× at 15,000 × 384 × 5, 1.13× at 11,000 × 1000 × 5, 1.09× at
     * 110,000 × 1000 × 5, and 1.10–1.14× with 256-bit vectors; at d = 64 and 128 with the points
     * streamed from DRAM (60,000 × 128, 100,000 × 64) 0.91–0.98×, so smaller tiles keep one at a
     * time (docs/benchmarks.md).
     */
    static final int PAIR_MIN_DIMENSION = 256;
    private static final int L = LANES;
    /** Above this {@code min u}, {@code e^{−min u}} may be subnormal and {@code k_i = e_i e^{−m}} would lose bits. */
    private static final double NORMAL_EXPONENT_LIMIT = 700.0;

    private TileKernels() {
    }

    /**
     * Adds the loss, NP term and gradient contributions of the {@code count ≤ GROUP} tiles
     * {@code t0 …} to the workspace's lane accumulators (docs/design.md §2–3), tile after tile, and
     * their centre-gradient coefficients {@code c A_i} to slots {@code 0 … count − 1} of the group.
     * Each step runs over the whole group in one call (the distances tile by tile): at small
     * {@code d} a tile is a few dozen vector operations, and per-tile calls into a dozen small
     * methods cost as much as the arithmetic. The operations and the order of every sum are those
     * of one tile at a time, so the results are the same bits.
     */
    static void accumulateGroup(Tiles tiles, int t0, int count, boolean reference, Params q, Loss loss,
            Workspace ws) {
        int m = q.m();
        int d = q.d();
        int ml = m * L;
        boolean next = count > 0 && dotProductAccurate(tiles, t0, q);
        for (int s = 0; s < count; ) {
            int t = t0 + s;
            boolean dot = next;
            next = s + 1 < count && dotProductAccurate(tiles, t + 1, q);
            if (d >= PAIR_MIN_DIMENSION && dot && next) {
                // tiles t and t + 1 are adjacent in x, norms and u
                dotDistancesTwoTiles(tiles.x, t * d * L, tiles.norms, t * L, q, ws.u, s * ml);
                s += 2;
                next = s < count && dotProductAccurate(tiles, t + 2, q);
                continue;
            }
            if (dot) {
                dotDistances(tiles.x, t * d * L, tiles.norms, t * L, q, ws.u, s * ml);
            } else {
                squaredDistances(tiles.x, t * d * L, d, q.centers(), m, ws.u, s * ml);
            }
            s++;
        }
        finishGroup(q, ws, count);
        int n = count * L;
        if (loss == Loss.NP) {
            if (reference) {
                VectorSupport.expm1(ws.f, 0, ws.term, 0, n, ws.scratch);
                referenceFactors(ws.term, ws.np, ws.factor, n);
            } else {
                dataFactors(ws.f, ws.term, ws.np, ws.factor, n);
            }
        } else {
            // BCE and MSE (ablations): the shared scalar definitions, lane by lane
            for (int j = 0; j < n; j++) {
                double fl = ws.f[j];
                ws.term[j] = reference ? loss.referenceTerm(fl) : loss.dataTerm(fl);
                ws.factor[j] = reference ? loss.referenceFactor(fl) : loss.dataFactor(fl);
            }
            if (reference) {
                VectorSupport.expm1(ws.f, 0, ws.np, 0, n, ws.scratch);
            } else {
                negate(ws.f, ws.np, n);
            }
        }
        for (int s = 0; s < count; s++) {
            int valid = tiles.valid(t0 + s);
            // padding lanes have weight 0, and 0·∞ must not become NaN: zero their factors (a
            // cold path, once per sample)
            for (int lane = valid; lane < L; lane++) {
                ws.term[s * L + lane] = 0;
                ws.np[s * L + lane] = 0;
                ws.factor[s * L + lane] = 0;
            }
        }
        accumulateLoss(tiles.weights, t0 * L, n, ws);
        gradientCoefficients(q, ws, count);
    }

    /** NP loss on the reference: {@code term = np = e^f − 1} (in {@code term}), {@code g = e^f = term + 1}. */
    private static void referenceFactors(double[] term, double[] np, double[] factor, int n) {
        for (int j = 0; j < n; j += L) {
            DoubleVector v = DoubleVector.fromArray(DOUBLE, term, j);
            v.intoArray(np, j);
            v.add(1.0).intoArray(factor, j);
        }
    }

    /** NP loss on the data: {@code term = np = −f}, {@code g = −1}. */
    private static void dataFactors(double[] f, double[] term, double[] np, double[] factor, int n) {
        DoubleVector minusOne = DoubleVector.broadcast(DOUBLE, -1.0);
        for (int j = 0; j < n; j += L) {
            DoubleVector v = DoubleVector.fromArray(DOUBLE, f, j).neg();
            v.intoArray(term, j);
            v.intoArray(np, j);
            minusOne.intoArray(factor, j);
        }
    }

    private static void negate(double[] in, double[] out, int n) {
        for (int j = 0; j < n; j += L) {
            DoubleVector.fromArray(DOUBLE, in, j).neg().intoArray(out, j);
        }
    }

    /**
     * Tile after tile: {@code lossAcc += w·term}, {@code npAcc += w·np}, and the per-point factor
     * {@code c = w·g} into {@code ws.lane}.
     */
    private static void accumulateLoss(double[] weights, int w0, int n, Workspace ws) {
        DoubleVector loss = DoubleVector.fromArray(DOUBLE, ws.lossAcc, 0);
        DoubleVector np = DoubleVector.fromArray(DOUBLE, ws.npAcc, 0);
        for (int j = 0; j < n; j += L) {
            DoubleVector w = DoubleVector.fromArray(DOUBLE, weights, w0 + j);
            loss = loss.add(w.mul(DoubleVector.fromArray(DOUBLE, ws.term, j)));
            np = np.add(w.mul(DoubleVector.fromArray(DOUBLE, ws.np, j)));
            w.mul(DoubleVector.fromArray(DOUBLE, ws.factor, j)).intoArray(ws.lane, j);
        }
        loss.intoArray(ws.lossAcc, 0);
        np.intoArray(ws.npAcc, 0);
    }

    /**
     * Per tile and kernel, from {@code e_i}, {@code 1/Σe}, {@code e^{−m}} and {@code f}: {@code p_i},
     * {@code k_i}, and with the per-point factor {@code c} (in {@code ws.lane}) the sums
     * {@code Σ c ∂f/∂a_i}, {@code Σ c A_i} and the tiles' coefficients {@code c A_i}.
     */
    private static void gradientCoefficients(Params q, Workspace ws, int count) {
        double invSigma2 = 1.0 / (q.sigma() * q.sigma());
        int m = q.m();
        double[] amplitudes = q.amplitudes();
        boolean softmax = q.softmax();
        for (int slot = 0; slot < count; slot++) {
            int sl = slot * L;
            int base = slot * m * L;
            DoubleVector c = DoubleVector.fromArray(DOUBLE, ws.lane, sl);
            DoubleVector f = DoubleVector.fromArray(DOUBLE, ws.f, sl);
            DoubleVector inv = DoubleVector.fromArray(DOUBLE, ws.invSumE, sl);
            DoubleVector em = DoubleVector.fromArray(DOUBLE, ws.expMinusMin, sl);
            boolean exactK = ws.exactK[slot];
            for (int i = 0; i < m; i++) {
                int s = i * L;
                DoubleVector e = DoubleVector.fromArray(DOUBLE, ws.e, base + s);
                DoubleVector k = exactK ? DoubleVector.fromArray(DOUBLE, ws.k, base + s) : e.mul(em);
                DoubleVector dfda;
                DoubleVector a;
                if (softmax) {
                    DoubleVector p = e.mul(inv);
                    dfda = p.mul(k);
                    a = k.mul(2 * amplitudes[i]).sub(f).mul(p).mul(invSigma2);   // (2 a_i k_i − f) p_i / σ²
                } else {
                    dfda = k;
                    a = k.mul(amplitudes[i] * invSigma2);                        // a_i k_i / σ²
                }
                DoubleVector.fromArray(DOUBLE, ws.gradA, s).add(c.mul(dfda)).intoArray(ws.gradA, s);
                DoubleVector ca = c.mul(a);
                DoubleVector.fromArray(DOUBLE, ws.sumC, s).add(ca).intoArray(ws.sumC, s);
                ca.intoArray(ws.coef, (slot * m + i) * L);
            }
        }
    }

    /**
     * {@code G[i][k] += Σ_t coef_{t,i} · x_t[k]} lanewise, for the {@code count ≤ GROUP} tiles
     * {@code first …} of a group, every kernel and coordinate ({@code grad} holds per-lane
     * partial sums at {@code [(i·d + k)·L + lane]}, {@code coef} the tiles' coefficients at
     * {@code [(slot·M + i)·L]}). With eight tiles a group (512-bit vectors), the kernels go five
     * at a time by four tiles ({@link #gradientFiveKernelsFourTiles}: each widened vector of points
     * feeds five multiply-adds), the rest two at a time by eight tiles (sixteen coefficients in
     * registers, each partial sum loaded and stored once per group; the partial sums, {@code M·d·L}
     * doubles, outgrow L1 at d ≥ 128), and a last odd kernel eight coordinates at a time (eight
     * independent chains where one kernel alone has one). With four tiles (256 bits and below),
     * four kernels by four tiles, then one kernel at a time. Every partial sum
     * adds the tiles in slot order, one multiply-add per slot, whatever the blocking. The slots of
     * missing tiles in a short group must hold zero coefficients; they reuse tile {@code first}'s
     * data.
     */
    static void accumulateCenterGradient(float[] x, int first, int count, int d, int m, double[] coef,
            double[] grad) {
        int tileSize = d * L;
        int x0 = first * tileSize;
        int x1 = count > 1 ? x0 + tileSize : x0;
        int x2 = count > 2 ? x0 + 2 * tileSize : x0;
        int x3 = count > 3 ? x0 + 3 * tileSize : x0;
        if (GROUP == 4) {
            int i0 = 0;
            for (; i0 + 4 <= m; i0 += 4) {
                gradientFourKernelsFourTiles(x, x0, x1, x2, x3, coef, i0, m, grad, i0 * tileSize, tileSize);
            }
            for (; i0 < m; i0++) {
                gradientOneKernelFourTiles(x, x0, x1, x2, x3, coef, i0, m, grad, i0 * tileSize, tileSize);
            }
            return;
        }
        int x4 = count > 4 ? x0 + 4 * tileSize : x0;
        int x5 = count > 5 ? x0 + 5 * tileSize : x0;
        int x6 = count > 6 ? x0 + 6 * tileSize : x0;
        int x7 = count > 7 ? x0 + 7 * tileSize : x0;
        int i0 = 0;
        for (; i0 + 5 <= m; i0 += 5) {
            gradientFiveKernelsFourTiles(x, x0, x1, x2, x3, coef, 0, i0, m, grad, i0 * tileSize, tileSize);
            gradientFiveKernelsFourTiles(x, x4, x5, x6, x7, coef, 4, i0, m, grad, i0 * tileSize, tileSize);
        }
        for (; i0 + 2 <= m; i0 += 2) {
            gradientTwoKernels(x, x0, x1, x2, x3, x4, x5, x6, x7, coef, i0, m, grad, i0 * tileSize, tileSize);
        }
        if (i0 < m) {
            gradientOneKernelEightCoordinates(x, x0, count, tileSize, coef, i0, m, grad, i0 * tileSize);
        }
    }

    // Each vector loop lives in its own small method: C2 abandons Vector API intrinsics (and
    // boxes every vector) once a compilation unit grows past its inlining node budget.

    private static void gradientTwoKernels(float[] x, int x0, int x1, int x2, int x3, int x4, int x5, int x6, int x7,
            double[] coef, int i0, int m, double[] grad, int g0, int tileSize) {
        DoubleVector c00 = coefficient(coef, 0, i0, m);
        DoubleVector c01 = coefficient(coef, 0, i0 + 1, m);
        DoubleVector c10 = coefficient(coef, 1, i0, m);
        DoubleVector c11 = coefficient(coef, 1, i0 + 1, m);
        DoubleVector c20 = coefficient(coef, 2, i0, m);
        DoubleVector c21 = coefficient(coef, 2, i0 + 1, m);
        DoubleVector c30 = coefficient(coef, 3, i0, m);
        DoubleVector c31 = coefficient(coef, 3, i0 + 1, m);
        DoubleVector c40 = coefficient(coef, 4, i0, m);
        DoubleVector c41 = coefficient(coef, 4, i0 + 1, m);
        DoubleVector c50 = coefficient(coef, 5, i0, m);
        DoubleVector c51 = coefficient(coef, 5, i0 + 1, m);
        DoubleVector c60 = coefficient(coef, 6, i0, m);
        DoubleVector c61 = coefficient(coef, 6, i0 + 1, m);
        DoubleVector c70 = coefficient(coef, 7, i0, m);
        DoubleVector c71 = coefficient(coef, 7, i0 + 1, m);
        int g1 = g0 + tileSize;
        for (int o = 0; o < tileSize; o += L) {
            DoubleVector a0 = DoubleVector.fromArray(DOUBLE, grad, g0 + o);
            DoubleVector a1 = DoubleVector.fromArray(DOUBLE, grad, g1 + o);
            DoubleVector xv = loadWidened(x, x0 + o);
            a0 = FMA ? c00.fma(xv, a0) : c00.mul(xv).add(a0);
            a1 = FMA ? c01.fma(xv, a1) : c01.mul(xv).add(a1);
            xv = loadWidened(x, x1 + o);
            a0 = FMA ? c10.fma(xv, a0) : c10.mul(xv).add(a0);
            a1 = FMA ? c11.fma(xv, a1) : c11.mul(xv).add(a1);
            xv = loadWidened(x, x2 + o);
            a0 = FMA ? c20.fma(xv, a0) : c20.mul(xv).add(a0);
            a1 = FMA ? c21.fma(xv, a1) : c21.mul(xv).add(a1);
            xv = loadWidened(x, x3 + o);
            a0 = FMA ? c30.fma(xv, a0) : c30.mul(xv).add(a0);
            a1 = FMA ? c31.fma(xv, a1) : c31.mul(xv).add(a1);
            xv = loadWidened(x, x4 + o);
            a0 = FMA ? c40.fma(xv, a0) : c40.mul(xv).add(a0);
            a1 = FMA ? c41.fma(xv, a1) : c41.mul(xv).add(a1);
            xv = loadWidened(x, x5 + o);
            a0 = FMA ? c50.fma(xv, a0) : c50.mul(xv).add(a0);
            a1 = FMA ? c51.fma(xv, a1) : c51.mul(xv).add(a1);
            xv = loadWidened(x, x6 + o);
            a0 = FMA ? c60.fma(xv, a0) : c60.mul(xv).add(a0);
            a1 = FMA ? c61.fma(xv, a1) : c61.mul(xv).add(a1);
            xv = loadWidened(x, x7 + o);
            a0 = FMA ? c70.fma(xv, a0) : c70.mul(xv).add(a0);
            a1 = FMA ? c71.fma(xv, a1) : c71.mul(xv).add(a1);
            a0.intoArray(grad, g0 + o);
            a1.intoArray(grad, g1 + o);
        }
    }

    /**
     * Five kernels by the four tiles in slots {@code s0 … s0 + 3} (tile data at {@code x0 … x3}):
     * twenty coefficients stay in registers, and each loaded vector of points is widened once
     * for five multiply-adds, where two kernels by eight tiles and then the fifth kernel alone
     * widened it for two and for one. At M = 5 on a group in cache the sweep takes 0.18 ns per
     * vector FMA this way and 0.27 that way on Zen 5, although each partial sum is loaded and
     * stored twice a group; four kernels by four tiles, which trades the same way, is slower than
     * two by eight (docs/benchmarks.md). A group is two calls, slots 0–3 then 4–7, so each
     * partial sum still adds the tiles in slot order, one multiply-add per slot: the same bits.
     */
    private static void gradientFiveKernelsFourTiles(float[] x, int x0, int x1, int x2, int x3, double[] coef, int s0,
            int i0, int m, double[] grad, int g0, int tileSize) {
        DoubleVector c00 = coefficient(coef, s0, i0, m);
        DoubleVector c01 = coefficient(coef, s0, i0 + 1, m);
        DoubleVector c02 = coefficient(coef, s0, i0 + 2, m);
        DoubleVector c03 = coefficient(coef, s0, i0 + 3, m);
        DoubleVector c04 = coefficient(coef, s0, i0 + 4, m);
        DoubleVector c10 = coefficient(coef, s0 + 1, i0, m);
        DoubleVector c11 = coefficient(coef, s0 + 1, i0 + 1, m);
        DoubleVector c12 = coefficient(coef, s0 + 1, i0 + 2, m);
        DoubleVector c13 = coefficient(coef, s0 + 1, i0 + 3, m);
        DoubleVector c14 = coefficient(coef, s0 + 1, i0 + 4, m);
        DoubleVector c20 = coefficient(coef, s0 + 2, i0, m);
        DoubleVector c21 = coefficient(coef, s0 + 2, i0 + 1, m);
        DoubleVector c22 = coefficient(coef, s0 + 2, i0 + 2, m);
        DoubleVector c23 = coefficient(coef, s0 + 2, i0 + 3, m);
        DoubleVector c24 = coefficient(coef, s0 + 2, i0 + 4, m);
        DoubleVector c30 = coefficient(coef, s0 + 3, i0, m);
        DoubleVector c31 = coefficient(coef, s0 + 3, i0 + 1, m);
        DoubleVector c32 = coefficient(coef, s0 + 3, i0 + 2, m);
        DoubleVector c33 = coefficient(coef, s0 + 3, i0 + 3, m);
        DoubleVector c34 = coefficient(coef, s0 + 3, i0 + 4, m);
        int g1 = g0 + tileSize;
        int g2 = g1 + tileSize;
        int g3 = g2 + tileSize;
        int g4 = g3 + tileSize;
        for (int o = 0; o < tileSize; o += L) {
            DoubleVector a0 = DoubleVector.fromArray(DOUBLE, grad, g0 + o);
            DoubleVector a1 = DoubleVector.fromArray(DOUBLE, grad, g1 + o);
            DoubleVector a2 = DoubleVector.fromArray(DOUBLE, grad, g2 + o);
            DoubleVector a3 = DoubleVector.fromArray(DOUBLE, grad, g3 + o);
            DoubleVector a4 = DoubleVector.fromArray(DOUBLE, grad, g4 + o);
            DoubleVector xv = loadWidened(x, x0 + o);
            a0 = FMA ? c00.fma(xv, a0) : c00.mul(xv).add(a0);
            a1 = FMA ? c01.fma(xv, a1) : c01.mul(xv).add(a1);
            a2 = FMA ? c02.fma(xv, a2) : c02.mul(xv).add(a2);
            a3 = FMA ? c03.fma(xv, a3) : c03.mul(xv).add(a3);
            a4 = FMA ? c04.fma(xv, a4) : c04.mul(xv).add(a4);
            xv = loadWidened(x, x1 + o);
            a0 = FMA ? c10.fma(xv, a0) : c10.mul(xv).add(a0);
            a1 = FMA ? c11.fma(xv, a1) : c11.mul(xv).add(a1);
            a2 = FMA ? c12.fma(xv, a2) : c12.mul(xv).add(a2);
            a3 = FMA ? c13.fma(xv, a3) : c13.mul(xv).add(a3);
            a4 = FMA ? c14.fma(xv, a4) : c14.mul(xv).add(a4);
            xv = loadWidened(x, x2 + o);
            a0 = FMA ? c20.fma(xv, a0) : c20.mul(xv).add(a0);
            a1 = FMA ? c21.fma(xv, a1) : c21.mul(xv).add(a1);
            a2 = FMA ? c22.fma(xv, a2) : c22.mul(xv).add(a2);
            a3 = FMA ? c23.fma(xv, a3) : c23.mul(xv).add(a3);
            a4 = FMA ? c24.fma(xv, a4) : c24.mul(xv).add(a4);
            xv = loadWidened(x, x3 + o);
            a0 = FMA ? c30.fma(xv, a0) : c30.mul(xv).add(a0);
            a1 = FMA ? c31.fma(xv, a1) : c31.mul(xv).add(a1);
            a2 = FMA ? c32.fma(xv, a2) : c32.mul(xv).add(a2);
            a3 = FMA ? c33.fma(xv, a3) : c33.mul(xv).add(a3);
            a4 = FMA ? c34.fma(xv, a4) : c34.mul(xv).add(a4);
            a0.intoArray(grad, g0 + o);
            a1.intoArray(grad, g1 + o);
            a2.intoArray(grad, g2 + o);
            a3.intoArray(grad, g3 + o);
            a4.intoArray(grad, g4 + o);
        }
    }

    private static void gradientFourKernelsFourTiles(float[] x, int x0, int x1, int x2, int x3, double[] coef, int i0, int m,
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
            a0 = FMA ? c00.fma(xv, a0) : c00.mul(xv).add(a0);
            a1 = FMA ? c01.fma(xv, a1) : c01.mul(xv).add(a1);
            a2 = FMA ? c02.fma(xv, a2) : c02.mul(xv).add(a2);
            a3 = FMA ? c03.fma(xv, a3) : c03.mul(xv).add(a3);
            xv = loadWidened(x, x1 + o);
            a0 = FMA ? c10.fma(xv, a0) : c10.mul(xv).add(a0);
            a1 = FMA ? c11.fma(xv, a1) : c11.mul(xv).add(a1);
            a2 = FMA ? c12.fma(xv, a2) : c12.mul(xv).add(a2);
            a3 = FMA ? c13.fma(xv, a3) : c13.mul(xv).add(a3);
            xv = loadWidened(x, x2 + o);
            a0 = FMA ? c20.fma(xv, a0) : c20.mul(xv).add(a0);
            a1 = FMA ? c21.fma(xv, a1) : c21.mul(xv).add(a1);
            a2 = FMA ? c22.fma(xv, a2) : c22.mul(xv).add(a2);
            a3 = FMA ? c23.fma(xv, a3) : c23.mul(xv).add(a3);
            xv = loadWidened(x, x3 + o);
            a0 = FMA ? c30.fma(xv, a0) : c30.mul(xv).add(a0);
            a1 = FMA ? c31.fma(xv, a1) : c31.mul(xv).add(a1);
            a2 = FMA ? c32.fma(xv, a2) : c32.mul(xv).add(a2);
            a3 = FMA ? c33.fma(xv, a3) : c33.mul(xv).add(a3);
            a0.intoArray(grad, g0 + o);
            a1.intoArray(grad, g1 + o);
            a2.intoArray(grad, g2 + o);
            a3.intoArray(grad, g3 + o);
        }
    }

    private static void gradientOneKernelFourTiles(float[] x, int x0, int x1, int x2, int x3, double[] coef, int i, int m,
            double[] grad, int g0, int tileSize) {
        DoubleVector c0 = coefficient(coef, 0, i, m);
        DoubleVector c1 = coefficient(coef, 1, i, m);
        DoubleVector c2 = coefficient(coef, 2, i, m);
        DoubleVector c3 = coefficient(coef, 3, i, m);
        for (int o = 0; o < tileSize; o += L) {
            DoubleVector a = DoubleVector.fromArray(DOUBLE, grad, g0 + o);
            a = FMA ? c0.fma(loadWidened(x, x0 + o), a) : c0.mul(loadWidened(x, x0 + o)).add(a);
            a = FMA ? c1.fma(loadWidened(x, x1 + o), a) : c1.mul(loadWidened(x, x1 + o)).add(a);
            a = FMA ? c2.fma(loadWidened(x, x2 + o), a) : c2.mul(loadWidened(x, x2 + o)).add(a);
            a = FMA ? c3.fma(loadWidened(x, x3 + o), a) : c3.mul(loadWidened(x, x3 + o)).add(a);
            a.intoArray(grad, g0 + o);
        }
    }

    /**
     * The last kernel of an odd {@code M}: eight coordinates at a time, so that the group's tiles
     * feed eight independent accumulation chains: one coordinate at a time, each partial sum is one
     * chain of eight dependent fused multiply-adds and waits on their latency (the sweep at M = 5
     * took 0.30–0.34 ns per vector FMA that way, 0.29 this way, on the 2-core Zen 5 EPYC). Each
     * partial sum still adds the tiles in slot order, so the results are the same bits. The
     * slots of missing tiles ({@code s ≥ count}) hold zero coefficients and reuse tile
     * {@code first}'s data, as in the other sweeps.
     */
    private static void gradientOneKernelEightCoordinates(float[] x, int x0, int count, int tileSize, double[] coef, int i0, int m,
            double[] grad, int g0) {
        int o = 0;
        for (; o + 8 * L <= tileSize; o += 8 * L) {
            DoubleVector a00 = DoubleVector.fromArray(DOUBLE, grad, g0 + o);
            DoubleVector a01 = DoubleVector.fromArray(DOUBLE, grad, g0 + o + L);
            DoubleVector a02 = DoubleVector.fromArray(DOUBLE, grad, g0 + o + 2 * L);
            DoubleVector a03 = DoubleVector.fromArray(DOUBLE, grad, g0 + o + 3 * L);
            DoubleVector a04 = DoubleVector.fromArray(DOUBLE, grad, g0 + o + 4 * L);
            DoubleVector a05 = DoubleVector.fromArray(DOUBLE, grad, g0 + o + 5 * L);
            DoubleVector a06 = DoubleVector.fromArray(DOUBLE, grad, g0 + o + 6 * L);
            DoubleVector a07 = DoubleVector.fromArray(DOUBLE, grad, g0 + o + 7 * L);
            for (int s = 0; s < GROUP; s++) {
                int xs = (s < count ? x0 + s * tileSize : x0) + o;
                int cs = (s * m + i0) * L;
                DoubleVector v0 = loadWidened(x, xs);
                DoubleVector v1 = loadWidened(x, xs + L);
                DoubleVector v2 = loadWidened(x, xs + 2 * L);
                DoubleVector v3 = loadWidened(x, xs + 3 * L);
                DoubleVector v4 = loadWidened(x, xs + 4 * L);
                DoubleVector v5 = loadWidened(x, xs + 5 * L);
                DoubleVector v6 = loadWidened(x, xs + 6 * L);
                DoubleVector v7 = loadWidened(x, xs + 7 * L);
                DoubleVector c0 = DoubleVector.fromArray(DOUBLE, coef, cs);
                a00 = FMA ? c0.fma(v0, a00) : c0.mul(v0).add(a00);
                a01 = FMA ? c0.fma(v1, a01) : c0.mul(v1).add(a01);
                a02 = FMA ? c0.fma(v2, a02) : c0.mul(v2).add(a02);
                a03 = FMA ? c0.fma(v3, a03) : c0.mul(v3).add(a03);
                a04 = FMA ? c0.fma(v4, a04) : c0.mul(v4).add(a04);
                a05 = FMA ? c0.fma(v5, a05) : c0.mul(v5).add(a05);
                a06 = FMA ? c0.fma(v6, a06) : c0.mul(v6).add(a06);
                a07 = FMA ? c0.fma(v7, a07) : c0.mul(v7).add(a07);
            }
            a00.intoArray(grad, g0 + o);
            a01.intoArray(grad, g0 + o + L);
            a02.intoArray(grad, g0 + o + 2 * L);
            a03.intoArray(grad, g0 + o + 3 * L);
            a04.intoArray(grad, g0 + o + 4 * L);
            a05.intoArray(grad, g0 + o + 5 * L);
            a06.intoArray(grad, g0 + o + 6 * L);
            a07.intoArray(grad, g0 + o + 7 * L);
        }
        for (; o < tileSize; o += L) {
            DoubleVector a0 = DoubleVector.fromArray(DOUBLE, grad, g0 + o);
            for (int s = 0; s < GROUP; s++) {
                DoubleVector xv = loadWidened(x, (s < count ? x0 + s * tileSize : x0) + o);
                int cs = (s * m + i0) * L;
                DoubleVector c0 = DoubleVector.fromArray(DOUBLE, coef, cs);
                a0 = FMA ? c0.fma(xv, a0) : c0.mul(xv).add(a0);
            }
            a0.intoArray(grad, g0 + o);
        }
    }

    /** A plain load: a vector chosen between two sources would be boxed at the merge. */
    private static DoubleVector coefficient(double[] coef, int slot, int kernel, int m) {
        return DoubleVector.fromArray(DOUBLE, coef, (slot * m + kernel) * L);
    }

    /** Below this dimension the direct differences cost about as much as the dot products. */
    static final int DOT_MIN_DIMENSION = 16;
    /** The largest rounding error the dot-product distances may make on {@code u}, in absolute terms. */
    static final double DOT_TOLERANCE = 1e-8;

    /**
     * Whether {@link #dotDistances} fuses the last four-kernel block with a fifth kernel
     * ({@code M mod 4 = 1}, {@code M ≥ 5}): with 512-bit vectors (32 registers) the whole step at
     * 60,000 × 128 × 5 and 100,000 × 64 × 5 ran 1.06–1.14× faster in a paired A/B within one JVM on
     * Zen 5; with 256-bit vectors (16 registers on AVX2) 100,000 × 64 × 5 ran 0.92× as fast over
     * five paired runs, so narrower vectors keep the two passes (docs/benchmarks.md). The sums are
     * the same either way.
     */
    static final boolean FIVE_KERNEL_DOTS = L >= 8;

    /**
     * Whether {@code ‖x‖² − 2 x·μ + ‖μ‖²} is accurate enough for tile {@code t} at this width:
     * its rounding error is at most {@code γ_{d+3} (‖x‖² + 2|x·μ| + ‖μ‖²) ≤ 2 γ_{d+3} (‖x‖² + ‖μ‖²)}
     * ({@code γ_n = n u / (1 − n u)}, {@code u = 2^−53}), which divided by {@code 2σ²} must stay
     * under {@link #DOT_TOLERANCE} on {@code u = D / 2σ²} (docs/design.md §1, §6). Data near the
     * origin passes by many orders of magnitude; data far out at a tiny width takes the
     * differences.
     */
    static boolean dotProductAccurate(Tiles tiles, int t, Params q) {
        if (q.d() < DOT_MIN_DIMENSION) {
            return false;
        }
        double n = q.d() + 3;
        double gamma = n * 0x1p-53 / (1 - n * 0x1p-53);
        double bound = 2 * gamma * (tiles.tileMaxNorm[t] + q.maxCenterNorm());
        return bound <= DOT_TOLERANCE * 2 * q.sigma() * q.sigma();
    }

    /**
     * {@code out[o + i·L + lane] = max(0, ‖x‖² − 2 x·μ_i + ‖μ_i‖²)}: one fused multiply-add per
     * coordinate and kernel instead of a subtraction and a multiply-add.
     */
    static void dotDistances(float[] x, int off, double[] norms, int normOff, Params q, double[] out, int o) {
        int i0 = 0;
        int m = q.m();
        int d = q.d();
        if (FIVE_KERNEL_DOTS && m >= 5 && (m & 3) == 1) {
            for (; i0 + 5 < m; i0 += 4) {
                dotFourKernels(x, off, d, q.centers(), i0 * d, out, o + i0 * L);
            }
            dotFiveKernels(x, off, d, q.centers(), i0 * d, out, o + i0 * L);
            combineNorms(norms, normOff, q.centerNorms(), m, out, o);
            return;
        }
        for (; i0 + 4 <= m; i0 += 4) {
            dotFourKernels(x, off, d, q.centers(), i0 * d, out, o + i0 * L);
        }
        for (; i0 < m; i0++) {
            dotOneKernel(x, off, d, q.centers(), i0 * d, out, o + i0 * L);
        }
        combineNorms(norms, normOff, q.centerNorms(), m, out, o);
    }

    /**
     * {@link #dotDistances} for two adjacent tiles ({@code x} at {@code off} and {@code off + d·L},
     * norms at {@code normOff} and {@code normOff + L}, output at {@code o} and {@code o + M·L}):
     * each centre coordinate broadcast serves both tiles, and the two tiles' accumulators are
     * independent chains, eight for four kernels, enough to keep two fused multiply-add pipes of
     * four cycles' latency busy, where one tile's four chains fill half of them (Zen 5). Every sum
     * is that of {@link #dotDistances}, so the results are the same bits.
     */
    static void dotDistancesTwoTiles(float[] x, int off, double[] norms, int normOff, Params q, double[] out, int o) {
        int m = q.m();
        int d = q.d();
        int off1 = off + d * L;
        int o1 = o + m * L;
        int i0 = 0;
        for (; i0 + 4 <= m; i0 += 4) {
            dotFourKernelsTwoTiles(x, off, off1, d, q.centers(), i0 * d, out, o + i0 * L, o1 + i0 * L);
        }
        for (; i0 < m; i0++) {
            dotOneKernelTwoTiles(x, off, off1, d, q.centers(), i0 * d, out, o + i0 * L, o1 + i0 * L);
        }
        combineNorms(norms, normOff, q.centerNorms(), m, out, o);
        combineNorms(norms, normOff + L, q.centerNorms(), m, out, o1);
    }

    /** {@link #dotFourKernels} for two tiles: eight accumulators, one broadcast per centre coordinate. */
    private static void dotFourKernelsTwoTiles(float[] x, int off0, int off1, int d, double[] c, int c0, double[] out,
            int o0, int o1) {
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
        for (int k = 0; k < d; k++) {
            DoubleVector xv = loadWidened(x, off0 + k * L);
            DoubleVector yv = loadWidened(x, off1 + k * L);
            if (FMA) {
                DoubleVector m0 = DoubleVector.broadcast(DOUBLE, c[c0 + k]);
                DoubleVector m1 = DoubleVector.broadcast(DOUBLE, c[c1 + k]);
                DoubleVector m2 = DoubleVector.broadcast(DOUBLE, c[c2 + k]);
                DoubleVector m3 = DoubleVector.broadcast(DOUBLE, c[c3 + k]);
                a0 = xv.fma(m0, a0);
                b0 = yv.fma(m0, b0);
                a1 = xv.fma(m1, a1);
                b1 = yv.fma(m1, b1);
                a2 = xv.fma(m2, a2);
                b2 = yv.fma(m2, b2);
                a3 = xv.fma(m3, a3);
                b3 = yv.fma(m3, b3);
            } else {
                a0 = a0.add(xv.mul(c[c0 + k]));
                b0 = b0.add(yv.mul(c[c0 + k]));
                a1 = a1.add(xv.mul(c[c1 + k]));
                b1 = b1.add(yv.mul(c[c1 + k]));
                a2 = a2.add(xv.mul(c[c2 + k]));
                b2 = b2.add(yv.mul(c[c2 + k]));
                a3 = a3.add(xv.mul(c[c3 + k]));
                b3 = b3.add(yv.mul(c[c3 + k]));
            }
        }
        a0.intoArray(out, o0);
        a1.intoArray(out, o0 + L);
        a2.intoArray(out, o0 + 2 * L);
        a3.intoArray(out, o0 + 3 * L);
        b0.intoArray(out, o1);
        b1.intoArray(out, o1 + L);
        b2.intoArray(out, o1 + 2 * L);
        b3.intoArray(out, o1 + 3 * L);
    }

    /** {@link #dotOneKernel} for two tiles: four accumulators each, eight chains. */
    private static void dotOneKernelTwoTiles(float[] x, int off0, int off1, int d, double[] c, int c0, double[] out,
            int o0, int o1) {
        DoubleVector a0 = DoubleVector.zero(DOUBLE);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        DoubleVector b0 = a0;
        DoubleVector b1 = a0;
        DoubleVector b2 = a0;
        DoubleVector b3 = a0;
        int k = 0;
        for (; k + 4 <= d; k += 4) {
            if (FMA) {
                DoubleVector m0 = DoubleVector.broadcast(DOUBLE, c[c0 + k]);
                DoubleVector m1 = DoubleVector.broadcast(DOUBLE, c[c0 + k + 1]);
                DoubleVector m2 = DoubleVector.broadcast(DOUBLE, c[c0 + k + 2]);
                DoubleVector m3 = DoubleVector.broadcast(DOUBLE, c[c0 + k + 3]);
                a0 = loadWidened(x, off0 + k * L).fma(m0, a0);
                b0 = loadWidened(x, off1 + k * L).fma(m0, b0);
                a1 = loadWidened(x, off0 + (k + 1) * L).fma(m1, a1);
                b1 = loadWidened(x, off1 + (k + 1) * L).fma(m1, b1);
                a2 = loadWidened(x, off0 + (k + 2) * L).fma(m2, a2);
                b2 = loadWidened(x, off1 + (k + 2) * L).fma(m2, b2);
                a3 = loadWidened(x, off0 + (k + 3) * L).fma(m3, a3);
                b3 = loadWidened(x, off1 + (k + 3) * L).fma(m3, b3);
            } else {
                a0 = a0.add(loadWidened(x, off0 + k * L).mul(c[c0 + k]));
                b0 = b0.add(loadWidened(x, off1 + k * L).mul(c[c0 + k]));
                a1 = a1.add(loadWidened(x, off0 + (k + 1) * L).mul(c[c0 + k + 1]));
                b1 = b1.add(loadWidened(x, off1 + (k + 1) * L).mul(c[c0 + k + 1]));
                a2 = a2.add(loadWidened(x, off0 + (k + 2) * L).mul(c[c0 + k + 2]));
                b2 = b2.add(loadWidened(x, off1 + (k + 2) * L).mul(c[c0 + k + 2]));
                a3 = a3.add(loadWidened(x, off0 + (k + 3) * L).mul(c[c0 + k + 3]));
                b3 = b3.add(loadWidened(x, off1 + (k + 3) * L).mul(c[c0 + k + 3]));
            }
        }
        for (; k < d; k++) {
            a0 = a0.add(loadWidened(x, off0 + k * L).mul(c[c0 + k]));
            b0 = b0.add(loadWidened(x, off1 + k * L).mul(c[c0 + k]));
        }
        a0.add(a1).add(a2.add(a3)).intoArray(out, o0);
        b0.add(b1).add(b2.add(b3)).intoArray(out, o1);
    }

    /** {@code out[o + i·L + lane] ← max(0, ‖x_lane‖² − 2 out[o + i·L + lane] + ‖μ_i‖²)}. */
    private static void combineNorms(double[] norms, int normOff, double[] centerNorms, int m, double[] out, int o) {
        DoubleVector xn = DoubleVector.fromArray(DOUBLE, norms, normOff);
        for (int i = 0; i < m; i++) {
            DoubleVector dot = DoubleVector.fromArray(DOUBLE, out, o + i * L);
            xn.add(centerNorms[i]).sub(dot.mul(2.0)).max(0.0).intoArray(out, o + i * L);
        }
    }

    /**
     * {@code x·μ} for four kernels: each coordinate load serves four, one accumulator per kernel
     * (four independent chains cover the fused multiply-add's latency). On the 2-core EPYC, alone in a
     * loop over tiles, it takes 25–30% less time per tile than a loop over two coordinates per
     * iteration with eight accumulators, about what the same loop takes in C with AVX-512
     * intrinsics (docs/benchmarks.md); in the whole training step the gain is within the noise.
     */
    private static void dotFourKernels(float[] x, int off, int d, double[] c, int c0, double[] out, int o) {
        int c1 = c0 + d;
        int c2 = c1 + d;
        int c3 = c2 + d;
        DoubleVector a0 = DoubleVector.zero(DOUBLE);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        for (int k = 0; k < d; k++) {
            DoubleVector xv = loadWidened(x, off + k * L);
            if (FMA) {
                a0 = xv.fma(DoubleVector.broadcast(DOUBLE, c[c0 + k]), a0);
                a1 = xv.fma(DoubleVector.broadcast(DOUBLE, c[c1 + k]), a1);
                a2 = xv.fma(DoubleVector.broadcast(DOUBLE, c[c2 + k]), a2);
                a3 = xv.fma(DoubleVector.broadcast(DOUBLE, c[c3 + k]), a3);
            } else {
                a0 = a0.add(xv.mul(c[c0 + k]));
                a1 = a1.add(xv.mul(c[c1 + k]));
                a2 = a2.add(xv.mul(c[c2 + k]));
                a3 = a3.add(xv.mul(c[c3 + k]));
            }
        }
        a0.intoArray(out, o);
        a1.intoArray(out, o + L);
        a2.intoArray(out, o + 2 * L);
        a3.intoArray(out, o + 3 * L);
    }

    /**
     * {@link #dotFourKernels} and {@link #dotOneKernel} for kernels {@code c0/d … c0/d + 4} in one
     * pass over the tile: eight independent chains (one per kernel of the four, four for the
     * fifth), each coordinate loaded and widened once. The sums are those of the two methods, in
     * the same order, so the results are the same bits.
     */
    private static void dotFiveKernels(float[] x, int off, int d, double[] c, int c0, double[] out, int o) {
        int c1 = c0 + d;
        int c2 = c1 + d;
        int c3 = c2 + d;
        int c4 = c3 + d;
        DoubleVector a0 = DoubleVector.zero(DOUBLE);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        DoubleVector b0 = a0;
        DoubleVector b1 = a0;
        DoubleVector b2 = a0;
        DoubleVector b3 = a0;
        int k = 0;
        for (; k + 4 <= d; k += 4) {
            DoubleVector xv = loadWidened(x, off + k * L);
            if (FMA) {
                a0 = xv.fma(DoubleVector.broadcast(DOUBLE, c[c0 + k]), a0);
                a1 = xv.fma(DoubleVector.broadcast(DOUBLE, c[c1 + k]), a1);
                a2 = xv.fma(DoubleVector.broadcast(DOUBLE, c[c2 + k]), a2);
                a3 = xv.fma(DoubleVector.broadcast(DOUBLE, c[c3 + k]), a3);
                b0 = xv.fma(DoubleVector.broadcast(DOUBLE, c[c4 + k]), b0);
            } else {
                a0 = a0.add(xv.mul(c[c0 + k]));
                a1 = a1.add(xv.mul(c[c1 + k]));
                a2 = a2.add(xv.mul(c[c2 + k]));
                a3 = a3.add(xv.mul(c[c3 + k]));
                b0 = b0.add(xv.mul(c[c4 + k]));
            }
            xv = loadWidened(x, off + (k + 1) * L);
            if (FMA) {
                a0 = xv.fma(DoubleVector.broadcast(DOUBLE, c[c0 + k + 1]), a0);
                a1 = xv.fma(DoubleVector.broadcast(DOUBLE, c[c1 + k + 1]), a1);
                a2 = xv.fma(DoubleVector.broadcast(DOUBLE, c[c2 + k + 1]), a2);
                a3 = xv.fma(DoubleVector.broadcast(DOUBLE, c[c3 + k + 1]), a3);
                b1 = xv.fma(DoubleVector.broadcast(DOUBLE, c[c4 + k + 1]), b1);
            } else {
                a0 = a0.add(xv.mul(c[c0 + k + 1]));
                a1 = a1.add(xv.mul(c[c1 + k + 1]));
                a2 = a2.add(xv.mul(c[c2 + k + 1]));
                a3 = a3.add(xv.mul(c[c3 + k + 1]));
                b1 = b1.add(xv.mul(c[c4 + k + 1]));
            }
            xv = loadWidened(x, off + (k + 2) * L);
            if (FMA) {
                a0 = xv.fma(DoubleVector.broadcast(DOUBLE, c[c0 + k + 2]), a0);
                a1 = xv.fma(DoubleVector.broadcast(DOUBLE, c[c1 + k + 2]), a1);
                a2 = xv.fma(DoubleVector.broadcast(DOUBLE, c[c2 + k + 2]), a2);
                a3 = xv.fma(DoubleVector.broadcast(DOUBLE, c[c3 + k + 2]), a3);
                b2 = xv.fma(DoubleVector.broadcast(DOUBLE, c[c4 + k + 2]), b2);
            } else {
                a0 = a0.add(xv.mul(c[c0 + k + 2]));
                a1 = a1.add(xv.mul(c[c1 + k + 2]));
                a2 = a2.add(xv.mul(c[c2 + k + 2]));
                a3 = a3.add(xv.mul(c[c3 + k + 2]));
                b2 = b2.add(xv.mul(c[c4 + k + 2]));
            }
            xv = loadWidened(x, off + (k + 3) * L);
            if (FMA) {
                a0 = xv.fma(DoubleVector.broadcast(DOUBLE, c[c0 + k + 3]), a0);
                a1 = xv.fma(DoubleVector.broadcast(DOUBLE, c[c1 + k + 3]), a1);
                a2 = xv.fma(DoubleVector.broadcast(DOUBLE, c[c2 + k + 3]), a2);
                a3 = xv.fma(DoubleVector.broadcast(DOUBLE, c[c3 + k + 3]), a3);
                b3 = xv.fma(DoubleVector.broadcast(DOUBLE, c[c4 + k + 3]), b3);
            } else {
                a0 = a0.add(xv.mul(c[c0 + k + 3]));
                a1 = a1.add(xv.mul(c[c1 + k + 3]));
                a2 = a2.add(xv.mul(c[c2 + k + 3]));
                a3 = a3.add(xv.mul(c[c3 + k + 3]));
                b3 = b3.add(xv.mul(c[c4 + k + 3]));
            }
        }
        // tail: up to three coordinates
        for (; k < d; k++) {
            DoubleVector xv = loadWidened(x, off + k * L);
            if (FMA) {
                a0 = xv.fma(DoubleVector.broadcast(DOUBLE, c[c0 + k]), a0);
                a1 = xv.fma(DoubleVector.broadcast(DOUBLE, c[c1 + k]), a1);
                a2 = xv.fma(DoubleVector.broadcast(DOUBLE, c[c2 + k]), a2);
                a3 = xv.fma(DoubleVector.broadcast(DOUBLE, c[c3 + k]), a3);
            } else {
                a0 = a0.add(xv.mul(c[c0 + k]));
                a1 = a1.add(xv.mul(c[c1 + k]));
                a2 = a2.add(xv.mul(c[c2 + k]));
                a3 = a3.add(xv.mul(c[c3 + k]));
            }
            b0 = b0.add(xv.mul(c[c4 + k]));
        }
        a0.intoArray(out, o);
        a1.intoArray(out, o + L);
        a2.intoArray(out, o + 2 * L);
        a3.intoArray(out, o + 3 * L);
        b0.add(b1).add(b2.add(b3)).intoArray(out, o + 4 * L);
    }

    /** {@code x·μ} for one kernel: four accumulators to hide the latency. */
    private static void dotOneKernel(float[] x, int off, int d, double[] c, int c0, double[] out, int o) {
        DoubleVector a0 = DoubleVector.zero(DOUBLE);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        int k = 0;
        // main loop: four coordinates per iteration
        for (; k + 4 <= d; k += 4) {
            if (FMA) {
                a0 = loadWidened(x, off + k * L).fma(DoubleVector.broadcast(DOUBLE, c[c0 + k]), a0);
                a1 = loadWidened(x, off + (k + 1) * L).fma(DoubleVector.broadcast(DOUBLE, c[c0 + k + 1]), a1);
                a2 = loadWidened(x, off + (k + 2) * L).fma(DoubleVector.broadcast(DOUBLE, c[c0 + k + 2]), a2);
                a3 = loadWidened(x, off + (k + 3) * L).fma(DoubleVector.broadcast(DOUBLE, c[c0 + k + 3]), a3);
            } else {
                a0 = a0.add(loadWidened(x, off + k * L).mul(c[c0 + k]));
                a1 = a1.add(loadWidened(x, off + (k + 1) * L).mul(c[c0 + k + 1]));
                a2 = a2.add(loadWidened(x, off + (k + 2) * L).mul(c[c0 + k + 2]));
                a3 = a3.add(loadWidened(x, off + (k + 3) * L).mul(c[c0 + k + 3]));
            }
        }
        // tail: up to three coordinates
        for (; k < d; k++) {
            a0 = a0.add(loadWidened(x, off + k * L).mul(c[c0 + k]));
        }
        a0.add(a1).add(a2.add(a3)).intoArray(out, o);
    }

    /**
     * Evaluates one tile (Eqs. 5–7 with the stable softmax of docs/design.md §1) into slot 0 of
     * the workspace: scaled distances {@code u}, {@code m = min u}, {@code e = e^{−(u − m)}},
     * {@code e^{−m}}, {@code 1/Σe} and {@code f}; and {@code k = e^{−u}} directly when
     * {@code e^{−m}} may be subnormal ({@code ws.exactK[0]}), else {@code k_i = e_i e^{−m}} on the fly.
     */
    static void evaluateTile(float[] x, int off, Params q, Workspace ws) {
        squaredDistances(x, off, q.d(), q.centers(), q.m(), ws.u, 0);
        finishGroup(q, ws, 1);
    }

    /** The rest of the evaluation, for {@code slots} tiles whose squared distances are in {@code ws.u}. */
    private static void finishGroup(Params q, Workspace ws, int slots) {
        int ml = q.m() * L;
        // u ← u/2σ², m = min u per point, the arguments u − m of the softmax numerators, and their
        // largest value per point
        scaleAndMinimum(ws.u, ws.e, slots, q.m(), 1.0 / (2.0 * q.sigma() * q.sigma()), ws.minU, ws.spread);
        boolean normal = true;
        for (int s = 0; s < slots; s++) {
            boolean subnormal = false;
            boolean wide = false;
            for (int lane = 0; lane < L; lane++) {
                subnormal |= ws.minU[s * L + lane] > NORMAL_EXPONENT_LIMIT;
                wide |= ws.spread[s * L + lane] > NORMAL_EXPONENT_LIMIT;
            }
            ws.exactK[s] = subnormal;
            normal &= !subnormal && !wide;
        }
        if (normal) {
            // every argument in [−700, 0]: every result normal, one power-of-two factor (same bits)
            VectorSupport.expNormal(ws.e, 0, -1.0, ws.e, 0, slots * ml, ws.scratch);             // e_i
            VectorSupport.expNormal(ws.minU, 0, -1.0, ws.expMinusMin, 0, slots * L, ws.scratch); // e^{−m}
        } else {
            VectorSupport.exp(ws.e, 0, -1.0, ws.e, 0, slots * ml, ws.scratch);             // e_i = e^{−(u_i − m)}
            VectorSupport.exp(ws.minU, 0, -1.0, ws.expMinusMin, 0, slots * L, ws.scratch); // e^{−m}
            for (int s = 0; s < slots; s++) {
                if (ws.exactK[s]) {
                    VectorSupport.exp(ws.u, s * ml, -1.0, ws.k, s * ml, ml, ws.scratch);   // k_i = e^{−u_i}
                }
            }
        }
        combine(q, ws, slots);
    }

    /**
     * Per tile: {@code u ← u·scale}, {@code min[lane] = min_i u_i}, {@code shifted = u − min}
     * (negated, the exponent of {@code e_i}: {@code −(u − m)} is {@code m − u} exactly), and
     * {@code spread[lane] = max_i u_i − min}, the largest of them.
     */
    private static void scaleAndMinimum(double[] u, double[] shifted, int slots, int m, double scale, double[] min,
            double[] spread) {
        for (int s = 0; s < slots; s++) {
            int base = s * m * L;
            DoubleVector mn = DoubleVector.broadcast(DOUBLE, Double.POSITIVE_INFINITY);
            DoubleVector mx = DoubleVector.broadcast(DOUBLE, Double.NEGATIVE_INFINITY);
            for (int i = 0; i < m; i++) {
                DoubleVector v = DoubleVector.fromArray(DOUBLE, u, base + i * L).mul(scale);
                v.intoArray(u, base + i * L);
                mn = mn.min(v);
                mx = mx.max(v);
            }
            mn.intoArray(min, s * L);
            mx.sub(mn).intoArray(spread, s * L);
            for (int i = 0; i < m; i++) {
                DoubleVector.fromArray(DOUBLE, u, base + i * L).sub(mn).intoArray(shifted, base + i * L);
            }
        }
    }

    /** Per tile: {@code Σe}, its reciprocal, and {@code f = e^{−m} Σ a_i e_i² / Σe} (softmax) or {@code Σ a_i k_i}. */
    private static void combine(Params q, Workspace ws, int slots) {
        double[] amplitudes = q.amplitudes();
        int m = q.m();
        boolean softmax = q.softmax();
        for (int s = 0; s < slots; s++) {
            int base = s * m * L;
            DoubleVector sum = DoubleVector.zero(DOUBLE);
            DoubleVector acc = DoubleVector.zero(DOUBLE);
            DoubleVector em = DoubleVector.fromArray(DOUBLE, ws.expMinusMin, s * L);
            boolean exactK = ws.exactK[s];
            if (softmax) {
                for (int i = 0; i < m; i++) {
                    DoubleVector e = DoubleVector.fromArray(DOUBLE, ws.e, base + i * L);
                    sum = sum.add(e);
                    acc = acc.add(e.mul(e).mul(amplitudes[i]));
                }
            } else {
                for (int i = 0; i < m; i++) {
                    DoubleVector e = DoubleVector.fromArray(DOUBLE, ws.e, base + i * L);
                    sum = sum.add(e);
                    DoubleVector k = exactK ? DoubleVector.fromArray(DOUBLE, ws.k, base + i * L) : e.mul(em);
                    acc = acc.add(k.mul(amplitudes[i]));
                }
            }
            DoubleVector inv = DoubleVector.broadcast(DOUBLE, 1.0).div(sum);
            inv.intoArray(ws.invSumE, s * L);
            (softmax ? em.mul(acc).mul(inv) : acc).intoArray(ws.f, s * L);
        }
    }

    /** {@code out[o + i·L + lane] = ‖x_lane − μ_i‖²} for one tile, in double from float data. */
    static void squaredDistances(float[] x, int off, int d, double[] c, int m, double[] out, int o) {
        int i0 = 0;
        for (; i0 + 4 <= m; i0 += 4) {
            distancesFourKernels(x, off, d, c, i0 * d, out, o + i0 * L);
        }
        for (; i0 < m; i0++) {
            distancesOneKernel(x, off, d, c, i0 * d, out, o + i0 * L);
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
            a0 = FMA ? t.fma(t, a0) : t.mul(t).add(a0);
            t = x1.sub(c[c0 + k + 1]);
            b0 = FMA ? t.fma(t, b0) : t.mul(t).add(b0);
            t = x0.sub(c[c1 + k]);
            a1 = FMA ? t.fma(t, a1) : t.mul(t).add(a1);
            t = x1.sub(c[c1 + k + 1]);
            b1 = FMA ? t.fma(t, b1) : t.mul(t).add(b1);
            t = x0.sub(c[c2 + k]);
            a2 = FMA ? t.fma(t, a2) : t.mul(t).add(a2);
            t = x1.sub(c[c2 + k + 1]);
            b2 = FMA ? t.fma(t, b2) : t.mul(t).add(b2);
            t = x0.sub(c[c3 + k]);
            a3 = FMA ? t.fma(t, a3) : t.mul(t).add(a3);
            t = x1.sub(c[c3 + k + 1]);
            b3 = FMA ? t.fma(t, b3) : t.mul(t).add(b3);
        }
        // tail: odd d
        if (k < d) {
            DoubleVector x0 = loadWidened(x, off + k * L);
            DoubleVector t;
            t = x0.sub(c[c0 + k]);
            a0 = FMA ? t.fma(t, a0) : t.mul(t).add(a0);
            t = x0.sub(c[c1 + k]);
            a1 = FMA ? t.fma(t, a1) : t.mul(t).add(a1);
            t = x0.sub(c[c2 + k]);
            a2 = FMA ? t.fma(t, a2) : t.mul(t).add(a2);
            t = x0.sub(c[c3 + k]);
            a3 = FMA ? t.fma(t, a3) : t.mul(t).add(a3);
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
            a0 = FMA ? t.fma(t, a0) : t.mul(t).add(a0);
            t = loadWidened(x, off + (k + 1) * L).sub(c[c0 + k + 1]);
            a1 = FMA ? t.fma(t, a1) : t.mul(t).add(a1);
            t = loadWidened(x, off + (k + 2) * L).sub(c[c0 + k + 2]);
            a2 = FMA ? t.fma(t, a2) : t.mul(t).add(a2);
            t = loadWidened(x, off + (k + 3) * L).sub(c[c0 + k + 3]);
            a3 = FMA ? t.fma(t, a3) : t.mul(t).add(a3);
        }
        // tail: up to three coordinates
        for (; k < d; k++) {
            DoubleVector t = loadWidened(x, off + k * L).sub(c[c0 + k]);
            a0 = FMA ? t.fma(t, a0) : t.mul(t).add(a0);
        }
        a0.add(a1).add(a2.add(a3)).intoArray(out, o);
    }
}
