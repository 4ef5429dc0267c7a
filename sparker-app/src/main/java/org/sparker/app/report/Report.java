package org.sparker.app.report;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.internal.chartpart.Chart;
import org.sparker.app.KernelNotes;
import org.sparker.app.UserError;
import org.sparker.app.Workflows;
import org.sparker.app.io.OutputFiles;
import org.sparker.app.io.ResultFiles;
import org.sparker.app.preprocess.Preprocessing;
import org.sparker.calibration.Detection;
import org.sparker.engine.ForwardResult;
import org.sparker.engine.KernelModel;
import org.sparker.engine.TrainingSamples;
import org.sparker.engine.train.TrajectoryRecorder;
import org.sparker.stats.Aggregation;
import org.sparker.stats.Calibration;

/**
 * The self-contained {@code report.html} of a test: the global p-value, the per-checkpoint
 * statistics, the kernels, and the charts of {@link ReportCharts} embedded as PNG data URIs.
 */
public final class Report {

    public record Data(String title, Detection.Result result, Calibration calibration, TrainingSamples observed,
            ForwardResult onData, double[] referenceScores, List<TrajectoryRecorder.Frame> trajectories,
            ResultFiles.Result json, KernelModel model, int checkpoint, String selectedBy, Preprocessing.Fitted units,
            List<String> columns) {
    }

    private Report() {
    }

