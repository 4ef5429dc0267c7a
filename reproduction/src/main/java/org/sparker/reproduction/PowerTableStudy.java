package org.sparker.reproduction;

import org.sparker.toys.ToySources;
import org.sparker.app.BaselineSettings;
import org.sparker.app.report.Charts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.sparker.baselines.KernelNpStatistic;
import org.sparker.baselines.Method;
import org.sparker.baselines.MmdFuse;
import org.sparker.baselines.MmdFuseStatistic;
import org.sparker.engine.Loss;
import org.sparker.engine.train.TrainerConfig;
import org.sparker.sampling.Stream;
import org.sparker.stats.Aggregation;
import org.sparker.stats.Calibration;
import org.sparker.calibration.CalibrationSpec;
import org.sparker.stats.PairedComparison;
import org.sparker.stats.Power;
import org.sparker.calibration.StatisticSettings;
import org.sparker.calibration.ToyParameters;
import org.sparker.calibration.ToySource;
import org.sparker.toys.ExponentialToy;
import org.sparker.toys.FourGaussiansToy;
import org.sparker.toys.ToyModel;

/**
 * Power at 5% with a Clopper–Pearson 68% interval for each variant (a toy signal, or a training
 * setting on one signal) and method: a null calibration per variant configuration (shared
 * between variants with the same null and settings), then signal toys, each with its global
 * p-value against it. MMD-FUSE needs no calibration: each signal toy carries its permutation
 * p-value. Rows run on the same signal toys are compared toy by toy (exact McNemar). Every
 * calibration and signal run is a resumable file.
 */
public final class PowerTableStudy implements Study {

    /** One column of the table: a label, the toy (with its signal) and how training differs. */
    public record Variant(String label, ToyModel toy, Consumer<TrainerConfig.Builder> training) {
    }

    /**
     * One (variant, method) power. The signal toys' global p-values are kept for toy-by-toy
     * comparisons across studies. (A variant without signal measures the type-I error: its
     * "signal" toys are fresh anomaly-free toys, independent of the calibration's.)
     */
    public record PowerRow(String variant, Method method, double power, double ci68Low, double ci68High,
            int detected, int signalToys, int nullToys, Double pValueFloor, Double paperPower,
            ToyParameters toy, StatisticSettings setup, double[] pValues) {
    }

    /** Two rows on the same signal toys, toy by toy. */
    public record PairedRow(String first, String second, int both, int onlyFirst, int onlySecond, int neither,
            double mcnemarPValue) {
    }

    /**
     * The type-I error at 5% of a row whose toys are anomaly-free: the fraction of fresh
     * anomaly-free toys (drawn independently of the calibration's) with a global p-value ≤ 5%,
     * its 68% and 95% Clopper–Pearson intervals, and two Kolmogorov–Smirnov p-values. The
     * one-sample test compares the fresh p-values with the uniform distribution; it ignores that
     * all of them are computed against the same finite calibration, whose own sampling error
     * (about 1/√K) shifts them together, so it rejects too often. The two-sample test compares them
     * with the calibration toys' own leave-one-out p-values, which tests what validity needs:
     * fresh anomaly-free toys are exchangeable with the calibration's.
     */
    public record TypeIRow(String variant, Method method, int toys, int nullToys, double rate, double ci68Low,
            double ci68High, double ci95Low, double ci95High, double ksUniformPValue, double ksExchangeablePValue) {
    }

    /** The table. */
    public record Result(double alpha, List<PowerRow> rows, List<PairedRow> pairedComparisons, List<TypeIRow> typeI)
            implements StudyResult {
    }

    /** Level of every power. */
    public static final double ALPHA = 0.05;

    private final String name;
    private final String description;
    private final boolean comparesMethods;
    private final List<Variant> variants;
    private final boolean plotted;

    PowerTableStudy(String name, String description, boolean comparesMethods, List<Variant> variants) {
        this(name, description, comparesMethods, variants, true);
    }

    /** A table that draws its bar chart or, as a part of a larger study, not. */
    PowerTableStudy(String name, String description, boolean comparesMethods, List<Variant> variants, boolean plotted) {
        this.name = name;
        this.description = description;
        this.comparesMethods = comparesMethods;
        this.variants = List.copyOf(variants);
        this.plotted = plotted;
    }

