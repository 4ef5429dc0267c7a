package org.sparker.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * A significance beyond the toys' floor {@code 1/(K+1)} (issue #20; docs/design.md §5.6): a
 * peaks-over-threshold model of the null distribution's tail.
 *
 * <p><b>Statistic.</b> The combined statistic of §5.3 is built from empirical per-checkpoint
 * p-values, which stop at {@code 1/(K+1)}, so it cannot tell apart two observations beyond every
 * toy. The extrapolation uses one that does not saturate: each checkpoint's {@code t_j} is
 * standardised by the toys' median and interquartile range at that checkpoint (the standard
 * deviation where the quartiles coincide; a checkpoint constant across the toys is left out),
 * and {@code s = max_j (t_j − median_j) / IQR_j}, "the most significant checkpoint" in robust
 * units. Every toy and the observation get their {@code s} from the same medians and ranges.
 *
 * <p><b>Tail.</b> The {@code k = ⌈}{@value #TAIL_FRACTION}{@code K⌉} largest toy values of
 * {@code s} exceed the threshold {@code u} (the next largest); a {@link GeneralizedParetoFit} with
 * {@code ξ ≥ 0} is fitted to the excesses and checked by a Kolmogorov–Smirnov test (lenient, the
 * parameters being fitted to the same excesses). The p-value of an observation at or below
 * {@code u} is the empirical {@code (1 + #{s_k ≥ s}) / (K + 1)}; above it,
 * {@code (k + 1)/(K + 1) · P_GPD(Y > s − u)}, which continues past the last toy.
 *
 * <p>It is given only with at least {@value #MIN_TOYS} toys (so at least 20 excesses) and when
 * the fit passes (KS p ≥ {@value #ACCEPT}); it is always reported as a model-based value, beside
 * the empirical p-value of §5.4, never instead of it. Held-back toys test it:
 * {@code sparker calibrate check-extrapolation}, and docs/reproduction.md for the paper's
 * benchmarks.
 *
 * @param accepted whether there were enough toys and the tail fit passed its test
 * @param pValue the extrapolated p-value (null when not accepted)
 * @param z its one-sided Z (null when not accepted)
 * @param reason why no value is given (null when accepted)
 * @param statistic the observation's {@code s}
 * @param empiricalPValue {@code (1 + #{s_k ≥ s}) / (K + 1)}, the empirical p-value of {@code s}
 * @param threshold {@code u}
 * @param exceedances {@code k}
 * @param shape the fitted {@code ξ} (NaN when no fit)
 * @param scale the fitted {@code β} (NaN when no fit)
 * @param goodnessOfFit the KS p-value of the fit (NaN when no fit)
 * @param checkpoints each checkpoint's standardisation
 */
public record Extrapolation(boolean accepted, Double pValue, Double z, String reason, double statistic,
        double empiricalPValue, double threshold, int exceedances, double shape, double scale, double goodnessOfFit,
        List<Standardization> checkpoints) {

    /** The KS p-value the tail fit needs to be used. */
    public static final double ACCEPT = 0.05;

    /** The fewest toys with which a tail is fitted: 20 excesses at the tail fraction. */
    public static final int MIN_TOYS = 100;

    /** The fraction of the toys whose excesses over the threshold are fitted. */
    public static final double TAIL_FRACTION = 0.2;

    /**
     * One checkpoint's standardisation.
     *
     * @param median the toys' median of {@code t_j}
     * @param spread the toys' interquartile range (or standard deviation), 0 when the checkpoint is left out
     * @param standardized the observation's {@code (t_j − median) / spread} (NaN when left out)
     */
    public record Standardization(double median, double spread, double standardized) {
        boolean used() {
            return spread > 0;
        }

        double apply(double t) {
            return (t - median) / spread;
        }
    }

    /** The model fitted to a calibration, ready to give p-values to any number of observations. */
    public static final class Model {
        private final List<Standardization> columns;
        private final double[] sortedToys;
        private final double threshold;
        private final int exceedances;
        private final GeneralizedParetoFit fit;
        private final double goodnessOfFit;
        private final String failure;

        private Model(Calibration calibration) {
            int m = calibration.widths().length;
            int toys = calibration.toys();
            List<Standardization> cols = new ArrayList<>();
            for (int j = 0; j < m; j++) {
                double[] t = calibration.statisticsAt(j);
                double[] q = quartiles(t);
                double median = q[1];
                double spread = q[2] - q[0];
                if (!(spread > 0)) {
                    spread = standardDeviation(t);
                }
                cols.add(new Standardization(median, spread > 0 ? spread : 0, Double.NaN));
            }
            this.columns = List.copyOf(cols);
            double[] s = new double[toys];
            for (int k = 0; k < toys; k++) {
                s[k] = statistic(calibration.statisticsOf(k));
            }
            Arrays.sort(s);
            this.sortedToys = s;
            this.exceedances = Math.min(toys - 1, (int) Math.ceil(TAIL_FRACTION * toys));
            this.threshold = toys > 1 ? s[toys - exceedances - 1] : Double.NaN;
            GeneralizedParetoFit f = null;
            double gof = Double.NaN;
            String why = null;
            if (cols.stream().noneMatch(Standardization::used)) {
                why = "every checkpoint's statistic is the same in all toys";
            } else if (toys < MIN_TOYS) {
                why = "only " + toys + " toys: the tail is fitted from " + MIN_TOYS + " on";
            } else {
                double[] y = new double[exceedances];
                for (int i = 0; i < exceedances; i++) {
                    y[i] = s[toys - exceedances + i] - threshold;
                }
                try {
                    f = GeneralizedParetoFit.fit(y);
                    GeneralizedParetoFit g = f;
                    gof = org.apache.commons.statistics.inference.KolmogorovSmirnovTest.withDefaults()
                            .test(y, g::cdf).getPValue();
                    if (!(gof >= ACCEPT)) {
                        why = String.format(java.util.Locale.ROOT,
                                "the tail fit is rejected (KS p = %.3g over %d excesses)", gof, exceedances);
                    }
                } catch (IllegalArgumentException e) {
                    why = "the toys' largest statistics are tied: " + e.getMessage();
                }
            }
            this.fit = f;
            this.goodnessOfFit = gof;
            this.failure = why;
        }

        /** {@code s} of one set of per-checkpoint statistics. */
        public double statistic(double[] t) {
            double s = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < t.length; j++) {
                Standardization c = columns.get(j);
                if (c.used()) {
                    s = Math.max(s, c.apply(t[j]));
                }
            }
            return s;
        }

        /** {@code (1 + #{s_k ≥ s}) / (K + 1)}. */
        public double empiricalPValue(double s) {
            int toys = sortedToys.length;
            int below = PValues.lowerBound(sortedToys, s);
            return (1.0 + (toys - below)) / (toys + 1);
        }

        /** The extrapolated p-value of {@code s}, or NaN when the model is not accepted. */
        public double pValue(double s) {
            if (failure != null) {
                return Double.NaN;
            }
            if (s <= threshold) {
                return empiricalPValue(s);
            }
            return (exceedances + 1.0) / (sortedToys.length + 1) * fit.survival(s - threshold);
        }

        /** Whether p-values are given, and why not ({@code null} when they are). */
        public String failure() {
            return failure;
        }

        /** The extrapolation of one observation. */
        public Extrapolation of(double[] observed) {
            if (observed.length != columns.size()) {
                throw new IllegalArgumentException("extrapolation: " + observed.length + " statistics for "
                        + columns.size() + " checkpoints");
            }
            List<Standardization> obs = new ArrayList<>();
            for (int j = 0; j < observed.length; j++) {
                Standardization c = columns.get(j);
                obs.add(new Standardization(c.median(), c.spread(), c.used() ? c.apply(observed[j]) : Double.NaN));
            }
            double s = statistic(observed);
            double empirical = empiricalPValue(s);
            double shape = fit == null ? Double.NaN : fit.shape();
            double scale = fit == null ? Double.NaN : fit.scale();
            if (failure != null) {
                return new Extrapolation(false, null, null, failure, s, empirical, threshold, exceedances, shape, scale,
                        goodnessOfFit, List.copyOf(obs));
            }
            double p = pValue(s);
            double z = NormalDistribution.of(0, 1).inverseSurvivalProbability(Math.max(p, Double.MIN_NORMAL));
            return new Extrapolation(true, p, z, null, s, empirical, threshold, exceedances, shape, scale,
                    goodnessOfFit, List.copyOf(obs));
        }
    }

    /** The model of {@code calibration}'s null tail. */
    public static Model model(Calibration calibration) {
        return new Model(calibration);
    }

    /** The extrapolation of {@code observed} (one statistic per checkpoint) against {@code calibration}. */
    public static Extrapolation of(Calibration calibration, double[] observed) {
        return model(calibration).of(observed);
    }

    /** The quartiles of {@code a}, linear between order statistics (R's type 7, Hyndman–Fan 7), from one sort. */
    static double[] quartiles(double[] a) {
        return org.apache.commons.statistics.descriptive.Quantile.withDefaults()
                .with(org.apache.commons.statistics.descriptive.Quantile.EstimationMethod.HF7).evaluate(a, 0.25, 0.5, 0.75);
    }

    private static double standardDeviation(double[] a) {
        return a.length > 1 ? Math.sqrt(org.apache.commons.statistics.descriptive.Variance.of(a).getAsDouble()) : 0;
    }
}