    public static String render(Data d) {
        StringBuilder h = new StringBuilder();
        var g = d.result().global();
        h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>SparKer report: ")
                .append(escape(d.title())).append("</title><style>")
                .append("body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}")
                .append("img{max-width:100%;border:1px solid #eee;margin:4px 0}.big{font-size:1.3em}")
                .append("</style></head><body>");
        h.append("<h1>SparKer: ").append(escape(d.title())).append("</h1>");
        h.append("<p class=\"big\">p-value <b>").append(g.upperLimit() ? "≤ " : "= ")
                .append(String.format(Locale.ROOT, "%.4g", g.pValue())).append("</b>, Z <b>").append(g.upperLimit() ? "≥ " : "= ")
                .append(OutputFiles.formatZ(g.z())).append("</b> against ").append(g.toys())
                .append(" anomaly-free calibration toys")
                .append(g.upperLimit() ? " (the p-value is at its floor 1/(K+1): an upper limit; more toys would resolve it)" : "")
                .append(".</p><p>The p-value is ").append(escape(d.json().pValueIs())).append(".</p>");
        ResultFiles.Extrapolated x = d.json().extrapolated();
        if (g.upperLimit() && x.accepted()) {
            h.append(String.format(java.util.Locale.ROOT, "<p>Beyond every toy: a tail model of a different statistic, "
                    + "the toys' largest standardised checkpoint statistic (a generalized Pareto fitted to the excesses "
                    + "of the top %d toys, shape %.3g, Kolmogorov–Smirnov p = %.2g), puts the data at p ≈ %.3g, "
                    + "Z ≈ %s. It is a model, not the p-value above, which counts toys; on the paper's 1D and 2D "
                    + "benchmarks held-back anomaly-free toys fell below a level about as often as the level says.</p>",
                    x.exceedances(), x.gpdShape(), x.ksPValue(), x.pValue(), x.zText()));
        } else if (g.upperLimit()) {
            h.append("<p>Beyond every toy; no tail model: ").append(escape(String.valueOf(x.reason()))).append(".</p>");
        }
        h.append("<p>Backend ").append(escape(d.json().backend())).append(", seed ")
                .append(d.json().seed()).append(", N<sub>R</sub> = ").append(d.observed().reference().rows())
                .append(", N<sub>D</sub> = ").append(d.observed().data().rows()).append(", d = ")
                .append(d.observed().dimension()).append(", w<sub>R</sub> = ")
                .append(String.format(Locale.ROOT, "%.4g", d.observed().referenceWeight())).append(".</p>");

        h.append("<h2>Test statistic at each checkpoint</h2><table><tr><th>σ</th><th>t(σ)</th><th>p(σ)</th></tr>");
        for (int j = 0; j < d.result().widths().length; j++) {
            h.append(String.format(Locale.ROOT, "<tr><td>%.4g</td><td>%.3f</td><td>%.4g</td></tr>", d.result().widths()[j],
                    d.result().testStatistics()[j], d.result().pValues()[j]));
        }
        h.append("</table>");
        h.append("<p>Each checkpoint's p-value p(σ) counts the toys whose t at that width is at least the data's. "
                + "The chart shows where along the annealing the evidence sits: the data's t against the toys' "
                + "median and central 90%.</p>");
        h.append(img(ReportCharts.statisticAgainstWidth(d), 900, 380));
        Aggregation rule = d.result().aggregation();
        h.append(String.format(java.util.Locale.ROOT, "<h2>The combined statistic</h2><p>The checkpoints' p-values "
                + "combine into one statistic, %s (%s), larger when the data are more "
                + "anomalous. The headline p-value is the share of the toys whose T (blue) is at least the data's "
                + "(red, T = %.3f).</p>", rule.formula(), (rule == Workflows.DEFAULT_AGGREGATION ? "the default"
                        : "chosen with <code>--aggregation " + rule.cliName() + "</code>")
                        + (rule == Aggregation.SPARKER ? ", Algorithm 1's rule" : ", not Algorithm 1's rule"), g.statistic()));
        h.append(img(ReportCharts.combinedStatistic(d), 900, 380));

        KernelModel model = d.model();
        h.append(String.format(Locale.ROOT, "<h2>The kernels at checkpoint %d (σ = %.4g, %s)</h2><p>The scores below come from this "
                + "model, also written to model.json (<code>--checkpoint best|last|N</code> chooses another). Centres and σ are "
                + "in the model's coordinates: " + coordinates(d.units()) + ".</p>"
                + "<table><tr><th>kernel</th><th>amplitude</th><th>centre</th></tr>", d.checkpoint() + 1,
                d.result().widths()[d.checkpoint()], switch (d.selectedBy()) {
                    case "best" -> "the most significant checkpoint";
                    case "last" -> "the last checkpoint";
                    default -> "as requested";
                }));
        for (int i = 0; i < model.kernels(); i++) {
            double[] c = model.center(i);
            String centre = Arrays.stream(c).limit(8).mapToObj(v -> String.format(Locale.ROOT, "%.4g", v))
                    .reduce((a, b) -> a + ", " + b).orElse("") + (c.length > 8 ? ", …" : "");
            h.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%.4g</td><td style=\"text-align:left\">(%s)</td></tr>", i,
                    model.amplitude(i), centre));
        }
        h.append("</table>");
        h.append(kernelNotes(d));

        h.append("<h2>Anomaly score</h2><p>Histogram of c(x) = sigmoid(f(x)) over the data (black) and its "
                + "expectation from the reference sample weighted by w<sub>R</sub>, with a ±1σ Poisson band (blue).</p>");
        h.append(img(ReportCharts.scoreHistogram(d), 900, 380));
        h.append("<h2>Components of the most anomalous points</h2><p>Each kernel's share f<sub>i</sub>(x) of "
                + "f(x) = Σ f<sub>i</sub>(x) at the 20 data points with the highest score: red pulls towards the data "
                + "(an excess there), blue towards the reference (a deficit).</p>");
        h.append(img(ReportCharts.activations(d), 900, 420));
        h.append(topPoints(d, 20));
        if (d.observed().dimension() <= 2) {
            h.append("<h2>Kernel trajectories</h2><p>")
                    .append(d.observed().dimension() == 1 ? "Kernel centres against the training step, over the data histogram's range."
                            : "Data (grey) and the path of each kernel centre during annealing; crosses mark the end.")
                    .append("</p>");
            h.append(img(ReportCharts.trajectories(d), 900, 500));
        } else {
            h.append("<h2>The kernels over the data</h2><p>The data and the centres of the model above, projected on "
                    + "the two leading principal directions of the data (crosses: centres, blue for a positive "
                    + "amplitude, black for a negative one; red: the third of the data with the highest score).</p>");
            h.append(img(ReportCharts.principalProjection(d), 900, 500));
            h.append("<h2>Projection on the two most active components</h2><p>Each data point at "
                    + "(f<sub>a</sub>(x), f<sub>b</sub>(x)) for the two components with the largest mean |f<sub>i</sub>| "
                    + "on the data; colour by anomaly score tercile.</p>");
            h.append(img(ReportCharts.projection(d), 900, 500));
        }
        h.append("<p style=\"color:#888\">Made by the sparker command. Numbers: result.json; model: model.json.</p>");
        h.append("</body></html>");
        return h.toString();
    }

    /** The coordinates a model lives in, in words: what the inputs went through before training. */
    static String coordinates(Preprocessing.Fitted u) {
        java.util.List<String> steps = new java.util.ArrayList<>();
        if (u.map() != null) {
            steps.add("the map " + escape(u.map().name()) + " applied to every value");
        }
        if (u.projection() != null) {
            steps.add("the projection on the reference's first " + u.projection().dimension() + " principal axes");
        }
        if (u.spherical() != null) {
            boolean origin = Arrays.stream(u.spherical().center()).allMatch(v -> v == 0);
            steps.add("hyperspherical coordinates about " + (origin ? "the origin" : "the reference's mean")
                    + " (coordinate 0 the radius, the others its angles)");
        }
        if (u.units() != null) {
            steps.add("every coordinate standardized on the reference (mean 0, standard deviation 1)");
        }
        if (steps.isEmpty()) {
            return "the data file's own units";
        }
        return String.join(", then ", steps) + " (model.json records each step; the table of the most anomalous "
                + "points gives the file's units)";
    }

    /**
     * Plain words on the groups of kernels of {@code model} that ended on one centre: the amplitude
     * each group acts with and the number of distinct kernels; empty when there are none.
     */
    static String duplicateNotes(java.util.List<java.util.List<Integer>> groups, KernelModel model) {
        StringBuilder h = new StringBuilder();
        int distinct = model.kernels();
        for (java.util.List<Integer> g : groups) {
            double sum = g.stream().mapToDouble(model::amplitude).sum();
            // with the softmax, kernels on one centre split its weight evenly: they act as one
            // kernel of their mean amplitude; without it their contributions add
            boolean softmax = model.softmax();
            h.append(String.format(java.util.Locale.ROOT, "<p>Kernels %s ended on one centre (within %.1f σ): together "
                    + "they act as one kernel of amplitude %.3g (%s).</p>", join(g), KernelNotes.DUPLICATE_WIDTHS,
                    softmax ? sum / g.size() : sum, softmax ? "the mean of theirs: the softmax splits the weight "
                            + "at a centre evenly between the kernels on it" : "the sum of theirs"));
            distinct -= g.size() - 1;
        }
        if (distinct < model.kernels()) {
            h.append(String.format(java.util.Locale.ROOT, "<p>So the model has %d distinct kernels, not %d "
                    + "(<code>--reseed-duplicates</code> moves the spare ones elsewhere during training).</p>", distinct,
                    model.kernels()));
        }
        return h.toString();
    }

    /**
     * Plain words on kernels that ended on one centre, and on kernels where the reference has no
     * points; empty when neither happened.
     */
    static String kernelNotes(Data d) {
        StringBuilder h = new StringBuilder(duplicateNotes(d.json().duplicateKernels(), d.model()));
        double[] nearest = KernelNotes.nearestReference(d.model(), d.observed().reference());
        java.util.List<Integer> outside = new java.util.ArrayList<>();
        for (int i = 0; i < nearest.length; i++) {
            if (nearest[i] > KernelNotes.OUTSIDE_WIDTHS) {
                outside.add(i);
            }
        }
        if (!outside.isEmpty()) {
            h.append(String.format(java.util.Locale.ROOT, "<p>Kernel%s %s lie%s outside the reference (the nearest "
                    + "reference point more than %.0f σ away): where there are no reference points and no data, a kernel "
                    + "changes f on no point, so it carries no evidence; it is where training left it.</p>",
                    outside.size() > 1 ? "s" : "", join(outside), outside.size() > 1 ? "" : "s", KernelNotes.OUTSIDE_WIDTHS));
        }
        return h.toString();
    }

    private static String join(java.util.List<Integer> kernels) {
        java.util.List<String> s = kernels.stream().map(String::valueOf).toList();
        return s.size() == 1 ? s.get(0) : String.join(", ", s.subList(0, s.size() - 1)) + " and " + s.get(s.size() - 1);
    }

    /**
     * The {@code k} data points with the highest score, by row number in the data file (from 0),
     * so a user can go back to their own data: score, f and every coordinate in the input's units
     * (any standardization and map undone), in a table that scrolls sideways.
     */
    static String topPoints(Data d, int k) {
        double[] score = d.onData().score();
        double[] f = d.onData().logRatio();
        int n = d.observed().data().rows();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(f[b], f[a]));
        int dim = d.observed().dimension();
        // with --pca the model has fewer coordinates than the file, and the rows go back to the file's
        int inputDim = d.units().projection() != null ? d.units().projection().inputDimension() : dim;
        boolean named = d.columns() != null && d.columns().size() == inputDim;
        float[] x = d.observed().data().data();
        StringBuilder h = new StringBuilder("<h2>The most anomalous data points</h2><p>Rows of the data file (from 0) "
                + "with the highest score c(x) = sigmoid(f(x)) under the model above, with their coordinates in the "
                + "file's units (" + (named ? "columns named as in its header" : "columns from 0")
                + ").</p><div style=\"overflow-x:auto\"><table><tr><th>row</th><th>c(x)</th><th>f(x)</th>");
        for (int c = 0; c < inputDim; c++) {
            h.append("<th>").append(named ? escape(d.columns().get(c)) : "x" + c).append("</th>");
        }
        h.append("</tr>");
        for (int q = 0; q < Math.min(k, n); q++) {
            int i = order[q];
            double[] row = new double[dim];
            for (int c = 0; c < dim; c++) {
                row[c] = x[i * dim + c];
            }
            double[] input = d.units().toInputUnits(row);
            h.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%.4f</td><td>%.4g</td>", i, score[i], f[i]));
            for (double v : input) {
                h.append(String.format(java.util.Locale.ROOT, "<td>%.6g</td>", v));
            }
            h.append("</tr>");
        }
        return h.append("</table></div>").toString();
    }

    private static String img(Chart<?, ?> chart, int w, int ht) {
        try {
            byte[] png = Charts.pngBytes(chart);
            return "<img alt=\"" + escape(chart.getTitle()) + "\" width=\"" + w + "\" src=\"data:image/png;base64,"
                    + Base64.getEncoder().encodeToString(png) + "\">";
        } catch (java.io.UncheckedIOException e) {
            throw new UserError("report: " + e.getMessage(), e);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
