package org.sparker.engine;

/**
 * The accuracy contract between backends (docs/design.md §6), in one place. The scalar reference
 * backend computes in double precision and is the oracle; a float backend must agree with it on
 * the property-test domain ({@code d ≤ 1024}, {@code M ≤ 64}, {@code |x| ≤ 1e3}, {@code σ} from
 * 1e-3 to 1e3 of the data scale) within
 *
 * <pre>
 *   |actual − expected| ≤ RELATIVE · |expected| + ABSOLUTE_FLOOR · scale
 * </pre>
 *
 * for {@code f}, the loss and each gradient component, where {@code scale} is the magnitude of
 * the quantity being compared (for a vector: its largest absolute component; for a loss: the
 * sum of the absolute per-point terms).
 */
public final class Tolerances {

    /** Relative error allowed on {@code f}, the loss and each gradient component. */
    public static final double RELATIVE = 1e-4;
    /** Absolute floor, as a fraction of the compared quantity's scale. */
    public static final double ABSOLUTE_FLOOR = 1e-6;

    private Tolerances() {
    }

    /** Whether {@code actual} agrees with {@code expected} at the given scale. */
    public static boolean agrees(double expected, double actual, double scale) {
        if (Double.isNaN(actual) || Double.isNaN(expected)) {
            return false;
        }
        if (expected == actual) {
            return true; // includes equal infinities
        }
        return Math.abs(actual - expected) <= allowance(expected, scale);
    }

    /** The largest difference {@link #agrees} allows between {@code expected} and a candidate at {@code scale}. */
    public static double allowance(double expected, double scale) {
        return RELATIVE * Math.abs(expected) + ABSOLUTE_FLOOR * Math.abs(scale);
    }

    /** The largest absolute value of {@code v[0 .. n)}: the scale of a vector. */
    public static double scaleOf(double[] v, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s = Math.max(s, Math.abs(v[i]));
        }
        return s;
    }
}
