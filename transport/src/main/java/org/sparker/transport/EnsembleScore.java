package org.sparker.transport;

/**
 * How an event's distances to the representative background events become one anomaly score
 * (Fraser et al., Table 2): the distance to the pixelwise mean of the reference, or the smallest or
 * the sum of the distances to the medoids.
 */
public enum EnsembleScore {
    /** {@code d(x, Ī)} with {@code Ī} the pixelwise reference mean. */
    AVG,
    /** {@code min_m d(x, m)}. */
    MIN,
    /** {@code Σ_m d(x, m)}. */
    SUM;

    /** Combines the distances to the medoids ({@link #MIN}, {@link #SUM}). */
    public double combine(double[] distances) {
        if (this == AVG) {
            throw new IllegalStateException("AVG scores against the mean image, not the medoids");
        }
        double acc = this == MIN ? Double.POSITIVE_INFINITY : 0;
        for (double d : distances) {
            acc = this == MIN ? Math.min(acc, d) : acc + d;
        }
        return acc;
    }

    /** Parses {@code avg}, {@code min} or {@code sum}. */
    public static EnsembleScore parse(String s) {
        return switch (s == null ? "" : s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "avg", "mean" -> AVG;
            case "min" -> MIN;
            case "sum" -> SUM;
            default -> throw new IllegalArgumentException("combine: expected avg, min or sum, got '" + s + "'");
        };
    }
}
