package org.sparker.stats;

import java.util.Arrays;

/**
 * Moran's spacing statistic (Cheng and Stephens, Biometrika 76, 1989), used in the paper's
 * Fig. 14 to measure how far 1D kernel positions are from uniform on {@code [lower, upper]}.
 * With sorted positions and the {@code m = n + 1} spacings {@code D_i} including both ends,
 * <pre>
 *   M = −Σ_i log(m D_i / (upper − lower))
 * </pre>
 * which is 0 for equal spacings and grows as the positions cluster. Coincident positions would
 * give {@code +∞}; spacings are floored at {@code 1e-12 (upper − lower)} to keep it finite.
 */
public final class MoranSpacing {

    private static final double EULER_GAMMA = 0.5772156649015329;

    private MoranSpacing() {
    }

    /** {@code M} of {@code positions} on {@code [lower, upper]}; positions outside are clamped to it. */
    public static double statistic(double[] positions, double lower, double upper) {
        if (!(upper > lower)) {
            throw new IllegalArgumentException("Moran spacing: need lower < upper, got " + lower + ", " + upper);
        }
        double[] x = positions.clone();
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(lower, Math.min(upper, x[i]));
        }
        Arrays.sort(x);
        int m = x.length + 1;
        double range = upper - lower;
        double floor = 1e-12 * range;
        double sum = 0;
        double previous = lower;
        for (int i = 0; i <= x.length; i++) {
            double next = i < x.length ? x[i] : upper;
            sum -= Math.log(m * Math.max(next - previous, floor) / range);
            previous = next;
        }
        return sum;
    }

    /**
     * Asymptotic mean of {@code M} for {@code n} uniform positions, {@code m = n + 1}:
     * {@code mγ − ½ − 1/(12m)}. (Cheng and Stephens give {@code m(ln m + γ) − ½ − 1/(12m)} for
     * {@code −Σ log D_i}; our normalisation by {@code m} subtracts {@code m ln m}.)
     */
    public static double uniformMean(int n) {
        int m = n + 1;
        return m * EULER_GAMMA - 0.5 - 1.0 / (12.0 * m);
    }

    /** Asymptotic variance of {@code M} for {@code n} uniform positions: {@code m(π²/6 − 1) − ½ − 1/(6m)}. */
    public static double uniformVariance(int n) {
        int m = n + 1;
        return m * (Math.PI * Math.PI / 6 - 1) - 0.5 - 1.0 / (6.0 * m);
    }
}
