package org.sparker.cli;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.rng.UniformRandomProvider;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sparker.baselines.KernelNpStatistic;
import org.sparker.baselines.MmdFuse;
import org.sparker.baselines.MmdFuseStatistic;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.Loss;
import org.sparker.engine.TrainingSamples;
import org.sparker.sampling.Seeds;
import org.sparker.sampling.Stream;
import org.sparker.engine.train.Trainer;
import org.sparker.engine.train.TrainerConfig;
import org.sparker.engine.train.TrajectoryRecorder;
import org.sparker.engine.train.WidthRange;
import org.sparker.stats.Aggregation;
import org.sparker.stats.Calibration;
import org.sparker.stats.CalibrationSpec;
import org.sparker.stats.ChiSquaredFit;
import org.sparker.stats.MoranSpacing;
import org.sparker.stats.PValues;
import org.sparker.stats.PairedComparison;
import org.sparker.stats.Power;
import org.sparker.stats.ToySource;
import org.sparker.stats.toys.ExponentialToy;
import org.sparker.stats.toys.FourGaussiansToy;
import org.sparker.stats.toys.TeacherStudentToy;
import org.sparker.stats.toys.ToyModel;

/**
 * The paper's toy experiments (Section III, App. C–E) as studies writing JSON and PNG plots:
 * power tables (I, II, IV, V), kernel dynamics (Figs. 4–7) and Moran spacing (Fig. 14). Each has
 * a quick variant (seconds; the test suite runs them) and a full one (the study itself).
 */
final class Studies {

