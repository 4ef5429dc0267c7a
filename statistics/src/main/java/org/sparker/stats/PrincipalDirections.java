package org.sparker.stats;

import java.util.SplittableRandom;

/**
 * The leading principal directions of a sample: unit vectors along which its centred points vary
 * most, found by power iteration on the centred data (each direction orthogonalised against the
 * ones before it; {@value #ITERATIONS} iterations of {@code O(n d)} each, no {@code d × d} matrix),
 * for projections that show a high-dimensional sample in two dimensions.
 *
 * @param mean the sample's mean
 * @param directions the unit directions, the most varying first
 */
public record PrincipalDirections(double[] mean, double[][] directions) {

    /** Power iterations per direction. */
    public static final int ITERATIONS = 60;

    /**
     * The first {@code count} principal directions of the {@code n × d} row-major points {@code x},
     * from a seeded random start (the same sample gives the same directions).
     */
    public static PrincipalDirections of(float[] x, int n, int d, int count, long seed) {
        double[] mean = new double[d];
        for (int p = 0; p < n; p++) {
            for (int k = 0; k < d; k++) {
                mean[k] += x[p * d + k] / (double) n;
            }
        }
        double[][] dirs = new double[count][];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int c = 0; c < count; c++) {
            double[] v = new double[d];
            for (int k = 0; k < d; k++) {
                v[k] = rnd.nextGaussian();
            }
            for (int it = 0; it < ITERATIONS; it++) {
                orthogonalise(v, dirs, c);
                normalise(v);
                double[] w = new double[d];
                for (int p = 0; p < n; p++) {
                    double proj = 0;
                    for (int k = 0; k < d; k++) {
                        proj += (x[p * d + k] - mean[k]) * v[k];
                    }
                    for (int k = 0; k < d; k++) {
                        w[k] += proj * (x[p * d + k] - mean[k]);
                    }
                }
                v = w;
            }
            orthogonalise(v, dirs, c);
            normalise(v);
            dirs[c] = v;
        }
        return new PrincipalDirections(mean, dirs);
    }

    /** The coordinate of point {@code v} (of dimension d) along direction {@code c}, after centring. */
    public double project(double[] v, int c) {
        double s = 0;
        for (int k = 0; k < mean.length; k++) {
            s += (v[k] - mean[k]) * directions[c][k];
        }
        return s;
    }

    private static void orthogonalise(double[] v, double[][] before, int count) {
        for (int j = 0; j < count; j++) {
            double dot = 0;
            for (int k = 0; k < v.length; k++) {
                dot += v[k] * before[j][k];
            }
            for (int k = 0; k < v.length; k++) {
                v[k] -= dot * before[j][k];
            }
        }
    }

    private static void normalise(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e * e;
        }
        s = Math.sqrt(s);
        if (s > 0) {
            for (int k = 0; k < v.length; k++) {
                v[k] /= s;
            }
        }
    }
}
