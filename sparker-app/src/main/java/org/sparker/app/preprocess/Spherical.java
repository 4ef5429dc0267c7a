package org.sparker.app.preprocess;

import java.util.Arrays;
import java.util.Locale;

import org.sparker.engine.FloatMatrix;

/**
 * Hyperspherical coordinates about a centre {@code c} ({@code --spherical}): a point {@code x} of
 * {@code d ≥ 2} coordinates becomes its radius and {@code d − 1} angles,
 *
 * <pre>
 *   r   = |x − c|
 *   φ_k = atan2(|(u_{k+1}, …, u_d)|, u_k)   for k = 1 … d − 2, in [0, π]
 *   φ_{d−1} = atan2(u_d, u_{d−1})           in (−π, π]
 * </pre>
 *
 * with {@code u = x − c}. It is the coordinate system in which latents that concentrate on a shell
 * (a VAE's, under its Gaussian prior) have one coordinate for the shell and the rest for the
 * direction: the subject of <i>VAE with Hyperspherical Coordinates: Improving Anomaly Detection from
 * Hypervolume-Compressed Latent Space</i> (arXiv:2601.18823). The map is one to one away from the
 * axis {@code u_{d−1} = u_d = 0} (where the angles after the first zero component are 0 by
 * convention, as {@code atan2(0, 0)} gives), so a likelihood ratio, which SparKer learns, is the
 * same in either coordinate system; the Jacobian below cancels from it. Densities are not: the
 * density of the coordinates is the input's times {@code exp(−logAbsJacobian)}.
 *
 * <p>The last angle is periodic: a kernel near {@code ±π} does not see the points just across the
 * cut. The radius and the polar angles carry what concentrates in high dimension (the shell's
 * radius, the "equators" where the first angles sit near π/2).
 *
 * @param center {@code c}, of the input's dimension
 */
public record Spherical(double[] center) implements java.io.Serializable {

    /** Where {@code c} comes from. */
    public enum Center {
        /** The reference's mean (per calibration toy, the toy's reference's): for embeddings. */
        MEAN,
        /** The origin: for latents whose prior is centred there. */
        ORIGIN;

        /** The spelling of {@code --spherical}. */
        public String spelling() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** {@code mean} or {@code origin}. */
        public static Center parse(String s) {
            for (Center c : values()) {
                if (c.spelling().equals(s == null ? null : s.trim().toLowerCase(Locale.ROOT))) {
                    return c;
                }
            }
            throw new IllegalArgumentException("spherical: the centre must be mean or origin, got '" + s + "'");
        }
    }

    public Spherical {
        if (center.length < 2) {
            throw new IllegalArgumentException("spherical: hyperspherical coordinates need at least 2 coordinates, "
                    + "the points have " + center.length);
        }
        for (double v : center) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("spherical: the centre holds " + v);
            }
        }
    }

    /** The coordinates about {@code reference}'s mean, or the origin, of its dimension. */
    public static Spherical fit(FloatMatrix reference, Center center) {
        int n = reference.rows();
        int d = reference.cols();
        double[] c = new double[d];
        if (center == Center.MEAN) {
            float[] x = reference.data();
            for (int p = 0; p < n; p++) {
                for (int j = 0; j < d; j++) {
                    c[j] += x[p * d + j];
                }
            }
            for (int j = 0; j < d; j++) {
                c[j] /= n;
            }
        }
        return new Spherical(c);
    }

    /** The input's dimension, also the coordinates' (one radius, {@code d − 1} angles). */
    public int dimension() {
        return center.length;
    }

    /** The rows of {@code x} in hyperspherical coordinates: {@code (r, φ_1, …, φ_{d−1})} per row. */
    public FloatMatrix apply(FloatMatrix x) {
        int d = center.length;
        if (x.cols() != d) {
            throw new IllegalArgumentException("spherical: the centre has " + d + " coordinates, the points have "
                    + x.cols());
        }
        int n = x.rows();
        float[] in = x.data();
        float[] out = new float[in.length];
        double[] u = new double[d];
        double[] y = new double[d];
        for (int p = 0; p < n; p++) {
            for (int j = 0; j < d; j++) {
                u[j] = in[p * d + j] - center[j];
            }
            toSpherical(u, y);
            for (int j = 0; j < d; j++) {
                out[p * d + j] = (float) y[j];
            }
        }
        return FloatMatrix.wrap(out, n, d);
    }

    /** {@code (r, φ)} of the offset {@code u} into {@code y}. */
    static void toSpherical(double[] u, double[] y) {
        int d = u.length;
        // tail[k] = |(u_k, …, u_d)|, summed from the end; scaled by the largest magnitude so that
        // neither tiny nor huge components under- or overflow when squared
        double scale = 0;
        for (double v : u) {
            scale = Math.max(scale, Math.abs(v));
        }
        if (scale == 0) {
            Arrays.fill(y, 0);
            return;
        }
        double tailSquared = 0;
        double[] tail = new double[d];
        for (int k = d - 1; k >= 0; k--) {
            double v = u[k] / scale;
            tailSquared += v * v;
            tail[k] = Math.sqrt(tailSquared);
        }
        y[0] = tail[0] * scale;
        for (int k = 0; k < d - 2; k++) {
            y[k + 1] = Math.atan2(tail[k + 1], u[k] / scale);
        }
        y[d - 1] = Math.atan2(u[d - 1], u[d - 2]);
    }

    /** A point of hyperspherical coordinates {@code (r, φ_1, …, φ_{d−1})} back in the input's. */
    public double[] toInputUnits(double[] y) {
        int d = center.length;
        double[] x = new double[d];
        double s = y[0];
        for (int k = 0; k < d - 1; k++) {
            x[k] = center[k] + s * Math.cos(y[k + 1]);
            s *= Math.sin(y[k + 1]);
        }
        x[d - 1] = center[d - 1] + s;
        return x;
    }

    /**
     * {@code log |det ∂(r, φ)/∂x|} at {@code x}: {@code −(d − 1) log r − Σ_{k=1}^{d−2} (d − 1 − k) log sin φ_k},
     * the inverse of the volume element {@code r^{d−1} Π sin^{d−1−k} φ_k}. At the centre and on the
     * axes where a polar angle is 0 or π the map is singular and this is {@code +∞}.
     */
    public double logAbsJacobian(double[] x) {
        int d = center.length;
        double[] u = new double[d];
        for (int j = 0; j < d; j++) {
            u[j] = x[j] - center[j];
        }
        double[] y = new double[d];
        toSpherical(u, y);
        double volume = (d - 1) * Math.log(y[0]);
        for (int k = 1; k <= d - 2; k++) {
            volume += (d - 1 - k) * Math.log(Math.sin(y[k]));
        }
        return -volume;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Spherical s && Arrays.equals(center, s.center);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(center);
    }

    @Override
    public String toString() {
        return "Spherical[" + center.length + "]";
    }
}
