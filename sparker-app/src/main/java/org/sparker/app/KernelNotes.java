package org.sparker.app;

import java.util.ArrayList;
import java.util.List;

import org.sparker.engine.FloatMatrix;
import org.sparker.engine.KernelModel;

/**
 * What a trained model's kernels say about themselves, for the result file and the report:
 * kernels that ended on one centre (duplicates), and kernels that sit where the reference has no
 * points.
 */
public final class KernelNotes {

    /** Two centres closer than this many widths are one kernel. */
    public static final double DUPLICATE_WIDTHS = 0.1;

    /** A centre farther than this many widths from every reference point lies outside the reference. */
    public static final double OUTSIDE_WIDTHS = 3;

    private KernelNotes() {
    }

    /**
     * The groups of kernels (numbered from 0) whose centres lie within {@value #DUPLICATE_WIDTHS} σ
     * of each other (single-linkage), each group of two or more; empty when every centre is its own.
     */
    public static List<List<Integer>> duplicates(KernelModel m) {
        int k = m.kernels();
        int[] group = new int[k];
        for (int i = 0; i < k; i++) {
            group[i] = i;
        }
        double limit = DUPLICATE_WIDTHS * m.width();
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                if (distance(m.center(i), m.center(j)) < limit) {
                    int from = group[j];
                    int to = group[i];
                    for (int q = 0; q < k; q++) {
                        if (group[q] == from) {
                            group[q] = to;
                        }
                    }
                }
            }
        }
        List<List<Integer>> out = new ArrayList<>();
        for (int g = 0; g < k; g++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                if (group[i] == g) {
                    members.add(i);
                }
            }
            if (members.size() > 1) {
                out.add(List.copyOf(members));
            }
        }
        return List.copyOf(out);
    }

    /** Each kernel's distance to its nearest point of {@code reference}, in units of the model's width. */
    public static double[] nearestReference(KernelModel m, FloatMatrix reference) {
        int d = m.dimension();
        double[] best = new double[m.kernels()];
        java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
        float[] x = reference.data();
        for (int p = 0; p < reference.rows(); p++) {
            for (int i = 0; i < best.length; i++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    double diff = x[p * d + c] - m.center(i, c);
                    s += diff * diff;
                }
                best[i] = Math.min(best[i], s);
            }
        }
        for (int i = 0; i < best.length; i++) {
            best[i] = Math.sqrt(best[i]) / m.width();
        }
        return best;
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int c = 0; c < a.length; c++) {
            s += (a[c] - b[c]) * (a[c] - b[c]);
        }
        return Math.sqrt(s);
    }
}
