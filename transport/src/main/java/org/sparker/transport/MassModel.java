package org.sparker.transport;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * {@code p(m)} restricted to the signal region, from which RAD-OT draws the mass each template
 * event is interpolated to (seed 002, Algorithm 1 step 4): a Gaussian kernel density estimate of
 * the observed SR masses (Silverman's bandwidth {@code 0.9 min(sd, IQR/1.34) n^{−1/5}}), sampled
 * by picking an observed mass and adding kernel noise, redrawn until it falls inside the SR. The
 * SR masses are observed even where the background under them is not; a small signal fraction
 * moves them little.
 */
public final class MassModel {

    private final double[] masses;
    private final double bandwidth;
    private final RadOt.Window window;

    private MassModel(double[] masses, double bandwidth, RadOt.Window window) {
        this.masses = masses;
        this.bandwidth = bandwidth;
        this.window = window;
    }

    /** A KDE of the masses in {@code column} of {@code events} that fall inside {@code sr}. */
    public static MassModel kde(double[] events, int n, int columns, int massColumn, RadOt.Window sr) {
        int count = 0;
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            double v = events[i * columns + massColumn];
            if (sr.contains(v)) {
                m[count++] = v;
            }
        }
        if (count < 2) {
            throw new IllegalArgumentException("sr: needs at least 2 events in the signal region " + sr.low() + ":"
                    + sr.high() + " for its mass density, found " + count);
        }
        double[] s = Arrays.copyOf(m, count);
        Arrays.sort(s);
        double mean = 0;
        for (double v : s) {
            mean += v;
        }
        mean /= count;
        double var = 0;
        for (double v : s) {
            var += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(var / (count - 1));
        double iqr = s[(int) (0.75 * (count - 1))] - s[(int) (0.25 * (count - 1))];
        double spread = iqr > 0 ? Math.min(sd, iqr / 1.34) : sd;
        double h = 0.9 * spread * Math.pow(count, -0.2);
        if (!(h > 0)) {
            h = 1e-6 * (sr.high() - sr.low());
        }
        return new MassModel(s, h, sr);
    }

    /** The kernel bandwidth. */
    public double bandwidth() {
        return bandwidth;
    }

    /** One mass inside the signal region. */
    public double sample(UniformRandomProvider rng) {
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int attempt = 0; attempt < 10_000; attempt++) {
            double v = masses[rng.nextInt(masses.length)] + bandwidth * gauss.sample();
            if (window.contains(v)) {
                return v;
            }
        }
        // unreachable in practice: every kernel centre lies inside the window
        return masses[rng.nextInt(masses.length)];
    }
}
