package org.sparker.app.bench;

/**
 * A benchmark shape: {@code N} points in {@code d} dimensions (split 10:1 into reference and
 * data, as the paper's applications), {@code M} kernels.
 */
public record Shape(int points, int dimension, int kernels) {

    public Shape {
        if (points < 2 || dimension < 1 || kernels < 1) {
            throw new IllegalArgumentException("shape " + points + "," + dimension + "," + kernels
                    + ": need N ≥ 2, d ≥ 1, M ≥ 1");
        }
        if ((long) points * dimension > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("shape " + points + "," + dimension + "," + kernels + ": N × d = "
                    + (long) points * dimension + " values do not fit in one Java array (at most "
                    + (Integer.MAX_VALUE - 64) + ")");
        }
    }

    /** Parses {@code N,d,M} (or {@code NxdxM}). */
    public static Shape parse(String s) {
        String[] p = s.trim().split("[,x]");
        if (p.length != 3) {
            throw new IllegalArgumentException("shape '" + s + "': expected N,d,M (three whole numbers)");
        }
        try {
            return new Shape(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()), Integer.parseInt(p[2].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shape '" + s + "': expected N,d,M (three whole numbers)");
        }
    }

    /**
     * The fused multiply-adds a training step cannot avoid: the distances ({@code N·M·d}) and the
     * centre-gradient sweep ({@code N·M·d}); the compute ceiling divides these by the host's FMA rate.
     */
    public long fmasPerStep() {
        return 2L * points * kernels * dimension;
    }

    /** Bytes of point data one training step streams: the {@code N × d} floats. */
    public long pointBytes() {
        return 4L * points * dimension;
    }

    /**
     * Floating-point operations per point of one fused step, counting an FMA as two: the
     * distances ({@code x − μ} and an FMA: 3 per coordinate and kernel) and the centre-gradient
     * sweep (one FMA: 2 per coordinate and kernel), plus about 40 per kernel for the exponential,
     * the softmax and the per-point factors.
     */
    public long flopsPerPoint() {
        return 5L * kernels * dimension + 40L * kernels;
    }

    /** Flops per byte of point data: above the machine balance the step is compute-bound. */
    public double arithmeticIntensity() {
        return (double) flopsPerPoint() / (4.0 * dimension);
    }

    @Override
    public String toString() {
        return points + "," + dimension + "," + kernels;
    }
}
