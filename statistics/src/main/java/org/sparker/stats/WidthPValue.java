package org.sparker.stats;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One width of a calibrated test, as result files report it (for SparKer's checkpoints and the
 * baselines' widths alike): the width, its pairwise-distance percentile when it came from one,
 * the observed statistic, its empirical p-value (Eq. 16), and the asymptotic p-value of a χ² fit
 * (free dof) to the null when the fit is possible ({@code null} otherwise).
 */
public record WidthPValue(double sigma, @JsonInclude(JsonInclude.Include.NON_NULL) Double percentile, double t, double pValue, Double pValueChi2Asymptotic,
        Double chi2Dof) {

    /** Every width of {@code calibration} for the observed statistics {@code t} ({@code percentiles} may be null). */
    public static java.util.List<WidthPValue> of(Calibration calibration, double[] t, double[] percentiles) {
        double[] widths = calibration.widths();
        double[] p = calibration.pValues(t);
        java.util.List<WidthPValue> rows = new java.util.ArrayList<>(widths.length);
        for (int j = 0; j < widths.length; j++) {
            Double chi2 = null;
            Double dof = null;
            try {
                ChiSquaredFit fit = calibration.chiSquaredFit(j);
                chi2 = fit.pValue(t[j]);
                dof = fit.degreesOfFreedom();
            } catch (IllegalArgumentException e) {
                // too few usable toys for a fit: no asymptotic p-value
            }
            rows.add(new WidthPValue(widths[j], percentiles == null ? null : percentiles[j], t[j], p[j], chi2, dof));
        }
        return java.util.List.copyOf(rows);
    }
}
