package org.sparker.app;

import java.util.List;

import org.sparker.engine.FloatMatrix;
import org.sparker.engine.KernelModel;
import org.sparker.engine.train.DuplicateKernels;

/**
 * What a trained model's kernels say about themselves, for the result file and the report:
 * kernels that ended on one centre (duplicates), and kernels that sit where the reference has no
 * points.
 */
public final class KernelNotes {

    /** Two centres closer than this many widths are one kernel ({@link DuplicateKernels#WIDTHS}). */
    public static final double DUPLICATE_WIDTHS = DuplicateKernels.WIDTHS;

    /** A centre farther than this many widths from every reference point lies outside the reference. */
    public static final double OUTSIDE_WIDTHS = 3;

    private KernelNotes() {
    }

    /**
     * The groups of kernels (numbered from 0) whose centres lie within {@value #DUPLICATE_WIDTHS} σ
     * of each other (single-linkage), each group of two or more; empty when every centre is its own.
     */
    public static List<List<Integer>> duplicates(KernelModel m) {
        return DuplicateKernels.groups(m.centers(), m.dimension(), m.width());
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
}