    /** Table I: every 1D exponential signal. */
    static PowerTableStudy table1() {
        return new PowerTableStudy("table1", "power at 5% of the 1D exponential benchmark, every Table I signal", true,
                List.of(new Variant("bulk", ExponentialToy.table1("bulk"), null),
                        new Variant("tail", ExponentialToy.table1("tail"), null),
                        new Variant("extreme-tail", ExponentialToy.table1("extreme-tail"), null),
                        new Variant("excess", ExponentialToy.table1("excess"), null)));
    }

    /** Table II: every 2D four-Gaussian signal. */
    static PowerTableStudy table2() {
        return new PowerTableStudy("table2", "power at 5% of the 2D four-Gaussian benchmark, every Table II signal", true,
                List.of(new Variant("bulk", FourGaussiansToy.table2("bulk"), null),
                        new Variant("extreme-tail", FourGaussiansToy.table2("extreme-tail"), null),
                        new Variant("smearing", FourGaussiansToy.table2("smearing"), null),
                        new Variant("squeezing", FourGaussiansToy.table2("squeezing"), null)));
    }

    /**
     * The type-I error of the 1D and 2D benchmarks: fresh anomaly-free toys against each
     * calibration, the rate of p ≤ 5% and a KS test of their p-values ({@link TypeIRow}).
     */
    static PowerTableStudy typeOne() {
        return new PowerTableStudy("type1", "type-I error at 5% and uniformity (KS) of H0 p-values, 1D and 2D benchmarks",
                true, List.of(new Variant("exp1d", ExponentialToy.table1("bulk").withoutSignal(), null),
                        new Variant("gauss2d", FourGaussiansToy.table2("bulk").withoutSignal(), null)));
    }

    /** Table IV: the three losses on the extreme tail. */
    static PowerTableStudy table4() {
        ToyModel toy = ExponentialToy.table1("extreme-tail");
        return new PowerTableStudy("table4", "power at 5% on the 1D extreme tail with the NP, BCE and MSE losses", false,
                List.of(new Variant("NP", toy, b -> b.loss(Loss.NP)), new Variant("BCE", toy, b -> b.loss(Loss.BCE)),
                        new Variant("MSE", toy, b -> b.loss(Loss.MSE))));
    }

    /** Table V: softmax or not on the extreme tail. */
    static PowerTableStudy table5() {
        ToyModel toy = ExponentialToy.table1("extreme-tail");
        return new PowerTableStudy("table5", "power at 5% on the 1D extreme tail with and without softmax", false,
                List.of(new Variant("softmax", toy, b -> b.softmax(true)),
                        new Variant("no softmax", toy, b -> b.softmax(false))));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public boolean comparesMethods() {
        return comparesMethods;
    }

    @Override
    public Result run(StudyContext ctx) {
        return run(ctx, ctx.options().methods());
    }

    /** The table for the given methods (the tuning study runs recipes and methods apart). */
    Result run(StudyContext ctx, List<Method> methods) {
        List<PowerRow> rows = new ArrayList<>();
        List<double[]> pValues = new ArrayList<>();
        List<double[]> nullPValues = new ArrayList<>();
        Map<String, Calibration> calibrations = new LinkedHashMap<>();
        for (Variant v : variants) {
            ToyModel toy = ctx.sized(v.toy());
            for (Method method : methods) {
                String tag = methods.equals(List.of(Method.SPARKER)) ? slug(v.label()) : slug(v.label()) + "-" + method;
                Measured m = switch (method) {
                    case SPARKER -> sparker(ctx, v, toy, tag, calibrations);
                    case KERNEL_NP -> kernelNp(ctx, toy, tag, calibrations);
                    case MMD_FUSE -> mmdFuse(ctx, toy, tag);
                };
                Power power = Power.atLevel(m.pValues(), ALPHA);
                Double paper = method == Method.SPARKER && PublishedValues.power(name, v.label()).isPresent()
                        ? PublishedValues.power(name, v.label()).getAsDouble() : null;
                rows.add(new PowerRow(v.label(), method, power.value(), power.lower(), power.upper(), power.detected(),
                        power.toys(), m.nullToys(), m.nullToys() > 0 ? 1.0 / (m.nullToys() + 1) : null, paper,
                        toy.parameters(), m.setup(), m.pValues()));
                pValues.add(m.pValues());
                nullPValues.add(m.nullPValues());
                ctx.reporter().line(name + " " + v.label() + " " + method + ": power " + power);
            }
        }
        List<TypeIRow> typeI = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            PowerRow r = rows.get(i);
            ToyModel toy = variants.stream().filter(v -> v.label().equals(r.variant())).findFirst().orElseThrow().toy();
            if (toy.withoutSignal().equals(toy)) {
                typeI.add(typeI(r.variant(), r.method(), r.nullToys(), pValues.get(i), nullPValues.get(i)));
            }
        }
        Result result = new Result(ALPHA, rows, pairedComparisons(rows, pValues), typeI);
        if (plotted) {
            plot(ctx, result, methods);
        }
        return result;
    }

