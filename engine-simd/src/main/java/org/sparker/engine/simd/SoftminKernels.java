package org.sparker.engine.simd;

import static org.sparker.engine.simd.VectorSupport.DOUBLE;
import static org.sparker.engine.simd.VectorSupport.LANES;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.Softmin;

/**
 * The stable soft-minimum (docs/design.md §9) on vectors: each row {@code i} is one pass over
 * {@code y} in lanes of {@link VectorSupport#LANES} columns (costs from coordinate differences,
 * with {@code y} transposed once per call), a vector maximum, {@link VectorSupport#exp} of the
 * shifted exponents, and a sum in lane order. Rows are independent, so the result of a row never
 * depends on the thread or block that computed it: bit-reproducible for any thread count.
 * Everything is in double; the only difference from the scalar oracle is the fused
 * multiply-add of the distance and the exponential's last bits.
 */
final class SoftminKernels {

    /** Rows per block handed to a worker. */
    static final int BLOCK_ROWS = 32;

    private SoftminKernels() {
    }

    static void points(WorkerPool pool, FloatMatrix x, FloatMatrix y, double[] h, double eps, double p,
            double[] out) {
        int n = x.rows();
        int m = y.rows();
        int d = x.cols();
        int mPad = pad(m);
        double[] yT = new double[d * mPad];
        float[] ys = y.data();
        for (int j = 0; j < m; j++) {
            for (int k = 0; k < d; k++) {
                yT[k * mPad + j] = ys[j * d + k];
            }
        }
        double[] hPad = paddedPotentials(h, m, mPad);
        float[] xs = x.data();
        int blocks = (n + BLOCK_ROWS - 1) / BLOCK_ROWS;
        boolean square = p == 2.0;
        boolean root = p == 1.0;
        pool.run(blocks, (b, ws) -> {
            ws.ensureSoftmin(mPad);
            double[] s = ws.softS;
            for (int i = b * BLOCK_ROWS, end = Math.min(n, i + BLOCK_ROWS); i < end; i++) {
                DoubleVector vmax = DoubleVector.broadcast(DOUBLE, Double.NEGATIVE_INFINITY);
                for (int j = 0; j < mPad; j += LANES) {
                    DoubleVector acc = DoubleVector.zero(DOUBLE);
                    for (int k = 0; k < d; k++) {
                        DoubleVector diff = DoubleVector.fromArray(DOUBLE, yT, k * mPad + j).sub(xs[i * d + k]);
                        acc = VectorSupport.FMA ? diff.fma(diff, acc) : diff.mul(diff).add(acc);
                    }
                    DoubleVector cost;
                    if (square) {
                        cost = acc;
                    } else if (root) {
                        cost = acc.sqrt();
                    } else {
                        acc.intoArray(s, j);
                        for (int l = 0; l < LANES; l++) {
                            s[j + l] = Softmin.fromSquared(s[j + l], p);
                        }
                        cost = DoubleVector.fromArray(DOUBLE, s, j);
                    }
                    DoubleVector sv = DoubleVector.fromArray(DOUBLE, hPad, j).sub(cost).div(eps);
                    sv.intoArray(s, j);
                    vmax = vmax.max(sv);
                }
                out[i] = finish(ws, mPad, vmax, eps);
            }
        });
    }

    static void matrix(WorkerPool pool, double[] cost, int n, int m, double[] h, double eps, double[] out) {
        int mPad = pad(m);
        double[] hPad = paddedPotentials(h, m, mPad);
        int full = m - m % LANES;
        int blocks = (n + BLOCK_ROWS - 1) / BLOCK_ROWS;
        pool.run(blocks, (b, ws) -> {
            ws.ensureSoftmin(mPad);
            double[] s = ws.softS;
            for (int i = b * BLOCK_ROWS, end = Math.min(n, i + BLOCK_ROWS); i < end; i++) {
                DoubleVector vmax = DoubleVector.broadcast(DOUBLE, Double.NEGATIVE_INFINITY);
                int row = i * m;
                for (int j = 0; j < full; j += LANES) {
                    DoubleVector sv = DoubleVector.fromArray(DOUBLE, hPad, j)
                            .sub(DoubleVector.fromArray(DOUBLE, cost, row + j)).div(eps);
                    sv.intoArray(s, j);
                    vmax = vmax.max(sv);
                }
                if (full < m) {
                    for (int j = full; j < mPad; j++) {
                        s[j] = j < m ? (h[j] - cost[row + j]) / eps : Double.NEGATIVE_INFINITY;
                    }
                    vmax = vmax.max(DoubleVector.fromArray(DOUBLE, s, full));
                }
                out[i] = finish(ws, mPad, vmax, eps);
            }
        });
    }

    /** {@code −ε (M + log Σ_j e^{s_j − M})} over {@code ws.softS[0 … mPad)}, summed in lane order. */
    private static double finish(Workspace ws, int mPad, DoubleVector vmax, double eps) {
        double max = vmax.reduceLanes(jdk.incubator.vector.VectorOperators.MAX); // exact in any order
        if (max == Double.NEGATIVE_INFINITY) {
            return Double.POSITIVE_INFINITY; // every cost overflowed, as in the oracle
        }
        double[] s = ws.softS;
        for (int j = 0; j < mPad; j += LANES) {
            DoubleVector.fromArray(DOUBLE, s, j).sub(max).intoArray(s, j);
        }
        VectorSupport.exp(s, 0, 1.0, ws.softE, 0, mPad, ws.softScratch);
        DoubleVector acc = DoubleVector.zero(DOUBLE);
        for (int j = 0; j < mPad; j += LANES) {
            acc = acc.add(DoubleVector.fromArray(DOUBLE, ws.softE, j));
        }
        acc.intoArray(ws.lane, 0);
        double sum = 0;
        for (int l = 0; l < LANES; l++) {
            sum += ws.lane[l];
        }
        return -eps * (max + Math.log(sum));
    }

    private static int pad(int m) {
        return (m + LANES - 1) / LANES * LANES;
    }

    /** {@code h} with {@code −∞} (no mass) in the padding columns. */
    private static double[] paddedPotentials(double[] h, int m, int mPad) {
        double[] hPad = Arrays.copyOf(h, mPad);
        Arrays.fill(hPad, m, mPad, Double.NEGATIVE_INFINITY);
        return hPad;
    }
}
