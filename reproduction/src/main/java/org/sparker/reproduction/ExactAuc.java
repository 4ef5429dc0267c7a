package org.sparker.reproduction;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * AUCs of a score between the coordinate-invariance signal and background laws by quadrature instead of
 * sampling: the midpoint rule over a grid of x (d = 1) or of (x1, x2) (d = 2), each cell weighted
 * by both densities, and the Mann–Whitney sum over cells sorted by score, ties counted ½. The
 * spec's values (0.635460, 0.248668, 0.174783, …) come out to a few 1e-6 at the default grids.
 */
public final class ExactAuc {

    private ExactAuc() {
    }

    /** P(s(X_s) > s(X_b)) + ½ P(=) for X_b ~ N(0,1), X_s ~ N(shift,1), on {@code cells} midpoints of [−12, 12 + shift]. */
    public static double oneDimensional(DoubleUnaryOperator score, double shift, int cells) {
        double lo = -12;
        double hi = 12 + shift;
        double h = (hi - lo) / cells;
        double[] s = new double[cells];
        double[] wb = new double[cells];
        double[] ws = new double[cells];
        for (int i = 0; i < cells; i++) {
            double x = lo + (i + 0.5) * h;
            s[i] = score.applyAsDouble(x);
            wb[i] = Math.exp(-0.5 * x * x);
            ws[i] = Math.exp(-0.5 * (x - shift) * (x - shift));
        }
        return sorted(s, wb, ws);
    }

    /** The same for d = 2 on a {@code cells × cells} grid of [−8, 8 + shift]². */
    public static double twoDimensional(DoubleBinaryOperator score, double shift, int cells) {
        double lo = -8;
        double hi = 8 + shift;
        double h = (hi - lo) / cells;
        int n = cells * cells;
        double[] s = new double[n];
        double[] wb = new double[n];
        double[] ws = new double[n];
        double[] gb = new double[cells];
        double[] gs = new double[cells];
        for (int i = 0; i < cells; i++) {
            double x = lo + (i + 0.5) * h;
            gb[i] = Math.exp(-0.5 * x * x);
            gs[i] = Math.exp(-0.5 * (x - shift) * (x - shift));
        }
        for (int i = 0; i < cells; i++) {
            double x1 = lo + (i + 0.5) * h;
            for (int j = 0; j < cells; j++) {
                double x2 = lo + (j + 0.5) * h;
                int q = i * cells + j;
                s[q] = score.applyAsDouble(x1, x2);
                wb[q] = gb[i] * gb[j];
                ws[q] = gs[i] * gs[j];
            }
        }
        return sorted(s, wb, ws);
    }

    /** Σ_s w_s (W_b below + ½ W_b tied), normalised, over cells sorted by score. */
    private static double sorted(double[] s, double[] wb, double[] ws) {
        int n = s.length;
        // sort cell indices by score without boxing: sortable bits of the score, index alongside
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            long bits = Double.doubleToLongBits(s[i] == 0.0 ? 0.0 : s[i]);
            keys[i] = bits >= 0 ? bits : bits ^ Long.MAX_VALUE; // monotone in the value
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Long.compare(keys[p], keys[q]));
        double totalB = 0;
        double totalS = 0;
        for (int i = 0; i < n; i++) {
            totalB += wb[i];
            totalS += ws[i];
        }
        double below = 0;
        double auc = 0;
        for (int a = 0; a < n;) {
            int b = a;
            double tieB = 0;
            double tieS = 0;
            while (b < n && keys[order[b]] == keys[order[a]]) {
                tieB += wb[order[b]];
                tieS += ws[order[b]];
                b++;
            }
            auc += tieS * (below + 0.5 * tieB);
            below += tieB;
            a = b;
        }
        return auc / (totalB * totalS);
    }
}