    /** The signal toys' global p-values, the null toys behind them (0 for a permutation test) and the set-up. */
    private record Measured(double[] pValues, int nullToys, StatisticSettings setup, double[] nullPValues) {
    }

    private Measured sparker(StudyContext ctx, Variant v, ToyModel toy, String tag, Map<String, Calibration> cache) {
        CalibrationSpec nullSpec = CalibrationSpec.withEstimatedRange(ctx.config(v.training()), ToySources.of(toy),
                ctx.seed());
        Calibration cal = calibrated(ctx, cache, nullSpec, name + "-null-" + tag + ".jsonl");
        CalibrationSpec signalSpec = new CalibrationSpec(nullSpec.test(), ToySources.withSignal(toy),
                Stream.SIGNAL_TOYS.seed(ctx.seed()));
        return new Measured(signalPValues(ctx, cal, signalSpec, name + "-signal-" + tag + ".jsonl", Aggregation.SPARKER),
                cal.toys(), nullSpec.test().settings(), cal.leaveOneOutGlobalPValues(Aggregation.SPARKER));
    }

    private Measured kernelNp(StudyContext ctx, ToyModel toy, String tag, Map<String, Calibration> cache) {
        BaselineSettings b = ctx.options().baselines();
        KernelNpStatistic stat = b.kernelNpStatistic(ctx.quick() ? b.kernelNp().withCentres(300) : b.kernelNp(),
                ToySources.of(toy), ctx.seed());
        CalibrationSpec nullSpec = new CalibrationSpec(stat, ToySources.of(toy), ctx.seed());
        Calibration cal = calibrated(ctx, cache, nullSpec, name + "-null-" + tag + ".jsonl");
        CalibrationSpec signalSpec = new CalibrationSpec(stat, ToySources.withSignal(toy), Stream.SIGNAL_TOYS.seed(ctx.seed()));
        return new Measured(signalPValues(ctx, cal, signalSpec, name + "-signal-" + tag + ".jsonl", b.aggregation()),
                cal.toys(), nullSpec.test().settings(), cal.leaveOneOutGlobalPValues(b.aggregation()));
    }

    private Measured mmdFuse(StudyContext ctx, ToyModel toy, String tag) {
        MmdFuse.Config c = ctx.options().baselines().mmdFuse().withThreads(1);
        if (ctx.quick()) {
            c = c.withPermutations(50).withFeatures(100, 10, c.pivotTolerance());
        }
        CalibrationSpec signalSpec = new CalibrationSpec(new MmdFuseStatistic(c), ToySources.withSignal(toy),
                Stream.SIGNAL_TOYS.seed(ctx.seed()));
        Calibration runs = ctx.calibrate(signalSpec, ctx.options().signalToys(100), name + "-signal-" + tag + ".jsonl");
        double[] p = new double[runs.toys()];
        for (int k = 0; k < p.length; k++) {
            p[k] = MmdFuseStatistic.pValue(runs.statisticsOf(k)[0]);
        }
        return new Measured(p, 0, signalSpec.test().settings(), new double[0]);
    }

