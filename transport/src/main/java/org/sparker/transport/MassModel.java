package org.sparker.transport;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * {@code p(m)} restricted to the signal region, from which RAD-OT draws the mass each template
 * event is interpolated to (arXiv:2407.19818, Algorithm 1 step 4): a Gaussian kernel density estimate of
 * the observed SR masses (Silverman's bandwidth {@code 0.9 min(sd, IQR/1.34) n^{−1/5}}), sampled
 * by picking an observed mass and adding kernel noise, redrawn until it falls inside the SR. The
 * SR masses are observed even where the background under them is not; a small signal fraction
 * moves them little. Or ({@link #dijet}) the standard four-parameter dijet function fitted to
 * the sidebands alone and interpolated into the SR, which a signal in the SR cannot move.
 */
public final class MassModel {

    private final double[] masses;
    private final double bandwidth;
    private final RadOt.Window window;
    /** For the dijet fit: the SR grid and its cumulative distribution (null for the KDE). */
    private final double[] gridMass;
    private final double[] gridCdf;
    private final double[] parameters;

    private MassModel(double[] masses, double bandwidth, RadOt.Window window) {
        this.masses = masses;
        this.bandwidth = bandwidth;
        this.window = window;
        this.gridMass = null;
        this.gridCdf = null;
        this.parameters = null;
    }

    private MassModel(RadOt.Window window, double[] gridMass, double[] gridCdf, double[] parameters) {
        this.masses = null;
        this.bandwidth = Double.NaN;
        this.window = window;
        this.gridMass = gridMass;
        this.gridCdf = gridCdf;
        this.parameters = parameters;
    }

    /**
     * The four-parameter dijet function {@code p1 (1 − x)^{p2} x^{p3 + p4 ln x}}, {@code x = m/√s},
     * fitted by maximum likelihood to the masses in the two sidebands (normalised over them
     * together; Nelder–Mead over p2, p3, p4, the normalisation p1 following), and sampled inside the
     * SR by inverting its cumulative distribution on a 4,000-point grid.
     *
     * @param sqrtS the collision energy in the masses' units (LHCO: 13 TeV)
     */
    public static MassModel dijet(double[] events, int n, int columns, int massColumn, RadOt.Window sb1,
            RadOt.Window sr, RadOt.Window sb2, double sqrtS) {
        if (!(sqrtS > sb2.high())) {
            throw new IllegalArgumentException("sqrt-s: must exceed every mass (the upper sideband ends at "
                    + sb2.high() + "), got " + sqrtS);
        }
        int count = 0;
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            double v = events[i * columns + massColumn];
            if (sb1.contains(v) || sb2.contains(v)) {
                m[count++] = v / sqrtS;
            }
        }
        if (count < 10) {
            throw new IllegalArgumentException("mass-model dijet: needs at least 10 sideband events to fit, found " + count);
        }
        double[] xs = Arrays.copyOf(m, count);
        double[] lo = {sb1.low() / sqrtS, sb2.low() / sqrtS};
        double[] hi = {sb1.high() / sqrtS, sb2.high() / sqrtS};
        org.hipparchus.analysis.MultivariateFunction nll = p -> {
            double sumLog = 0;
            for (double x : xs) {
                sumLog += logShape(x, p);
            }
            double norm = integral(lo[0], hi[0], p) + integral(lo[1], hi[1], p);
            double v = -sumLog + xs.length * Math.log(norm);
            return Double.isFinite(v) ? v : Double.MAX_VALUE;
        };
        org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer opt =
                new org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer(1e-10, 1e-12);
        org.hipparchus.optim.PointValuePair best = opt.optimize(new org.hipparchus.optim.MaxEval(20_000),
                new org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction(nll),
                org.hipparchus.optim.nonlinear.scalar.GoalType.MINIMIZE,
                new org.hipparchus.optim.InitialGuess(new double[] {10, -5, 0}),
                new org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex(new double[] {5, 2, 0.5}));
        double[] p = best.getPoint();
        int grid = 4000;
        double[] gm = new double[grid + 1];
        double[] cdf = new double[grid + 1];
        double a = sr.low() / sqrtS;
        double b = sr.high() / sqrtS;
        double h = (b - a) / grid;
        double prev = Math.exp(logShape(a, p));
        for (int k = 0; k <= grid; k++) {
            double x = a + k * h;
            gm[k] = x * sqrtS;
            if (k > 0) {
                double cur = Math.exp(logShape(x, p));
                cdf[k] = cdf[k - 1] + 0.5 * (prev + cur) * h; // trapezoids
                prev = cur;
            }
        }
        double total = cdf[grid];
        if (!(total > 0) || !Double.isFinite(total)) {
            throw new IllegalArgumentException("mass-model dijet: the fit gives no mass in the signal region");
        }
        for (int k = 0; k <= grid; k++) {
            cdf[k] /= total;
        }
        return new MassModel(sr, gm, cdf, p.clone());
    }

    /** {@code log[(1 − x)^{p2} x^{p3 + p4 ln x}]} (p1 is the normalisation). */
    private static double logShape(double x, double[] p) {
        double lx = Math.log(x);
        return p[0] * Math.log1p(-x) + (p[1] + p[2] * lx) * lx;
    }

    /** Simpson's rule over 400 intervals of the shape on [lo, hi]. */
    private static double integral(double lo, double hi, double[] p) {
        int k = 400;
        double h = (hi - lo) / k;
        double s = Math.exp(logShape(lo, p)) + Math.exp(logShape(hi, p));
        for (int i = 1; i < k; i++) {
            s += (i % 2 == 1 ? 4 : 2) * Math.exp(logShape(lo + i * h, p));
        }
        return s * h / 3;
    }

    /** The fitted (p2, p3, p4) of a dijet model, or null for the KDE. */
    public double[] dijetParameters() {
        return parameters == null ? null : parameters.clone();
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
        if (gridCdf != null) {
            double u = rng.nextDouble();
            int k = Arrays.binarySearch(gridCdf, u);
            if (k >= 0) {
                return gridMass[k];
            }
            int hi = Math.min(gridCdf.length - 1, -k - 1);
            int lo = Math.max(0, hi - 1);
            double span = gridCdf[hi] - gridCdf[lo];
            double t = span > 0 ? (u - gridCdf[lo]) / span : 0;
            return Math.min(Math.nextDown(window.high()), gridMass[lo] + t * (gridMass[hi] - gridMass[lo]));
        }
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
