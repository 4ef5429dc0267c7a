package org.sparker.stats;

import java.util.Arrays;

/**
 * The area under the ROC curve as the Mann–Whitney statistic with mid-ranks: the probability
 * that a signal event scores above a background event, a tie counting ½. Higher scores mean
 * more anomalous.
 */
public final class Auc {

    private Auc() {
    }

    /**
     * The AUC of {@code signal} scores against {@code background} scores ({@code O((n+m) log(n+m))}).
     *
     * @throws IllegalArgumentException if either set is empty or holds a NaN
     */
    public static double midrank(double[] signal, double[] background) {
        if (signal == null || signal.length == 0 || background == null || background.length == 0) {
            throw new IllegalArgumentException("AUC: needs at least one signal and one background score");
        }
        int n = signal.length;
        int m = background.length;
        double[] all = new double[n + m];
        boolean[] isSignal = new boolean[n + m];
        Integer[] order = new Integer[n + m];
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(signal[i])) {
                throw new IllegalArgumentException("AUC: signal score " + i + " is NaN");
            }
            all[i] = signal[i];
            isSignal[i] = true;
        }
        for (int j = 0; j < m; j++) {
            if (Double.isNaN(background[j])) {
                throw new IllegalArgumentException("AUC: background score " + j + " is NaN");
            }
            all[n + j] = background[j];
        }
        for (int i = 0; i < n + m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Double.compare(all[p], all[q]));
        double rankSum = 0;
        for (int s = 0; s < n + m;) {
            int e = s;
            while (e + 1 < n + m && all[order[e + 1]] == all[order[s]]) {
                e++;
            }
            double mid = 0.5 * (s + e) + 1; // ranks start at 1
            for (int q = s; q <= e; q++) {
                if (isSignal[order[q]]) {
                    rankSum += mid;
                }
            }
            s = e + 1;
        }
        return (rankSum - (double) n * (n + 1) / 2) / ((double) n * m); // in double: n (n + 1) overflows an int from n = 46,341
    }
}
