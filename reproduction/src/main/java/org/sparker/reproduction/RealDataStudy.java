package org.sparker.reproduction;

import org.sparker.app.BaselineSettings;
import org.sparker.app.report.Charts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sparker.baselines.KernelNpStatistic;
import org.sparker.baselines.Method;
import org.sparker.baselines.MmdFuse;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.KernelBackend;
import org.sparker.app.preprocess.Preprocessing;
import org.sparker.engine.TrainingSamples;
import org.sparker.engine.train.TrainerConfig;
import org.sparker.sampling.Seeds;
import org.sparker.sampling.Stream;
import org.sparker.stats.Aggregation;
import org.sparker.stats.Calibration;
import org.sparker.calibration.CalibrationSpec;
import org.sparker.calibration.Detection;
import org.sparker.stats.PairedComparison;
import org.sparker.stats.Power;
import org.sparker.calibration.ReferenceSplit;

/**
 * A real-data check (issue 14): the Wisconsin diagnostic breast-cancer table (569 tumours, 30
 * features in mixed units: areas near 1,000, smoothness near 0.1), as scikit-learn ships it.
 * Reference: benign tumours; data: {@value #BENIGN_IN_DATA} other benign tumours plus {@code k}
 * malignant ones. Each trial is the {@code sparker run} test on that pair (calibration toys from
 * the reference itself, {@link ReferenceSplit}), for SparKer on the raw features, SparKer on
 * standardized features, the kernel NP test and MMD-FUSE (SparKer's p-values under both aggregation
 * rules, from the same trainings), or those of them {@code --methods} names; the power at 5%
 * against {@code k}, with toy-by-toy comparisons. Then the same trials with every feature
 * multiplied by 1,000: the p-values of the equivariant recipes must not change. The trials depend
 * on the seed alone, so a run of one method lines up toy by toy with another run's columns.
 */
final class RealDataStudy implements Study {

    /** Where Debian's python3-sklearn puts the table. */
    static final Path DEFAULT_TABLE = Path.of("/usr/lib/python3/dist-packages/sklearn/datasets/data/breast_cancer.csv");
    /** Benign tumours in each data sample, besides the malignant ones. */
    static final int BENIGN_IN_DATA = 100;
    static final int[] MALIGNANT = {0, 5, 10, 20, 40};
    static final double ALPHA = 0.05;
    /** The factor every feature is multiplied by in the units check. */
    static final double UNITS = 1000;

    /** One method at one {@code k}: power at 5% over the trials, and every trial's p-value. */
    record Row(int malignant, String method, double power, double ci68Low, double ci68High, int trials, double[] pValues) {
    }

    /** The p-values of one method on the same trials in units 1,000 times larger. */
    record UnitsCheck(String method, int malignant, int trials, int identical, double largestDifference) {
    }

    record Result(String table, int benign, int malignantAvailable, int dimension, int benignInData, int calibrationToys,
            List<Row> rows, List<PowerTableStudy.PairedRow> pairedComparisons, List<UnitsCheck> unitsCheck)
            implements StudyResult {
    }

    @Override
    public String name() {
        return "real-data";
    }

    @Override
    public String description() {
        return "breast-cancer table (scikit-learn): benign reference, benign + k malignant data; power vs k, units check";
    }

    @Override
    public boolean comparesMethods() {
        return true;
    }

    /** SparKer (as given and standardized) and both baselines, on the same trials. */
    @Override
    public List<Method> defaultMethods() {
        return List.of(Method.SPARKER, Method.KERNEL_NP, Method.MMD_FUSE);
    }

    /**
     * The table's columns for the methods asked for, in the order of {@link #defaultMethods}:
     * SparKer runs as given and standardized.
     */
    static List<String> methodColumns(List<Method> asked) {
        List<String> methods = new ArrayList<>();
        if (asked.contains(Method.SPARKER)) {
            methods.add("sparker");
            methods.add("sparker-standardized");
        }
        if (asked.contains(Method.KERNEL_NP)) {
            methods.add(Method.KERNEL_NP.label());
        }
        if (asked.contains(Method.MMD_FUSE)) {
            methods.add(Method.MMD_FUSE.label());
        }
        return List.copyOf(methods);
    }

