package org.sparker.app.bench;

import java.util.Arrays;

/**
 * The distribution of one figure over the rounds of a benchmark: median, 10th and 90th
 * percentiles (linear interpolation between order statistics), minimum and maximum.
 */
public record Spread(double median, double p10, double p90, double min, double max, int rounds) {

    /** The spread of {@code values} (one per round). */
    public static Spread of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("spread: no values");
        }
        double[] s = values.clone();
        Arrays.sort(s);
        return new Spread(quantile(s, 0.5), quantile(s, 0.1), quantile(s, 0.9), s[0], s[s.length - 1], s.length);
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** {@code max / min − 1}: how far apart the best and worst round are. */
    public double relativeRange() {
        return min > 0 ? max / min - 1 : Double.NaN;
    }

}
