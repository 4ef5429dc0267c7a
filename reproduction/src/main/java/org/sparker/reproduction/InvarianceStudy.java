package org.sparker.reproduction;

import org.sparker.app.Reporter;
import org.sparker.app.report.Charts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.rng.UniformRandomProvider;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.KernelModel;
import org.sparker.engine.TrainingSamples;
import org.sparker.engine.train.Checkpoint;
import org.sparker.engine.train.Trainer;
import org.sparker.engine.train.TrainerConfig;
import org.sparker.engine.train.TrainingResult;
import org.sparker.sampling.Seeds;
import org.sparker.sampling.Stream;
import org.sparker.stats.Auc;
import org.sparker.app.preprocess.CoordinateMap;

/**
 * Kasieczka et al. (arXiv:2209.06225): which anomaly scores survive a change of coordinates. On the Gaussian toy
 * (background N(0,1)^d, signal N(1,1)^d), the same events are mapped by each
 * {@link CoordinateMap} and scored by
 *
 * <ul>
 *   <li>{@code ratio}: the exact likelihood ratio (the same in every system, AUC Φ(√(d/2)));</li>
 *   <li>{@code density}: the exact density in the new coordinates (rarer = more anomalous);</li>
 *   <li>{@code kde}: a Gaussian kernel density estimate fitted in the new coordinates (boundary
 *       bias and all);</li>
 *   <li>{@code sparker}: SparKer's learned log-ratio, trained in the new coordinates with
 *       R = background and D = 90% background + 10% signal, from the checkpoint with the largest
 *       test statistic.</li>
 * </ul>
 *
 * AUCs are Mann–Whitney with mid-ranks on a fresh test set, over several trials (seeds); the
 * exact AUCs of ratio and density come from quadrature ({@link ExactAuc}).
 *
 * @param dimensions the dimensions d
 * @param maps the coordinate systems
 * @param scores among ratio, density, kde, sparker
 * @param trials seeds per cell; {@code null}: 10 (quick: 2)
 * @param reference background events in R ({@code null}: 20,000; quick 2,000)
 * @param data events in D, 10% of them signal ({@code null}: 2,000; quick 500)
 * @param test background and signal events each in the test set ({@code null}: 10,000; quick 2,000)
 */