    /** The table: label 1 benign, 0 malignant, as scikit-learn codes it. */
    record Table(FloatMatrix benign, FloatMatrix malignant) {
        static Table read(Path file) {
            List<float[]> benign = new ArrayList<>();
            List<float[]> malignant = new ArrayList<>();
            List<String> lines;
            try {
                lines = Files.readAllLines(file);
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": cannot be read (" + e.getMessage()
                        + "); install Debian's python3-sklearn or give --dataset", e);
            }
            int d = -1;
            for (int i = 1; i < lines.size(); i++) { // line 1 is scikit-learn's count header
                String line = lines.get(i).trim();
                if (line.isEmpty()) {
                    continue;
                }
                String[] cells = line.split(",");
                if (d < 0) {
                    d = cells.length - 1;
                }
                if (cells.length != d + 1) {
                    throw new IllegalArgumentException(file + ": line " + (i + 1) + " has " + cells.length
                            + " columns, expected " + (d + 1));
                }
                float[] row = new float[d];
                try {
                    for (int k = 0; k < d; k++) {
                        row[k] = Float.parseFloat(cells[k]);
                    }
                    (Integer.parseInt(cells[d].trim()) == 1 ? benign : malignant).add(row);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + ": line " + (i + 1) + " is not numbers and a 0/1 label");
                }
            }
            if (benign.size() < 8 || malignant.isEmpty()) {
                throw new IllegalArgumentException(file + ": too few benign (" + benign.size() + ") or malignant ("
                        + malignant.size() + ") rows");
            }
            return new Table(FloatMatrix.of(benign.toArray(float[][]::new)), FloatMatrix.of(malignant.toArray(float[][]::new)));
        }

        Table scaled(double factor) {
            return new Table(scale(benign, factor), scale(malignant, factor));
        }

        private static FloatMatrix scale(FloatMatrix m, double factor) {
            float[] x = m.data().clone();
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (x[i] * factor);
            }
            return FloatMatrix.wrap(x, m.rows(), m.cols());
        }
    }

    /** One trial's samples: the reference (benign not in the data) and the data. */
    private record Trial(FloatMatrix reference, FloatMatrix data, long seed) {
        static Trial draw(Table t, int k, int benignInData, long seed) {
            UniformRandomProvider rng = Seeds.stream(seed);
            int nb = t.benign().rows();
            int[] perm = new PermutationSampler(rng, nb, nb).sample();
            int[] inData = java.util.Arrays.copyOf(perm, benignInData);
            int[] inReference = java.util.Arrays.copyOfRange(perm, benignInData, nb);
            FloatMatrix data = t.benign().selectRows(inData);
            if (k > 0) {
                int[] mal = new PermutationSampler(rng, t.malignant().rows(), k).sample();
                data = data.concat(t.malignant().selectRows(mal));
            }
            return new Trial(t.benign().selectRows(inReference), data, seed);
        }
    }

    @Override
    public Result run(StudyContext ctx) {
        Path file = ctx.options().dataset() != null ? ctx.options().dataset() : DEFAULT_TABLE;
        Table table = Table.read(file);
        int trials = ctx.quick() ? 3 : 40;
        int toys = ctx.options().nullToys(50);
        int benignInData = ctx.quick() ? Math.min(BENIGN_IN_DATA, table.benign().rows() / 4) : BENIGN_IN_DATA;
        int[] ks = ctx.quick() ? new int[] {0, Math.min(10, table.malignant().rows())} : MALIGNANT;
        List<String> methods = methodColumns(ctx.options().methods());
        List<String> columns = columns(methods);
        List<Row> rows = new ArrayList<>();
        List<PowerTableStudy.PairedRow> pairs = new ArrayList<>();
        List<UnitsCheck> units = new ArrayList<>();
        for (int k : ks) {
            Map<String, double[]> atK = new LinkedHashMap<>();
            Map<String, double[]> scaledAtK = new LinkedHashMap<>();
            for (String m : columns) {
                atK.put(m, new double[trials]);
                scaledAtK.put(m, new double[trials]);
            }
            Table scaled = table.scaled(UNITS);
            for (int r = 0; r < trials; r++) {
                long seed = Stream.REAL_DATA_TRIALS.seed(ctx.seed(), 1000L * k + r);
                Trial trial = Trial.draw(table, k, benignInData, seed);
                Trial big = Trial.draw(scaled, k, benignInData, seed);
                String tag = "k" + k + "-trial" + r;
                for (String m : methods) {
                    int trialIndex = r;
                    pValues(ctx, m, trial, toys, tag, "").forEach((column, p) -> atK.get(column)[trialIndex] = p);
                    // the units check for SparKer (both forms) and the kernel NP test
                    if (!m.equals(Method.MMD_FUSE.label())) {
                        pValues(ctx, m, big, toys, tag, "-x1000")
                                .forEach((column, p) -> scaledAtK.get(column)[trialIndex] = p);
                    }
                }
                int done = r;
                ctx.reporter().line("real-data k = " + k + " trial " + r + ": " + atK.keySet().stream()
                        .map(m -> m + " " + String.format(Locale.ROOT, "%.3g", atK.get(m)[done])).toList());
            }
            for (String m : columns) {
                Power pw = Power.atLevel(atK.get(m), ALPHA);
                rows.add(new Row(k, m, pw.value(), pw.lower(), pw.upper(), trials, atK.get(m)));
                if (!m.equals(Method.MMD_FUSE.label())) {
                    int same = 0;
                    double worst = 0;
                    for (int r = 0; r < trials; r++) {
                        double diff = Math.abs(atK.get(m)[r] - scaledAtK.get(m)[r]);
                        same += diff == 0 ? 1 : 0;
                        worst = Math.max(worst, diff);
                    }
                    units.add(new UnitsCheck(m, k, trials, same, worst));
                }
            }
            for (int a = 0; a < columns.size(); a++) { // every two columns on the same trials
                for (int b = a + 1; b < columns.size(); b++) {
                    PairedComparison c = PairedComparison.of(atK.get(columns.get(a)), atK.get(columns.get(b)), ALPHA);
                    pairs.add(new PowerTableStudy.PairedRow("k=" + k + " / " + columns.get(a),
                            "k=" + k + " / " + columns.get(b), c.both(), c.onlyFirst(), c.onlySecond(), c.neither(),
                            c.pValue()));
                }
            }
        }
        plot(ctx, rows, columns, benignInData);
        return new Result(file.toString(), table.benign().rows(), table.malignant().rows(), table.benign().cols(),
                benignInData, toys, rows, pairs, units);
    }

    /**
     * The columns of the table: each method, and SparKer's two forms once more under the min-p rule
     * ({@link Aggregation#MIN_P}), read from the same trainings against the same calibrations.
     */
    private static List<String> columns(List<String> methods) {
        List<String> columns = new ArrayList<>();
        for (String m : methods) {
            columns.add(m);
            if (m.startsWith("sparker")) {
                columns.add(m + MIN_P_SUFFIX);
            }
        }
        return List.copyOf(columns);
    }

    /** The column suffix of SparKer's p-values under the min-p rule. */
    static final String MIN_P_SUFFIX = "-min-p";

    /**
     * The global p-values of one method on one trial, by column: the {@code sparker run} test. For
     * SparKer, one training gives both aggregation rules' p-values against one calibration.
     */
    private static Map<String, Double> pValues(StudyContext ctx, String method, Trial trial, int toys, String tag,
            String suffix) {
        FloatMatrix ref = trial.reference();
        FloatMatrix data = trial.data();
        if (method.equals(Method.MMD_FUSE.label())) {
            MmdFuse test = new MmdFuse(ctx.options().baselines().mmdFuse().withThreads(1).withPermutations(ctx.quick() ? 50 : 500));
            try (KernelBackend b = ctx.open()) {
                return Map.of(method,
                        test.test(b, TrainingSamples.of(ref, data), Stream.OBSERVED_BASELINE.seed(trial.seed())).pValue());
            }
        }
        // as sparker run: standardized (the test on its reference, every toy on its own) or not
        Preprocessing.Prepared split = new Preprocessing(null, method.equals("sparker-standardized"))
                .prepare(ref, "reference", data, "data", null, null, trial.seed());
        String file = "real-data-" + method + "-" + tag + suffix + ".jsonl";
        if (method.equals(Method.KERNEL_NP.label())) {
            BaselineSettings b = ctx.options().baselines();
            KernelNpStatistic stat = b.kernelNpStatistic(ctx.quick() ? b.kernelNp().withCentres(100) : b.kernelNp(),
                    split.source(), trial.seed());
            Calibration cal = ctx.calibrate(new CalibrationSpec(stat, split.source(), trial.seed()), toys, file);
            try (KernelBackend backend = ctx.open()) {
                double[] t = stat.evaluate(backend, split.observed(), Stream.OBSERVED_BASELINE.seed(trial.seed()));
                return Map.of(method, cal.globalPValue(t, b.aggregation()).pValue());
            }
        }
        TrainerConfig config = ctx.config(null);
        CalibrationSpec spec = CalibrationSpec.withEstimatedRange(config, split.source(), trial.seed());
        Calibration cal = ctx.calibrate(spec, toys, file);
        try (KernelBackend backend = ctx.open()) {
            Detection.Result paper = Detection.run(backend, spec, cal, split.observed(), trial.seed(), Aggregation.SPARKER,
                    org.sparker.engine.train.TrainingListener.NONE);
            Detection.Result minP = Detection.evaluate(paper.training(), spec, cal, Aggregation.MIN_P);
            return Map.of(method, paper.global().pValue(), method + MIN_P_SUFFIX, minP.global().pValue());
        }
    }

    private static void plot(StudyContext ctx, List<Row> rows, List<String> methods, int benignInData) {
        XYChart chart = new XYChartBuilder().width(1000).height(480)
                .title("real data: power at 5% against the malignant tumours in the data (68% CP)")
                .xAxisTitle("malignant tumours among " + benignInData + " benign").yAxisTitle("power").build();
        Charts.style(chart.getStyler());
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        // six series reach power 1 in the top right corner: the legend goes beside the plot
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        int c = 0;
        for (String m : methods) {
            List<Row> mine = rows.stream().filter(r -> r.method().equals(m)).toList();
            XYSeries s = chart.addSeries(m, mine.stream().mapToDouble(Row::malignant).toArray(),
                    mine.stream().mapToDouble(Row::power).toArray(),
                    mine.stream().mapToDouble(r -> (r.ci68High() - r.ci68Low()) / 2).toArray());
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineColor(Charts.PALETTE[c]);
            s.setMarkerColor(Charts.PALETTE[c++]);
        }
        ctx.png(chart, "real-data");
    }
}