    static final Map<String, String> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put("table1", "power at 5% of the 1D exponential benchmark, every Table I signal");
        NAMES.put("table2", "power at 5% of the 2D four-Gaussian benchmark, every Table II signal");
        NAMES.put("table4", "power at 5% on the 1D extreme tail with the NP, BCE and MSE losses");
        NAMES.put("table5", "power at 5% on the 1D extreme tail with and without softmax");
        NAMES.put("fig4", "2D kernel trajectories: uniform square, three anomalous clusters, 4 kernels");
        NAMES.put("fig5", "teacher/student: one kernel, fixed widths vs annealing, anomaly at −10");
        NAMES.put("fig6", "two anomalous points (−5, −10), two kernels, with and without softmax");
        NAMES.put("fig7", "signal N(−5, 0.1) on the ±3 mixture, seven kernels, with and without softmax");
        NAMES.put("kernel-np-reference", "kernel NP test vs its published null medians and powers (1D exp, bump at 6.4)");
        NAMES.put("fig14", "Moran spacing of the kernel positions during training, with and without softmax");
    }

    /** The methods a power table can compare (the paper's Fig. 12). */
    static final List<String> METHODS = List.of("sparker", "kernel-np", "mmd-fuse");

    private final EngineOptions engine;
    private final TrainingOptions training;
    private final BaselineOptions baselines;
    private final List<String> methods;
    private final boolean quick;
    private final Path out;
    private final Map<String, Object> json = new LinkedHashMap<>();

    Studies(EngineOptions engine, TrainingOptions training, BaselineOptions baselines, List<String> methods,
            boolean quick, Path out) {
        this.engine = engine;
        this.training = training;
        this.baselines = baselines;
        this.methods = List.copyOf(methods);
        this.quick = quick;
        this.out = out;
        for (String m : methods) {
            if (!METHODS.contains(m)) {
                throw new UserError("--methods: unknown method '" + m + "'; expected " + String.join(", ", METHODS));
            }
        }
    }

    Map<String, Object> run(String name) {
        long started = System.nanoTime();
        json.put("study", name);
        json.put("quick", quick);
        json.put("backend", engine.resolvedName());
        json.put("seed", engine.seed);
        if (!methods.equals(List.of("sparker")) && !name.equals("table1") && !name.equals("table2")) {
            throw new UserError("--methods: only the power tables table1 and table2 compare methods");
        }
        json.put("methods", methods);
        switch (name) {
            case "table1" -> powerTable(name, List.of(
                    variant("bulk", ExponentialToy.table1("bulk"), null),
                    variant("tail", ExponentialToy.table1("tail"), null),
                    variant("extreme-tail", ExponentialToy.table1("extreme-tail"), null),
                    variant("excess", ExponentialToy.table1("excess"), null)));
            case "table2" -> powerTable(name, List.of(
                    variant("bulk", FourGaussiansToy.table2("bulk"), null),
                    variant("extreme-tail", FourGaussiansToy.table2("extreme-tail"), null),
                    variant("smearing", FourGaussiansToy.table2("smearing"), null),
                    variant("squeezing", FourGaussiansToy.table2("squeezing"), null)));
            case "table4" -> powerTable(name, List.of(
                    variant("NP", ExponentialToy.table1("extreme-tail"), b -> b.loss(Loss.NP)),
                    variant("BCE", ExponentialToy.table1("extreme-tail"), b -> b.loss(Loss.BCE)),
                    variant("MSE", ExponentialToy.table1("extreme-tail"), b -> b.loss(Loss.MSE))));
            case "table5" -> powerTable(name, List.of(
                    variant("softmax", ExponentialToy.table1("extreme-tail"), b -> b.softmax(true)),
                    variant("no softmax", ExponentialToy.table1("extreme-tail"), b -> b.softmax(false))));
            case "fig4" -> fig4();
            case "fig5" -> fig5();
            case "fig6" -> pointsWithAndWithoutSoftmax("fig6", new double[] {-5, -10}, 2);
            case "fig7" -> fig7();
            case "fig14" -> fig14();
            case "kernel-np-reference" -> kernelNpReference();
            default -> throw new UserError("unknown study '" + name + "'");
        }
        json.put("seconds", (System.nanoTime() - started) / 1e9);
        OutputFiles.writeJson(out.resolve(name + ".json"), json);
        return json;
    }

    // ------------------------------------------------------------------ power tables

    private record Variant(String label, ToyModel toy, java.util.function.Consumer<TrainerConfig.Builder> config) {
    }

    private static Variant variant(String label, ToyModel toy, java.util.function.Consumer<TrainerConfig.Builder> c) {
        return new Variant(label, toy, c);
    }

    /** Sizes: quick runs shrink the samples tenfold and use few toys. */
    private ToyModel sized(ToyModel toy) {
        return quick ? toy.withSizes(2000, 200) : toy;
    }

    private Integer nullToysOverride;
    private Integer signalToysOverride;

    /** Overrides the toy counts of the power studies (null: the study's default). */
    Studies toys(Integer nullToys, Integer signalToys) {
        if ((nullToys != null && nullToys < 2) || (signalToys != null && signalToys < 1)) {
            throw new UserError("--null-toys must be ≥ 2 and --signal-toys ≥ 1");
        }
        this.nullToysOverride = nullToys;
        this.signalToysOverride = signalToys;
        return this;
    }

    private int nullToys() {
        return nullToysOverride != null ? nullToysOverride : quick ? 6 : 200;
    }

    private int signalToys() {
        return signalToysOverride != null ? signalToysOverride : quick ? 4 : 100;
    }

    private TrainerConfig config(java.util.function.Consumer<TrainerConfig.Builder> change) {
        TrainerConfig.Builder b = training.config().toBuilder();
        if (quick) {
            b.steps(60).checkpoints(3);
        }
        if (change != null) {
            change.accept(b);
        }
        return b.build();
    }

    /**
     * Power at 5% with a Clopper–Pearson 68% interval for each variant and method: a null
     * calibration of the variant's configuration (shared between variants with the same null
     * and settings), then signal toys, each with its global p-value against it. MMD-FUSE needs
     * no calibration: each signal toy carries its permutation p-value. Every run is a
     * resumable file.
     */
    private void powerTable(String name, List<Variant> variants) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<double[]> pValues = new ArrayList<>();
        Map<String, Calibration> calibrations = new LinkedHashMap<>();
        for (Variant v : variants) {
            ToyModel toy = sized(v.toy());
            for (String method : methods) {
                String tag = methods.size() == 1 && method.equals("sparker") ? slug(v.label())
                        : slug(v.label()) + "-" + method;
                double[] p;
                Map<String, Object> setup;
                int nullToys = 0;
                switch (method) {
                    case "sparker" -> {
                        CalibrationSpec nullSpec = CalibrationSpec.withEstimatedRange(config(v.config()), ToySource.of(toy),
                                engine.seed);
                        Calibration cal = calibrated(calibrations, nullSpec, name + "-null-" + tag + ".jsonl");
                        p = signalPValues(cal, new CalibrationSpec(nullSpec.test(), ToySource.withSignal(toy),
                                Stream.SIGNAL_TOYS.seed(engine.seed)), name + "-signal-" + tag + ".jsonl", Aggregation.SPARKER);
                        nullToys = cal.toys();
                        setup = nullSpec.describe();
                    }
                    case "kernel-np" -> {
                        KernelNpStatistic stat = quick
                                ? KernelNpStatistic.withPercentileWidths(baselines.npConfig().withCentres(300),
                                        ToySource.of(toy), engine.seed, baselines.percentiles)
                                : baselines.npStatistic(ToySource.of(toy), engine.seed);
                        CalibrationSpec nullSpec = new CalibrationSpec(stat, ToySource.of(toy), engine.seed);
                        Calibration cal = calibrated(calibrations, nullSpec, name + "-null-" + tag + ".jsonl");
                        p = signalPValues(cal, new CalibrationSpec(stat, ToySource.withSignal(toy),
                                Stream.SIGNAL_TOYS.seed(engine.seed)), name + "-signal-" + tag + ".jsonl", baselines.aggregation());
                        nullToys = cal.toys();
                        setup = nullSpec.describe();
                    }
                    default -> {
                        MmdFuse.Config c = baselines.mmdConfig(1);
                        if (quick) {
                            c = c.withPermutations(50).withFeatures(100, 10, c.pivotTolerance());
                        }
                        CalibrationSpec signalSpec = new CalibrationSpec(new MmdFuseStatistic(c), ToySource.withSignal(toy),
                                Stream.SIGNAL_TOYS.seed(engine.seed));
                        Calibration runs = Pipeline.calibrate(engine, signalSpec, signalToys(),
                                out.resolve(name + "-signal-" + tag + ".jsonl"));
                        p = new double[runs.toys()];
                        for (int k = 0; k < p.length; k++) {
                            p[k] = MmdFuseStatistic.pValue(runs.statisticsOf(k)[0]);
                        }
                        setup = signalSpec.describe();
                    }
                }
                Power power = Power.atLevel(p, 0.05);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("variant", v.label());
                row.put("method", method);
                row.put("power", power.value());
                row.put("ci68_low", power.lower());
                row.put("ci68_high", power.upper());
                row.put("detected", power.detected());
                row.put("signal_toys", power.toys());
                row.put("null_toys", nullToys);
                row.put("p_value_floor", nullToys > 0 ? 1.0 / (nullToys + 1) : null);
                row.put("toy", toy.parameters());
                setup.remove("toys");
                setup.remove("seed");
                row.put("setup", setup);
                rows.add(row);
                pValues.add(p);
                if (!engine.quiet) {
                    System.err.printf("%s %s %s: power %s%n", name, v.label(), method, power);
                }
            }
        }
        json.put("alpha", 0.05);
        json.put("rows", rows);
        json.put("paired_comparisons", pairedComparisons(rows, pValues));
        CategoryChart chart = new CategoryChartBuilder().width(900).height(450)
                .title(name + ": power at 5% (68% CP interval)").xAxisTitle("signal").yAxisTitle("power").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(methods.size() > 1);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        for (String method : methods) {
            List<Map<String, Object>> mine = rows.stream().filter(r -> r.get("method").equals(method)).toList();
            List<String> labels = mine.stream().map(r -> (String) r.get("variant")).toList();
            List<Double> values = mine.stream().map(r -> (Double) r.get("power")).toList();
            List<Double> errors = mine.stream()
                    .map(r -> ((Double) r.get("ci68_high") - (Double) r.get("ci68_low")) / 2).toList();
            // the paper's Fig. 12 colours: SparKer blue, Falkon orange, MMD green
            Color c = switch (method) {
                case "kernel-np" -> new Color(255, 127, 14);
                case "mmd-fuse" -> new Color(44, 160, 44);
                default -> new Color(31, 119, 180);
            };
            chart.addSeries(method, labels, values, errors).setFillColor(c);
        }
        png(chart, name);
    }

    /**
     * Toy-by-toy comparisons (McNemar) of every two rows that ran on the same signal toys: the
     * variants of Tables IV and V (one toy set-up, different training), or the methods of one
     * signal in Fig. 12.
     */
    private static List<Map<String, Object>> pairedComparisons(List<Map<String, Object>> rows, List<double[]> pValues) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int a = 0; a < rows.size(); a++) {
            for (int b = a + 1; b < rows.size(); b++) {
                Map<String, Object> ra = rows.get(a);
                Map<String, Object> rb = rows.get(b);
                if (!ra.get("toy").equals(rb.get("toy")) || pValues.get(a).length != pValues.get(b).length) {
                    continue;
                }
                PairedComparison c = PairedComparison.of(pValues.get(a), pValues.get(b), 0.05);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("first", ra.get("variant") + " / " + ra.get("method"));
                m.put("second", rb.get("variant") + " / " + rb.get("method"));
                m.put("both", c.both());
                m.put("only_first", c.onlyFirst());
                m.put("only_second", c.onlySecond());
                m.put("neither", c.neither());
                m.put("mcnemar_p_value", c.pValue());
                out.add(m);
            }
        }
        return out;
    }

    private Calibration calibrated(Map<String, Calibration> cache, CalibrationSpec nullSpec, String file) {
        String key = nullSpec.describe().toString();
        Calibration cal = cache.get(key);
        if (cal == null) {
            cal = Pipeline.calibrate(engine, nullSpec, nullToys(), out.resolve(file));
            cache.put(key, cal);
        }
        return cal;
    }

    private double[] signalPValues(Calibration cal, CalibrationSpec signalSpec, String file, Aggregation rule) {
        Calibration signalRuns = Pipeline.calibrate(engine, signalSpec, signalToys(), out.resolve(file));
        double[] p = new double[signalRuns.toys()];
        for (int k = 0; k < p.length; k++) {
            p[k] = cal.globalPValue(signalRuns.statisticsOf(k), rule).pValue();
        }
        return p;
    }

    // ------------------------------------------------------------------ kernel NP reference values

    /** Published outputs of the original kernel NP implementation (issue #7): σ, null median, power for Z > 2. */
    private static final double[][] KERNEL_NP_PUBLISHED = {
        {0.1, 131.8, 0.22}, {0.3, 53.3, 0.49}, {0.7, 27.2, 0.56}, {1.4, 15.9, 0.57}, {2.4, 10.8, 0.53}, {3.0, 9.4, 0.47}};

    /**
     * The kernel NP test at the published widths on the 1D exponential toy (N_R = 20,000,
     * exactly 2,000 background events, no Poisson fluctuation, as the original implementation's
     * toys): the null median of {@code t} at each width, and the power for {@code Z > 2}
     * (per-width empirical p-value below {@code 1 − Φ(2)}) with a 10-event bump at 6.4.
     */
    private void kernelNpReference() {
        double[] widths = baselines.widths != null ? baselines.widths
                : java.util.Arrays.stream(KERNEL_NP_PUBLISHED).mapToDouble(r -> r[0]).toArray();
        KernelNpStatistic stat = KernelNpStatistic.ofWidths(
                quick ? baselines.npConfig().withCentres(300) : baselines.npConfig(), widths);
        // fixed sizes (2,000 background + 10 signal events), as the original implementation's toys
        ToyModel toy = sized(ExponentialToy.table1("tail").withPoisson(false));
        CalibrationSpec nullSpec = new CalibrationSpec(stat, ToySource.of(toy), engine.seed);
        // the power for Z > 2 depends on the null's 97.7th percentile: 1,000 null toys pin it down
        Calibration cal = Pipeline.calibrate(engine, nullSpec, quick || nullToysOverride != null ? nullToys() : 1000,
                out.resolve("kernel-np-reference-null.jsonl"));
        Calibration signal = Pipeline.calibrate(engine,
                new CalibrationSpec(stat, ToySource.withSignal(toy), Stream.SIGNAL_TOYS.seed(engine.seed)),
                quick || signalToysOverride != null ? signalToys() : 300, out.resolve("kernel-np-reference-signal.jsonl"));
        double zTwo = 1 - org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1).cumulativeProbability(2);
        List<Map<String, Object>> rows = new ArrayList<>();
        double[] medians = new double[widths.length];
        double[] medianErr = new double[widths.length];
        double[] powers = new double[widths.length];
        double[] powerErr = new double[widths.length];
        for (int j = 0; j < widths.length; j++) {
            double[] t = cal.statisticsAt(j);
            java.util.Arrays.sort(t);
            int k = t.length;
            double median = k % 2 == 1 ? t[k / 2] : (t[k / 2 - 1] + t[k / 2]) / 2;
            // 68% order-statistic interval of the median: ranks k/2 ± √k/2
            int half = (int) Math.ceil(Math.sqrt(k) / 2);
            double low = t[Math.max(0, k / 2 - half)];
            double high = t[Math.min(k - 1, k / 2 + half)];
            ChiSquaredFit fit = null;
            try {
                fit = cal.chiSquaredFit(j);
            } catch (IllegalArgumentException e) {
                // too few usable toys for a fit (quick runs)
            }
            int detected = 0;
            int detectedChi2 = 0;
            for (int s = 0; s < signal.toys(); s++) {
                double ts = signal.statisticsOf(s)[j];
                if (PValues.empirical(ts, cal.statisticsAt(j)) < zTwo) {
                    detected++;
                }
                if (fit != null && fit.pValue(ts) < zTwo) {
                    detectedChi2++;
                }
            }
            Power power = Power.of(detected, signal.toys(), zTwo, Power.DEFAULT_CONFIDENCE);
            Power powerChi2 = Power.of(detectedChi2, signal.toys(), zTwo, Power.DEFAULT_CONFIDENCE);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sigma", widths[j]);
            row.put("null_median", median);
            row.put("null_median_ci68", new double[] {low, high});
            row.put("power_z_above_2", power.value());
            row.put("power_ci68", new double[] {power.lower(), power.upper()});
            for (double[] pub : KERNEL_NP_PUBLISHED) {
                if (Math.abs(pub[0] - widths[j]) < 1e-9) {
                    row.put("published_null_median", pub[1]);
                    row.put("published_power_z_above_2", pub[2]);
                }
            }
            row.put("chi2_dof", fit == null ? null : fit.degreesOfFreedom());
            if (fit != null) {
                row.put("power_z_above_2_chi2", powerChi2.value());
                row.put("power_chi2_ci68", new double[] {powerChi2.lower(), powerChi2.upper()});
            }
            rows.add(row);
            medians[j] = median;
            medianErr[j] = (high - low) / 2;
            powers[j] = power.value();
            powerErr[j] = (power.upper() - power.lower()) / 2;
            if (!engine.quiet) {
                System.err.printf("kernel-np σ = %.2f: null median %.1f [%.1f, %.1f], power(Z>2) %s, χ² %.3f%n", widths[j],
                        median, low, high, power, powerChi2.value());
            }
        }
        json.put("null_toys", cal.toys());
        json.put("signal_toys", signal.toys());
        json.put("test", stat.describe().get("test"));
        json.put("toy", toy.parameters());
        json.put("rows", rows);
        XYChart m = new XYChartBuilder().width(700).height(450).title("kernel NP: null median of t")
                .xAxisTitle("σ").yAxisTitle("median t").build();
        style(m);
        m.getStyler().setXAxisLogarithmic(true);
        m.getStyler().setYAxisLogarithmic(true);
        XYSeries ours = m.addSeries("ours (68% CI)", widths, medians, medianErr);
        ours.setMarker(SeriesMarkers.CIRCLE);
        ours.setLineColor(PALETTE[1]);
        ours.setMarkerColor(PALETTE[1]);
        double[] pw = java.util.Arrays.stream(KERNEL_NP_PUBLISHED).mapToDouble(r -> r[0]).toArray();
        XYSeries pub = m.addSeries("published", pw, java.util.Arrays.stream(KERNEL_NP_PUBLISHED).mapToDouble(r -> r[1]).toArray());
        pub.setMarker(SeriesMarkers.DIAMOND);
        pub.setLineColor(PALETTE[0]);
        pub.setMarkerColor(PALETTE[0]);
        png(m, "kernel-np-reference-medians");
        XYChart p = new XYChartBuilder().width(700).height(450).title("kernel NP: power for Z > 2, bump at 6.4 (10 events)")
                .xAxisTitle("σ").yAxisTitle("power").build();
        style(p);
        p.getStyler().setXAxisLogarithmic(true);
        p.getStyler().setYAxisMin(0.0);
        p.getStyler().setYAxisMax(1.0);
        XYSeries ourP = p.addSeries("ours (68% CP)", widths, powers, powerErr);
        ourP.setMarker(SeriesMarkers.CIRCLE);
        ourP.setLineColor(PALETTE[1]);
        ourP.setMarkerColor(PALETTE[1]);
        XYSeries pubP = p.addSeries("published", pw, java.util.Arrays.stream(KERNEL_NP_PUBLISHED).mapToDouble(r -> r[2]).toArray());
        pubP.setMarker(SeriesMarkers.DIAMOND);
        pubP.setLineColor(PALETTE[0]);
        pubP.setMarkerColor(PALETTE[0]);
        png(p, "kernel-np-reference-power");
    }

    private static String slug(String s) {
        return s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    // ------------------------------------------------------------------ kernel dynamics

    private TrajectoryRecorder train(TrainingSamples samples, TrainerConfig cfg) {
        TrajectoryRecorder rec = new TrajectoryRecorder(Math.max(1, cfg.steps() / 400));
        try (KernelBackend backend = engine.open()) {
            new Trainer(backend, cfg).train(samples, rec);
        }
        return rec;
    }

    /** Fig. 4: uniform background in [−1, 1]², three small anomalous clusters, four kernels. */
    private void fig4() {
        UniformRandomProvider rng = Seeds.stream(Stream.FIG4_SAMPLE, engine.seed);
        int nRef = quick ? 4000 : 40_000;
        int nData = quick ? 400 : 4000;
        double[][] clusters = {{-0.6, 0.5}, {0.55, 0.6}, {0.2, -0.65}};
        int perCluster = nData / 40;
        float[] ref = new float[2 * nRef];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = (float) (2 * rng.nextDouble() - 1);
        }
        int n = nData + 3 * perCluster;
        float[] data = new float[2 * n];
        for (int i = 0; i < 2 * nData; i++) {
            data[i] = (float) (2 * rng.nextDouble() - 1);
        }
        var gauss = org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian.of(rng);
        int o = 2 * nData;
        for (double[] c : clusters) {
            for (int j = 0; j < perCluster; j++) {
                data[o++] = (float) (c[0] + 0.05 * gauss.sample());
                data[o++] = (float) (c[1] + 0.05 * gauss.sample());
            }
        }
        TrainingSamples s = TrainingSamples.of(FloatMatrix.wrap(ref, nRef, 2), FloatMatrix.wrap(data, n, 2),
                (double) nData / nRef);
        TrainerConfig cfg = config(b -> b.kernels(4).steps(quick ? 200 : 4000).learningRate(0.01).seed(engine.seed));
        TrajectoryRecorder rec = train(s, cfg);
        XYChart chart = new XYChartBuilder().width(700).height(700).title("fig4: kernel trajectories (4 kernels)")
                .xAxisTitle("x₀").yAxisTitle("x₁").build();
        style(chart);
        List<Map<String, Object>> kernels = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int k = i;
            double[] x = rec.frames().stream().mapToDouble(f -> f.centers()[2 * k]).toArray();
            double[] y = rec.frames().stream().mapToDouble(f -> f.centers()[2 * k + 1]).toArray();
            line(chart, "kernel " + i, x, y, PALETTE[i]);
            kernels.add(Map.of("start", new double[] {x[0], y[0]}, "end", new double[] {x[x.length - 1], y[y.length - 1]}));
        }
        for (int c = 0; c < clusters.length; c++) {
            XYSeries s2 = chart.addSeries("cluster " + c, new double[] {clusters[c][0]}, new double[] {clusters[c][1]});
            s2.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s2.setMarker(SeriesMarkers.DIAMOND);
            s2.setMarkerColor(Color.BLACK);
        }
        json.put("clusters", clusters);
        json.put("kernels", kernels);
        json.put("nearest_kernel_to_each_cluster", nearest(clusters, rec.frames().get(rec.frames().size() - 1), 2));
        png(chart, "fig4");
    }

    private static double[] nearest(double[][] targets, TrajectoryRecorder.Frame f, int d) {
        double[] r = new double[targets.length];
        for (int t = 0; t < targets.length; t++) {
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < f.centers().length / d; i++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    double diff = f.centers()[i * d + k] - targets[t][k];
                    s += diff * diff;
                }
                best = Math.min(best, Math.sqrt(s));
            }
            r[t] = best;
        }
        return r;
    }

    /**
     * Fig. 5: mixture N(±3, 1) with one anomalous point at −10, large weighted samples ("infinite
     * statistics"), one kernel from the same start: fixed σ ∈ {5, 1, 0.5, 0.05} against linear
     * annealing from 5 to 0.05, 20,000 steps (with 5,000 at η = 0.05 not even annealing gets there).
     */
    private void fig5() {
        TrainingSamples s = infiniteStatistics(quick ? 2000 : 20_000, new double[] {-10}, Stream.FIG5_SAMPLE);
        XYChart chart = new XYChartBuilder().width(800).height(480).title("fig5: distance of the kernel to the anomaly at −10")
                .xAxisTitle("step").yAxisTitle("|μ + 10|").build();
        style(chart);
        chart.getStyler().setYAxisLogarithmic(true);
        List<Map<String, Object>> runs = new ArrayList<>();
        double[][] widths = {{5, 5}, {1, 1}, {0.5, 0.5}, {0.05, 0.05}, {5, 0.05}};
        int c = 0;
        for (double[] w : widths) {
            String label = w[0] == w[1] ? "σ = " + w[0] : "annealing " + w[0] + " → " + w[1];
            // every run starts at −3, the centre of the nearer background component
            TrainerConfig cfg = config(b -> b.kernels(1).steps(quick ? 200 : 20_000).checkpoints(1)
                    .widthRange(new WidthRange(w[0], w[1])).initialCenters(-3.0).seed(engine.seed));
            TrajectoryRecorder rec = train(s, cfg);
            double[] steps = rec.frames().stream().mapToDouble(TrajectoryRecorder.Frame::step).toArray();
            double[] dist = rec.frames().stream().mapToDouble(f -> Math.max(1e-4, Math.abs(f.centers()[0] + 10))).toArray();
            line(chart, label, steps, dist, PALETTE[c++ % PALETTE.length]);
            runs.add(Map.of("label", label, "start", rec.frames().get(0).centers()[0], "final_distance",
                    Math.abs(rec.frames().get(rec.frames().size() - 1).centers()[0] + 10)));
        }
        json.put("runs", runs);
        png(chart, "fig5");
    }

    /**
     * The paper's "infinite statistics" limit: the data is the reference's own background plus the
     * anomalous points, with {@code w_R = 1}, so background fluctuations cancel exactly and only
     * the anomalies drive the kernels (two independent samples of 20,000 points would differ by
     * far more than one point).
     */
    private TrainingSamples infiniteStatistics(int n, double[] anomalies, Stream stream) {
        TrainingSamples b = TeacherStudentToy.points(n, n).sample(Seeds.stream(stream, engine.seed));
        FloatMatrix background = b.reference();
        return TrainingSamples.of(background, background.concat(FloatMatrix.column(anomalies)), 1.0);
    }

    /** Fig. 6: single anomalous points, as many kernels as points, with and without softmax. */
    private void pointsWithAndWithoutSoftmax(String name, double[] anomalies, int kernels) {
        TrainingSamples s = infiniteStatistics(quick ? 2000 : 20_000, anomalies, Stream.FIG6_SAMPLE);
        // both variants start from the same centres on the near side of the background, −3 and −2.5
        dynamicsWithAndWithoutSoftmax(name, s, kernels, anomalies, "anomalous points " + java.util.Arrays.toString(anomalies),
                new double[] {-3.0, -2.5});
    }

    /** Fig. 7: the signal N(−5, 0.1) on the ±3 mixture with limited statistics, seven kernels. */
    private void fig7() {
        TeacherStudentToy toy = TeacherStudentToy.gaussianSignal(quick ? 2000 : 20_000, quick ? 200 : 2000, -5, 0.1, 0.02);
        TrainingSamples s = toy.sample(Seeds.stream(Stream.FIG7_SAMPLE, engine.seed));
        dynamicsWithAndWithoutSoftmax("fig7", s, 7, new double[] {-5}, "signal N(−5, 0.1), 2%", null);
    }

    private void dynamicsWithAndWithoutSoftmax(String name, TrainingSamples s, int kernels, double[] targets,
            String what, double[] start) {
        List<Map<String, Object>> runs = new ArrayList<>();
        for (boolean softmax : new boolean[] {true, false}) {
            TrainerConfig cfg = config(b -> b.kernels(kernels).steps(quick ? 200 : 5000).softmax(softmax)
                    .initialCenters(start).seed(engine.seed));
            TrajectoryRecorder rec = train(s, cfg);
            String label = softmax ? "softmax" : "no softmax";
            XYChart chart = new XYChartBuilder().width(800).height(480)
                    .title(name + ": kernel positions, " + label + " (" + what + ")").xAxisTitle("step")
                    .yAxisTitle("μ_i").build();
            style(chart);
            double[] steps = rec.frames().stream().mapToDouble(TrajectoryRecorder.Frame::step).toArray();
            for (int i = 0; i < kernels; i++) {
                int k = i;
                line(chart, "kernel " + i, steps, rec.frames().stream().mapToDouble(f -> f.centers()[k]).toArray(),
                        PALETTE[i % PALETTE.length]);
            }
            for (double t : targets) {
                XYSeries ts = chart.addSeries("target " + t, new double[] {steps[0], steps[steps.length - 1]},
                        new double[] {t, t});
                ts.setMarker(SeriesMarkers.NONE);
                ts.setLineColor(Color.GRAY);
                ts.setLineStyle(new java.awt.BasicStroke(1f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                        1f, new float[] {4f, 4f}, 0f));
            }
            png(chart, name + (softmax ? "-softmax" : "-no-softmax"));
            double[][] t2 = new double[targets.length][];
            for (int i = 0; i < targets.length; i++) {
                t2[i] = new double[] {targets[i]};
            }
            var last = rec.frames().get(rec.frames().size() - 1);
            runs.add(Map.of("variant", label, "final_centers", last.centers(), "final_amplitudes", last.amplitudes(),
                    "nearest_kernel_to_each_target", nearest(t2, last, 1)));
        }
        json.put("targets", targets);
        json.put("runs", runs);
    }

    /**
     * Fig. 14: Moran's spacing statistic of the (1D) kernel positions on the reference's range,
     * during training, averaged over anomaly-free toys of the extreme-tail set-up, with and
     * without softmax, against its mean for uniform positions.
     */
    private void fig14() {
        ToyModel toy = sized(ExponentialToy.table1("extreme-tail")).withoutSignal();
        int toys = quick ? 3 : 100;
        XYChart chart = new XYChartBuilder().width(800).height(480).title("fig14: Moran spacing of kernel positions")
                .xAxisTitle("step").yAxisTitle("Moran statistic").build();
        style(chart);
        List<Map<String, Object>> curves = new ArrayList<>();
        int c = 0;
        for (boolean softmax : new boolean[] {true, false}) {
            TrainerConfig cfg = config(b -> b.softmax(softmax));
            int frames = -1;
            double[] sum = null;
            double[] sumSq = null;
            double[] steps = null;
            for (int k = 0; k < toys; k++) {
                TrainingSamples s = toy.sample(Seeds.stream(Stream.FIG14_SAMPLES, engine.seed, k));
                TrajectoryRecorder rec = train(s, cfg.withSeed(Stream.FIG14_TRAINING.seed(engine.seed, k)));
                float[] ref = s.reference().data();
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (float v : ref) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                List<TrajectoryRecorder.Frame> fr = rec.frames();
                if (sum == null) {
                    frames = fr.size();
                    sum = new double[frames];
                    sumSq = new double[frames];
                    steps = fr.stream().mapToDouble(TrajectoryRecorder.Frame::step).toArray();
                }
                for (int j = 0; j < frames; j++) {
                    double mo = MoranSpacing.statistic(fr.get(j).centers(), lo, hi);
                    sum[j] += mo;
                    sumSq[j] += mo * mo;
                }
            }
            double[] mean = new double[frames];
            double[] std = new double[frames];
            for (int j = 0; j < frames; j++) {
                mean[j] = sum[j] / toys;
                std[j] = Math.sqrt(Math.max(0, sumSq[j] / toys - mean[j] * mean[j]));
            }
            String label = softmax ? "softmax" : "no softmax";
            line(chart, label, steps, mean, PALETTE[c++]);
            curves.add(Map.of("variant", label, "steps", steps, "mean", mean, "std", std,
                    "final_mean", mean[frames - 1], "final_std", std[frames - 1]));
        }
        int kernels = training.config().kernels();
        double uniform = MoranSpacing.uniformMean(kernels);
        XYSeries u = chart.addSeries("uniform positions", new double[] {0, training.config().steps()},
                new double[] {uniform, uniform});
        u.setMarker(SeriesMarkers.NONE);
        u.setLineColor(Color.BLACK);
        json.put("toys", toys);
        json.put("uniform_mean", uniform);
        json.put("curves", curves);
        png(chart, "fig14");
    }

    // ------------------------------------------------------------------ plotting

    private static final Color[] PALETTE = {new Color(228, 26, 28), new Color(55, 126, 184), new Color(77, 175, 74),
        new Color(152, 78, 163), new Color(255, 127, 0), new Color(166, 86, 40), new Color(247, 129, 191)};

    private static void style(XYChart chart) {
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    }

    private static void line(XYChart chart, String name, double[] x, double[] y, Color c) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(c);
    }

    private void png(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, String name) {
        Path file = out.resolve(name + ".png");
        OutputFiles.write(file, o -> {
            try {
                o.write(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
            } catch (IOException e) {
                throw new UserError(file + ": the plot could not be drawn (" + e.getMessage() + ")", e);
            }
        });
        @SuppressWarnings("unchecked")
        List<String> plots = (List<String>) json.computeIfAbsent("plots", k -> new ArrayList<String>());
        plots.add(file.getFileName().toString());
    }
}
