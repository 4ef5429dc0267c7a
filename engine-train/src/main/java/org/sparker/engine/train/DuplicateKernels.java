package org.sparker.engine.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Kernels that ended on one centre: the rule the result file, the report and the trainer's
 * {@link TrainerConfig#reseedDuplicates() reseeding} share. Two centres closer than
 * {@value #WIDTHS} widths are one kernel; groups are the single-linkage closure of that relation.
 */
public final class DuplicateKernels {

    /** Two centres closer than this many widths σ are one kernel. */
    public static final double WIDTHS = 0.1;

    private DuplicateKernels() {
    }

    /**
     * The groups of kernels (numbered from 0, each group in increasing order, groups in the order
     * of their first member) whose centres lie within {@value #WIDTHS} σ of each other, each of two
     * or more; empty when every centre is its own.
     *
     * @param centers row-major {@code M×d} centres
     * @param d the dimension
     * @param sigma the width σ
     */
    public static List<List<Integer>> groups(double[] centers, int d, double sigma) {
        int k = centers.length / d;
        int[] group = new int[k];
        for (int i = 0; i < k; i++) {
            group[i] = i;
        }
        double limit = WIDTHS * sigma;
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    double diff = centers[i * d + c] - centers[j * d + c];
                    s += diff * diff;
                }
                if (Math.sqrt(s) < limit) {
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
}
