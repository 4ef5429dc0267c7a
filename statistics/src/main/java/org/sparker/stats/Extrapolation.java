package org.sparker.stats;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * A significance beyond the toys' floor {@code 1/(K+1)} (issue #20; docs/design.md §5): at every
 * checkpoint a χ² with free degrees of freedom is fitted to the toys' statistics and checked by a
 * Kolmogorov–Smirnov test; when every checkpoint's fit is accepted (KS p ≥ {@value #ACCEPT}), the
 * observed statistics' χ² tail probabilities are combined by Bonferroni over the {@code m}
 * checkpoints, {@code p ≤ min(1, m · min_j P(χ²_{k_j} ≥ t_j))}, a valid upper bound on the p-value
 * of "the most significant checkpoint" whatever the correlation between checkpoints. It is a
 * model-based extrapolation and is always reported as such, next to the empirical p-value, never
 * instead of it. When a fit is rejected no extrapolated value is given.
 *
 * @param accepted whether there were enough toys and every checkpoint's fit passed its test
 * @param pValue the bound (null when not accepted)
 * @param z the one-sided Z of the bound, a lower bound on the significance (null when not accepted)
 * @param reason why no bound is given (null when accepted)
 * @param checkpoints each checkpoint's fit
 */
public record Extrapolation(boolean accepted, Double pValue, Double z, String reason, List<Fit> checkpoints) {

    /** The KS p-value a fit needs to be used. */
    public static final double ACCEPT = 0.05;

    /**
     * The fewest toys with which a fit is checked at all: with fewer, a Kolmogorov–Smirnov test
     * cannot tell a χ² from much else, and an extrapolation far into the tail would rest on nothing.
     */
    public static final int MIN_TOYS = 100;

    /**
     * One checkpoint's fit.
     *
     * @param degreesOfFreedom fitted k
     * @param goodnessOfFit the KS p-value of the fit (NaN when fewer than 2 positive toys)
     * @param pValue {@code P(χ²_k ≥ t)} of the observed statistic
     */
    public record Fit(double degreesOfFreedom, double goodnessOfFit, double pValue) {
    }

    /** The extrapolation of {@code observed} (one statistic per checkpoint) against {@code calibration}. */
    public static Extrapolation of(Calibration calibration, double[] observed) {
        List<Fit> fits = new ArrayList<>();
        boolean ok = true;
        double min = 1;
        for (int j = 0; j < observed.length; j++) {
            double[] nul = calibration.statisticsAt(j);
            ChiSquaredFit fit;
            try {
                fit = ChiSquaredFit.fit(nul);
            } catch (IllegalArgumentException e) {
                fits.add(new Fit(Double.NaN, Double.NaN, Double.NaN));
                ok = false;
                continue;
            }
            double gof = fit.goodnessOfFit(nul);
            double p = fit.pValue(observed[j]);
            fits.add(new Fit(fit.degreesOfFreedom(), gof, p));
            ok &= gof >= ACCEPT;
            min = Math.min(min, p);
        }
        if (calibration.toys() < MIN_TOYS) {
            return new Extrapolation(false, null, null, "only " + calibration.toys() + " toys: the χ² fits are checked "
                    + "from " + MIN_TOYS + " on", List.copyOf(fits));
        }
        if (!ok) {
            int worst = 0;
            for (int j = 1; j < fits.size(); j++) {
                if (!(fits.get(j).goodnessOfFit() >= fits.get(worst).goodnessOfFit())) {
                    worst = j;
                }
            }
            return new Extrapolation(false, null, null, String.format(java.util.Locale.ROOT,
                    "the χ² fit of checkpoint %d is rejected (KS p = %.3g)", worst + 1, fits.get(worst).goodnessOfFit()),
                    List.copyOf(fits));
        }
        double bound = Math.min(1, observed.length * min);
        double z = NormalDistribution.of(0, 1).inverseSurvivalProbability(Math.max(bound, Double.MIN_NORMAL));
        return new Extrapolation(true, bound, z, null, List.copyOf(fits));
    }
}
