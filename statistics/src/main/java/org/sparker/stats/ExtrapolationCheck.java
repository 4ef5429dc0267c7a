package org.sparker.stats;

import java.util.Arrays;
import java.util.List;

import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;

/**
 * Held-back toys against a calibration's {@link Extrapolation}: for each toy the empirical global
 * p-value of §5.4 (the checkpoints combined by a rule, as {@code sparker run} reports it) and the
 * extrapolated one; for anomaly-free toys, how often each falls at or below a level and whether
 * the extrapolated p-values look uniform (docs/design.md §5.6).
 *
 * @param model the calibration's tail model
 * @param rule how the checkpoints' p-values combine into the empirical global p-values
 * @param empirical each toy's empirical global p-value (the combined statistic of {@code rule})
 * @param extrapolated each toy's extrapolated p-value (NaN when the model is not accepted)
 * @param uniformity the one-sample KS p-value of {@code extrapolated} against U(0, 1) (NaN when not accepted)
 * @param levels the levels of {@link #rates}
 * @param rates for each level, the fraction of toys with extrapolated p at or below it, as a
 *     {@link Power} (count, Clopper–Pearson 95% interval)
 * @param empiricalRates the same for the empirical p-values
 */
public record ExtrapolationCheck(Extrapolation.Model model, Aggregation rule, double[] empirical, double[] extrapolated,
        double uniformity, double[] levels, List<Power> rates, List<Power> empiricalRates) {

    /** Confidence of the intervals on the rates. */
    public static final double CONFIDENCE = 0.95;

    /**
     * The check of {@code toys} (per-checkpoint statistics of held-back toys) against
     * {@code calibration}, their empirical p-values under {@code rule}.
     */
    public static ExtrapolationCheck of(Calibration calibration, List<double[]> toys, Aggregation rule) {
        if (toys.isEmpty()) {
            throw new IllegalArgumentException("extrapolation check: no held-back toys");
        }
        Extrapolation.Model model = Extrapolation.model(calibration);
        double[] empirical = new double[toys.size()];
        double[] extrapolated = new double[toys.size()];
        for (int i = 0; i < toys.size(); i++) {
            double[] t = toys.get(i);
            if (t.length != calibration.widths().length) {
                throw new IllegalArgumentException("extrapolation check: held-back toy " + i + " has " + t.length
                        + " statistics for " + calibration.widths().length + " checkpoints");
            }
            empirical[i] = calibration.globalPValue(t, rule).pValue();
            extrapolated[i] = model.pValue(model.statistic(t));
        }
        int k = calibration.toys();
        double floor = 1.0 / (k + 1);
        double[] levels = Arrays.stream(new double[] {0.05, 0.01, floor, floor / 2, floor / 5, 1e-3})
                .distinct().sorted().toArray();
        // descending: the familiar 0.05 first
        for (int a = 0, b = levels.length - 1; a < b; a++, b--) {
            double x = levels[a];
            levels[a] = levels[b];
            levels[b] = x;
        }
        boolean accepted = model.failure() == null;
        double uniformity = accepted && extrapolated.length >= 2
                ? KolmogorovSmirnovTest.withDefaults().test(extrapolated, p -> Math.min(1, Math.max(0, p))).getPValue()
                : Double.NaN;
        List<Power> rates = Arrays.stream(levels).mapToObj(a -> rate(extrapolated, a, accepted)).toList();
        List<Power> empiricalRates = Arrays.stream(levels).mapToObj(a -> rate(empirical, a, true)).toList();
        return new ExtrapolationCheck(model, rule, empirical, extrapolated, uniformity, levels, rates, empiricalRates);
    }

    /**
     * The expected rates over random splits of exchangeable anomaly-free toys: each split takes
     * {@code calibrationSize} of {@code toys} as the calibration and the rest as held-back toys.
     * One calibration's rates vary around the nominal levels by its own sampling error (about
     * {@code √(α/K)} at level α); averaged over splits they estimate the rates a user meets, which
     * a valid p-value keeps at or below the level.
     *
     * @param levels the levels (the floor {@code 1/(calibrationSize + 1)} among them, and below it)
     * @param extrapolated mean fraction of held-back toys with extrapolated p at or below each level
     *     (a split whose model is not accepted counts as no rejection)
     * @param empirical the same for the empirical global p-values
     * @param accepted the fraction of splits whose tail model was accepted
     * @param splits the number of splits
     * @param heldBack held-back toys per split
     * @param ownExtrapolated every toy's extrapolated p-value against a calibration of its own,
     *     {@code calibrationSize} toys drawn at random from the others (NaN where not accepted)
     * @param ownEmpirical the same toys' empirical global p-values against those calibrations
     * @param ownUniformity the KS p-value of {@code ownExtrapolated} against U(0, 1), over the toys
     *     whose model was accepted: each p-value comes from a different calibration, so the
     *     shared sampling error of one calibration does not enter (the calibrations overlap, which
     *     the test ignores)
     * @param ownEmpiricalUniformity the same for {@code ownEmpirical} (discrete, so conservative)
     */
    public record Resampled(double[] levels, double[] extrapolated, double[] empirical, double accepted, int splits,
            int heldBack, double[] ownExtrapolated, double[] ownEmpirical, double ownUniformity,
            double ownEmpiricalUniformity) {
    }

    /**
     * {@link Resampled} over {@code splits} random splits drawn from {@code seed} (Commons RNG), the
     * empirical p-values under {@code rule}.
     */
    public static Resampled resampled(double[] widths, List<double[]> toys, int calibrationSize, int splits, long seed,
            Aggregation rule) {
        if (calibrationSize < 2 || calibrationSize >= toys.size()) {
            throw new IllegalArgumentException("extrapolation check: the calibration size must be in [2, "
                    + (toys.size() - 1) + "] for " + toys.size() + " toys, got " + calibrationSize);
        }
        if (splits < 1) {
            throw new IllegalArgumentException("extrapolation check: splits must be ≥ 1, got " + splits);
        }
        double floor = 1.0 / (calibrationSize + 1);
        double[] levels = {0.05, 0.01, floor, floor / 2, floor / 5, floor / 10};
        double[] ext = new double[levels.length];
        double[] emp = new double[levels.length];
        int accepted = 0;
        int n = toys.size();
        int held = n - calibrationSize;
        org.apache.commons.rng.UniformRandomProvider rng = org.sparker.sampling.Seeds.stream(seed);
        int[] order = new int[n];
        for (int split = 0; split < splits; split++) {
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            org.apache.commons.rng.sampling.PermutationSampler.shuffle(rng, order);
            List<double[]> cal = new java.util.ArrayList<>(calibrationSize);
            List<double[]> rest = new java.util.ArrayList<>(held);
            for (int i = 0; i < n; i++) {
                (i < calibrationSize ? cal : rest).add(toys.get(order[i]));
            }
            ExtrapolationCheck c = of(new Calibration(widths, cal), rest, rule);
            accepted += c.model().failure() == null ? 1 : 0;
            for (int l = 0; l < levels.length; l++) {
                for (int i = 0; i < held; i++) {
                    ext[l] += c.extrapolated()[i] <= levels[l] ? 1.0 / ((double) held * splits) : 0;
                    emp[l] += c.empirical()[i] <= levels[l] ? 1.0 / ((double) held * splits) : 0;
                }
            }
        }
        // every toy against a calibration of its own
        double[] ownExt = new double[n];
        double[] ownEmp = new double[n];
        int[] others = new int[n - 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0, o = 0; j < n; j++) {
                if (j != i) {
                    others[o++] = j;
                }
            }
            org.apache.commons.rng.sampling.PermutationSampler.shuffle(rng, others);
            List<double[]> cal = new java.util.ArrayList<>(calibrationSize);
            for (int j = 0; j < calibrationSize; j++) {
                cal.add(toys.get(others[j]));
            }
            ExtrapolationCheck c = of(new Calibration(widths, cal), List.of(toys.get(i)), rule);
            ownExt[i] = c.extrapolated()[0];
            ownEmp[i] = c.empirical()[0];
        }
        double[] given = Arrays.stream(ownExt).filter(Double::isFinite).toArray();
        KolmogorovSmirnovTest ks = KolmogorovSmirnovTest.withDefaults();
        double ownUniformity = given.length >= 2 ? ks.test(given, p -> Math.min(1, Math.max(0, p))).getPValue()
                : Double.NaN;
        double ownEmpiricalUniformity = ks.test(ownEmp, p -> Math.min(1, Math.max(0, p))).getPValue();
        return new Resampled(levels, ext, emp, (double) accepted / splits, splits, held, ownExt, ownEmp, ownUniformity,
                ownEmpiricalUniformity);
    }

    private static Power rate(double[] p, double alpha, boolean given) {
        int x = 0;
        for (double v : p) {
            x += given && v <= alpha ? 1 : 0;
        }
        return Power.of(x, p.length, alpha, CONFIDENCE);
    }
}
