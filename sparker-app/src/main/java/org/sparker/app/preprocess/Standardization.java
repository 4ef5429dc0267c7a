package org.sparker.app.preprocess;

import java.util.Arrays;

import org.sparker.engine.FloatMatrix;

/**
 * A per-coordinate affine change of units, {@code x' = (x − mean) / scale}, fitted on the
 * test's reference sample (and, by {@link PerToyStandardization}, on each calibration toy's) and
 * applied to both samples of the test and to every point a model scores.
 * Real tables mix units (a length in mm beside a ratio); an isotropic kernel sees only the
 * coordinate of largest spread unless they are put on a common scale first. Models trained on
 * standardized points keep their centres in standardized units; {@link #toInputUnits} gives them
 * back in the user's.
 *
 * @param mean per-coordinate mean of the reference
 * @param scale per-coordinate standard deviation of the reference (1 where it is 0)
 */
public record Standardization(double[] mean, double[] scale) {

    public Standardization {
        if (mean == null || scale == null || mean.length != scale.length || mean.length == 0) {
            throw new IllegalArgumentException("standardization: mean and scale must have the same, positive length");
        }
        for (int k = 0; k < mean.length; k++) {
            if (!Double.isFinite(mean[k]) || !(scale[k] > 0) || !Double.isFinite(scale[k])) {
                throw new IllegalArgumentException("standardization: coordinate " + k + " has mean " + mean[k]
                        + " and scale " + scale[k] + "; the mean must be finite and the scale positive and finite");
            }
        }
        mean = mean.clone();
        scale = scale.clone();
    }

    /**
     * The mean and standard deviation (population) of each column over the rows of all of
     * {@code samples} taken together, in double.
     */
    public static Standardization of(FloatMatrix... samples) {
        int d = samples[0].cols();
        long n = 0;
        for (FloatMatrix s : samples) {
            if (s.cols() != d) {
                throw new IllegalArgumentException("standardization: samples of " + d + " and " + s.cols() + " coordinates");
            }
            n += s.rows();
        }
        if (n < 1) {
            throw new IllegalArgumentException("standardization: the reference has no points");
        }
        double[] mean = new double[d];
        for (FloatMatrix s : samples) {
            float[] x = s.data();
            for (int p = 0; p < s.rows(); p++) {
                for (int k = 0; k < d; k++) {
                    mean[k] += x[p * d + k];
                }
            }
        }
        for (int k = 0; k < d; k++) {
            mean[k] /= n;
        }
        double[] var = new double[d];
        for (FloatMatrix s : samples) {
            float[] x = s.data();
            for (int p = 0; p < s.rows(); p++) {
                for (int k = 0; k < d; k++) {
                    double dev = x[p * d + k] - mean[k];
                    var[k] += dev * dev;
                }
            }
        }
        double[] scale = new double[d];
        for (int k = 0; k < d; k++) {
            double s = Math.sqrt(var[k] / n);
            scale[k] = s > 0 ? s : 1.0; // a constant coordinate: leave its units alone
        }
        return new Standardization(mean, scale);
    }

    /** The dimension. */
    public int dimension() {
        return mean.length;
    }

    /** {@code (x − mean) / scale} of every point, rounded to float. */
    public FloatMatrix apply(FloatMatrix points) {
        int d = points.cols();
        if (d != mean.length) {
            throw new IllegalArgumentException("standardization: fitted on " + mean.length
                    + " coordinates, the points have " + d);
        }
        float[] in = points.data();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            int k = i % d;
            out[i] = (float) ((in[i] - mean[k]) / scale[k]);
        }
        return FloatMatrix.wrap(out, points.rows(), d);
    }

    /** A point (a centre, say) given in standardized units, back in the input's: {@code mean + scale · y}. */
    public double[] toInputUnits(double[] standardized) {
        double[] y = new double[standardized.length];
        for (int k = 0; k < y.length; k++) {
            y[k] = mean[k] + scale[k] * standardized[k];
        }
        return y;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardization s && Arrays.equals(mean, s.mean) && Arrays.equals(scale, s.scale);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(scale);
    }
}