public record InvarianceStudy(List<Integer> dimensions, List<CoordinateMap> maps, List<String> scores, Integer trials,
        Integer reference, Integer data, Integer test) implements Study {

    /** The scores the study knows. */
    public static final List<String> SCORES = List.of("ratio", "density", "kde", "sparker");

    public InvarianceStudy {
        dimensions = List.copyOf(dimensions);
        maps = List.copyOf(maps);
        scores = List.copyOf(scores);
        for (int d : dimensions) {
            if (d < 1) {
                throw new IllegalArgumentException("dim: must be ≥ 1, got " + d);
            }
        }
        for (String s : scores) {
            if (!SCORES.contains(s)) {
                throw new IllegalArgumentException("scores: unknown '" + s + "'; expected " + String.join(", ", SCORES));
            }
        }
        if (maps.isEmpty() || scores.isEmpty() || dimensions.isEmpty()) {
            throw new IllegalArgumentException("invariance: needs at least one dimension, map and score");
        }
        if (trials != null && trials < 1) {
            throw new IllegalArgumentException("trials: must be ≥ 1, got " + trials);
        }
    }

    /** The default: d = 1 and 2, the seed's four systems, every score. */
    public static InvarianceStudy defaults() {
        return new InvarianceStudy(List.of(1, 2), List.of(CoordinateMap.IDENTITY, CoordinateMap.PHI,
                CoordinateMap.TANH_SHIFT, CoordinateMap.EXP_NEG), SCORES, null, null, null, null);
    }

    /**
     * One cell of the table.
     *
     * @param exact the closed-form or quadrature AUC (ratio, density; for sparker the ratio's, its
     *     target), or {@code null} (kde)
     * @param aucs every trial's AUC
     */
    public record Row(int dimension, String map, String score, double mean, double sd, double min, double max, Double exact,
            double[] aucs) {
    }

    /** The table. */
    public record Result(List<Row> rows, int trials, int reference, int data, int test, double signalFraction)
            implements StudyResult {

        /** The table, one line per (dimension, map, score): the mean AUC, its spread and the closed form. */
        public List<String> lines() {
            return rows.stream().map(row -> String.format(Locale.ROOT, "invariance d=%d %-8s %-8s AUC %.4f ± %.4f%s",
                    row.dimension(), row.map(), row.score(), row.mean(), row.sd(),
                    row.exact() == null ? "" : String.format(Locale.ROOT, " (exact %.6f)", row.exact()))).toList();
        }
    }

    @Override
    public String name() {
        return "invariance";
    }

    @Override
    public String description() {
        return "Kasieczka et al.'s coordinate invariance (arXiv:2209.06225): AUCs of the likelihood ratio, the density, a KDE and SparKer under coordinate maps, "
                + "against the closed forms";
    }

    @Override
    public StudyResult run(StudyContext ctx) {
        int nTrials = trials != null ? trials : ctx.quick() ? 2 : 10;
        int nR = reference != null ? reference : ctx.quick() ? 2000 : 20_000;
        int nD = data != null ? data : ctx.quick() ? 500 : 2000;
        int nT = test != null ? test : ctx.quick() ? 2000 : 10_000;
        int nSignal = Math.max(1, nD / 10);
        List<Row> rows = new ArrayList<>();
        try (KernelBackend backend = ctx.open();
                Reporter.Task task = ctx.reporter().start("invariance trials", (long) dimensions.size() * nTrials)) {
            long done = 0;
            for (int d : dimensions) {
                GaussianShiftToy toy = GaussianShiftToy.of(d);
                Map<String, double[]> aucs = new LinkedHashMap<>();
                for (int k = 0; k < nTrials; k++) {
                    UniformRandomProvider rng = Seeds.stream(Stream.INVARIANCE_TRIALS, ctx.seed(), (long) d * 1_000_000 + k);
                    double[] r = toy.sample(rng, nR, false);
                    double[] dd = concat(toy.sample(rng, nD - nSignal, false), toy.sample(rng, nSignal, true));
                    double[] tb = toy.sample(rng, nT, false);
                    double[] ts = toy.sample(rng, nT, true);
                    long trainingSeed = rng.nextLong();
                    for (CoordinateMap f : maps) {
                        for (String score : scores) {
                            double auc = switch (score) {
                                case "ratio" -> Auc.midrank(ratio(toy, ts, nT), ratio(toy, tb, nT));
                                case "density" -> Auc.midrank(density(toy, ts, nT, f), density(toy, tb, nT, f));
                                case "kde" -> kde(r, nR, ts, tb, nT, d, f);
                                case "sparker" -> sparker(ctx, backend, r, nR, dd, nD, ts, tb, nT, d, f, trainingSeed);
                                default -> throw new IllegalStateException(score);
                            };
                            aucs.computeIfAbsent(f.name() + "|" + score, x -> new double[nTrials])[k] = auc;
                        }
                    }
                    task.stepTo(++done);
                }
                for (CoordinateMap f : maps) {
                    for (String score : scores) {
                        double[] a = aucs.get(f.name() + "|" + score);
                        rows.add(row(d, f, score, a));
                    }
                }
            }
        }
        Result result = new Result(rows, nTrials, nR, nD, nT, (double) nSignal / nD);
        for (int d : dimensions) {
            plot(ctx, result, d);
        }
        return result;
    }

    private Row row(int d, CoordinateMap f, String score, double[] a) {
        double mean = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            mean += v / a.length;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double ss = 0;
        for (double v : a) {
            ss += (v - mean) * (v - mean);
        }
        double sd = a.length > 1 ? Math.sqrt(ss / (a.length - 1)) : 0;
        Double exact = switch (score) {
            case "ratio", "sparker" -> exactRatio(d);
            case "density" -> exactDensity(d, f);
            default -> null;
        };
        return new Row(d, f.name(), score, mean, sd, min, max, exact, a);
    }

    /** Φ(√(d/2)). */
    static double exactRatio(int d) {
        return org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1)
                .cumulativeProbability(Math.sqrt(d / 2.0));
    }

    /** The density score's AUC by quadrature (d ≤ 2), else {@code null}. */
    static Double exactDensity(int d, CoordinateMap f) {
        if (d == 1) {
            return ExactAuc.oneDimensional(x -> GaussianShiftToy.densityScore1(x, f), 1, 200_000);
        }
        if (d == 2) {
            return ExactAuc.twoDimensional((a, b) -> GaussianShiftToy.densityScore1(a, f)
                    + GaussianShiftToy.densityScore1(b, f), 1, 800);
        }
        return null;
    }

    private static double[] ratio(GaussianShiftToy toy, double[] x, int n) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = toy.logRatio(x, i);
        }
        return s;
    }

    private static double[] density(GaussianShiftToy toy, double[] x, int n, CoordinateMap f) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = toy.densityScore(x, i, f);
        }
        return s;
    }

    /** −log of a Gaussian product-kernel KDE fitted (Silverman widths) on up to 2,000 reference events in y. */
    private static double kde(double[] r, int nR, double[] ts, double[] tb, int nT, int d, CoordinateMap f) {
        int m = Math.min(nR, 2000);
        double[] fit = new double[m * d];
        for (int i = 0; i < m * d; i++) {
            fit[i] = f.apply(r[i]);
        }
        double[] h = new double[d];
        for (int k = 0; k < d; k++) {
            double mean = 0;
            for (int i = 0; i < m; i++) {
                mean += fit[i * d + k] / m;
            }
            double var = 0;
            for (int i = 0; i < m; i++) {
                var += (fit[i * d + k] - mean) * (fit[i * d + k] - mean) / (m - 1);
            }
            h[k] = 1.06 * Math.sqrt(var) * Math.pow(m, -1.0 / (d + 4));
        }
        double[] sSig = new double[nT];
        double[] sBkg = new double[nT];
        java.util.stream.IntStream.range(0, nT).parallel().forEach(i -> {
            sSig[i] = -logKde(fit, m, d, h, ts, i, f);
            sBkg[i] = -logKde(fit, m, d, h, tb, i, f);
        });
        return Auc.midrank(sSig, sBkg);
    }

    private static double logKde(double[] fit, int m, int d, double[] h, double[] x, int row, CoordinateMap f) {
        double[] y = new double[d];
        for (int k = 0; k < d; k++) {
            y[k] = f.apply(x[row * d + k]);
        }
        double max = Double.NEGATIVE_INFINITY;
        double[] e = new double[m];
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                double z = (y[k] - fit[i * d + k]) / h[k];
                s -= 0.5 * z * z;
            }
            e[i] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int i = 0; i < m; i++) {
            sum += Math.exp(e[i] - max);
        }
        return max + Math.log(sum);
    }

    /** SparKer trained in y; the AUC of the log-ratio of its most significant checkpoint on the test set. */
    private static double sparker(StudyContext ctx, KernelBackend backend, double[] r, int nR, double[] dd, int nD,
            double[] ts, double[] tb, int nT, int d, CoordinateMap f, long seed) {
        TrainerConfig config = ctx.config(b -> b.seed(seed));
        TrainingSamples samples = TrainingSamples.of(mapped(r, nR, d, f), mapped(dd, nD, d, f));
        TrainingResult result = new Trainer(backend, config).train(samples);
        KernelModel best = result.model();
        double bestT = Double.NEGATIVE_INFINITY;
        for (Checkpoint c : result.checkpoints()) {
            if (c.testStatistic() > bestT) {
                bestT = c.testStatistic();
                best = c.model();
            }
        }
        double[] sSig = new double[nT];
        double[] sBkg = new double[nT];
        backend.logRatio(mapped(ts, nT, d, f), best, sSig);
        backend.logRatio(mapped(tb, nT, d, f), best, sBkg);
        return Auc.midrank(sSig, sBkg);
    }

    private static FloatMatrix mapped(double[] x, int n, int d, CoordinateMap f) {
        float[] y = new float[n * d];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) f.apply(x[i]);
        }
        return FloatMatrix.wrap(y, n, d);
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private void plot(StudyContext ctx, Result result, int d) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(450)
                .title("d = " + d + ": AUC per coordinate system (bars ± sd over " + result.trials() + " trials)")
                .xAxisTitle("coordinates").yAxisTitle("AUC").build();
        Charts.style(chart.getStyler());
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        int c = 0;
        for (String score : scores) {
            java.awt.Color colour = Charts.PALETTE[c++ % Charts.PALETTE.length];
            List<Row> mine = result.rows().stream().filter(r -> r.dimension() == d && r.score().equals(score)).toList();
            chart.addSeries(score, mine.stream().map(Row::map).toList(), mine.stream().map(Row::mean).toList(),
                    mine.stream().map(Row::sd).toList()).setFillColor(colour);
            // the closed form beside its bar (the ratio's AUC, the same in every system, is SparKer's target)
            if (!score.equals("sparker") && mine.stream().allMatch(r -> r.exact() != null)) {
                var exact = chart.addSeries(score + ", closed form", mine.stream().map(Row::map).toList(),
                        mine.stream().map(Row::exact).toList());
                exact.setChartCategorySeriesRenderStyle(org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle.Scatter);
                exact.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.DIAMOND);
                exact.setMarkerColor(colour.darker().darker());
            }
        }
        ctx.png(chart, "invariance-d" + d);
    }
}