    private Calibration calibrated(StudyContext ctx, Map<String, Calibration> cache, CalibrationSpec nullSpec,
            String file) {
        String key = nullSpec.settings().toString(); // records, lists and maps: equal settings, equal strings
        Calibration cal = cache.get(key);
        if (cal == null) {
            cal = ctx.calibrate(nullSpec, ctx.options().nullToys(200), file);
            cache.put(key, cal);
        }
        return cal;
    }

    /**
     * {@link TypeIRow} of the global p-values {@code p} of fresh anomaly-free toys, against the
     * calibration whose toys have leave-one-out p-values {@code nullP} (empty: no calibration).
     */
    static TypeIRow typeI(String variant, Method method, int nullToys, double[] p, double[] nullP) {
        Power rate = Power.atLevel(p, ALPHA);
        double[] ci95 = Power.clopperPearson(rate.detected(), rate.toys(), 0.95);
        KolmogorovSmirnovTest ks = KolmogorovSmirnovTest.withDefaults();
        double uniform = p.length < 2 ? Double.NaN : ks.test(p, x -> Math.max(0, Math.min(1, x))).getPValue();
        double exchangeable = p.length < 2 || nullP.length < 2 ? Double.NaN : ks.test(p, nullP).getPValue();
        return new TypeIRow(variant, method, p.length, nullToys, rate.value(), rate.lower(), rate.upper(), ci95[0],
                ci95[1], uniform, exchangeable);
    }

    private static double[] signalPValues(StudyContext ctx, Calibration cal, CalibrationSpec signalSpec, String file,
            Aggregation rule) {
        Calibration signalRuns = ctx.calibrate(signalSpec, ctx.options().signalToys(100), file);
        double[] p = new double[signalRuns.toys()];
        for (int k = 0; k < p.length; k++) {
            p[k] = cal.globalPValue(signalRuns.statisticsOf(k), rule).pValue();
        }
        return p;
    }

    /**
     * Toy-by-toy comparisons (McNemar) of every two rows that ran on the same signal toys: the
     * variants of Tables IV and V (one toy set-up, different training), or the methods of one
     * signal in Fig. 12.
     */
    static List<PairedRow> pairedComparisons(List<PowerRow> rows, List<double[]> pValues) {
        return pairedComparisons(rows, pValues, r -> r.variant() + " / " + r.method());
    }

    /** As {@link #pairedComparisons(List, List)}, with the rows labelled by {@code label}. */
    static List<PairedRow> pairedComparisons(List<PowerRow> rows, List<double[]> pValues,
            java.util.function.Function<PowerRow, String> label) {
        List<PairedRow> out = new ArrayList<>();
        for (int a = 0; a < rows.size(); a++) {
            for (int b = a + 1; b < rows.size(); b++) {
                PowerRow ra = rows.get(a);
                PowerRow rb = rows.get(b);
                if (!ra.toy().equals(rb.toy()) || pValues.get(a).length != pValues.get(b).length) {
                    continue;
                }
                PairedComparison c = PairedComparison.of(pValues.get(a), pValues.get(b), ALPHA);
                out.add(new PairedRow(label.apply(ra), label.apply(rb), c.both(), c.onlyFirst(), c.onlySecond(),
                        c.neither(), c.pValue()));
            }
        }
        return out;
    }

    private void plot(StudyContext ctx, Result result, List<Method> methods) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(450)
                .title(name + ": power at 5% (68% CP interval)").xAxisTitle("signal").yAxisTitle("power").build();
        Charts.style(chart.getStyler());
        chart.getStyler().setLegendVisible(methods.size() > 1);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        for (Method method : methods) {
            List<PowerRow> mine = result.rows().stream().filter(r -> r.method() == method).toList();
            // XChart draws symmetric bars: the half-width of the (asymmetric) interval
            chart.addSeries(method.label(), mine.stream().map(PowerRow::variant).toList(),
                    mine.stream().map(PowerRow::power).toList(),
                    mine.stream().map(r -> (r.ci68High() - r.ci68Low()) / 2).toList()).setFillColor(Charts.of(method));
        }
        ctx.png(chart, name);
    }

    static String slug(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
