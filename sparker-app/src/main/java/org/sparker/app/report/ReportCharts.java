package org.sparker.app.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.KernelModel;
import org.sparker.engine.train.TrajectoryRecorder;
import org.sparker.stats.PrincipalDirections;

/**
 * The charts of {@code report.html} ({@link Report} lays them out): the null distribution of
 * {@code t} at each checkpoint with the observed value; the anomaly-score histogram of the data
 * against the reference expectation (paper Fig. 9a); the components of the most anomalous points
 * (Fig. 9b); the data with the kernel trajectories for {@code d ≤ 2} (Fig. 4) or the projection on
 * the two most active components for {@code d > 2} (Fig. 11b). Styles and colours are the
 * studies' ({@link Charts}).
 */
public final class ReportCharts {

    private ReportCharts() {
    }

    /**
     * The observed statistic at each checkpoint against σ (log axis), over the calibration toys'
     * median and central 90% at that checkpoint: where along the annealing the evidence sits.
     */
    static XYChart statisticAgainstWidth(Report.Data d) {
        double[] w = d.result().widths();
        int m = w.length;
        double[] obs = d.result().testStatistics();
        double[] med = new double[m];
        double[] lo = new double[m];
        double[] hi = new double[m];
        for (int j = 0; j < m; j++) {
            double[] t = d.calibration().statisticsAt(j).clone();
            Arrays.sort(t);
            med[j] = t[t.length / 2];
            lo[j] = t[(int) Math.floor(0.05 * (t.length - 1))];
            hi[j] = t[(int) Math.ceil(0.95 * (t.length - 1))];
        }
        XYChart chart = new XYChartBuilder().width(900).height(380).title("Test statistic along the annealing")
                .xAxisTitle("σ (checkpoint width)").yAxisTitle("t").build();
        Charts.style(chart.getStyler());
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setXAxisLogarithmicDecadeOnly(decadeLabelsOnly(w));
        series(chart, "toys: median", w, med, Charts.NULL, XYSeries.XYSeriesRenderStyle.Line);
        series(chart, "toys: 5%–95%", w, hi, Charts.NULL.brighter(), XYSeries.XYSeriesRenderStyle.Line);
        series(chart, "toys: 5%", w, lo, Charts.NULL.brighter(), XYSeries.XYSeriesRenderStyle.Line).setShowInLegend(false);
        XYSeries o = series(chart, "observed", w, obs, Charts.OBSERVED, XYSeries.XYSeriesRenderStyle.Line);
        o.setMarker(SeriesMarkers.CIRCLE);
        o.setMarkerColor(Charts.OBSERVED);
        return chart;
    }

    /**
     * Whether a log axis over {@code widths} labels the decades only: widths over less than two
     * decades get labels at 1, 2, …, 9 of every decade (one decade alone would show a single
     * label); over more, those labels run into each other at the narrow end.
     */
    static boolean decadeLabelsOnly(double[] widths) {
        return Arrays.stream(widths).max().orElse(1) >= 100 * Arrays.stream(widths).min().orElse(1);
    }

    /**
     * The combined statistic (the result's rule) over the calibration toys (a histogram) and the
     * data's (a vertical line): the picture of the headline p-value.
     */
    static XYChart combinedStatistic(Report.Data d) {
        double[] toys = d.calibration().nullCombined(d.result().testStatistics(), d.result().aggregation());
        double observed = d.result().global().statistic();
        double lo = Math.min(Arrays.stream(toys).min().orElse(0), observed);
        double hi = Math.max(Arrays.stream(toys).max().orElse(1), observed);
        if (hi <= lo) {
            hi = lo + 1;
        }
        double pad = 0.04 * (hi - lo);
        lo -= pad;
        hi += pad;
        int bins = Math.max(10, Math.min(40, toys.length / 5));
        double[] x = new double[bins];
        double[] counts = new double[bins];
        for (int b = 0; b < bins; b++) {
            x[b] = lo + (hi - lo) * (b + 0.5) / bins;
        }
        for (double v : toys) {
            counts[bin(v, lo, hi, bins)]++;
        }
        double top = Arrays.stream(counts).max().orElse(1);
        XYChart chart = new XYChartBuilder().width(900).height(380)
                .title("The combined statistic T: calibration toys and the data")
                .xAxisTitle("T (larger = more anomalous)").yAxisTitle("toys per bin").build();
        Charts.style(chart.getStyler());
        chart.getStyler().setXAxisDecimalPattern("0.0");
        chart.getStyler().setYAxisDecimalPattern("0");
        series(chart, toys.length + " anomaly-free toys", x, counts, Charts.NULL, XYSeries.XYSeriesRenderStyle.Step);
        XYSeries o = series(chart, String.format(java.util.Locale.ROOT, "the data, T = %.2f", observed),
                new double[] {observed, observed}, new double[] {0, top}, Charts.OBSERVED,
                XYSeries.XYSeriesRenderStyle.Line);
        o.setLineWidth(2.5f);
        return chart;
    }

    static XYChart scoreHistogram(Report.Data d) {
        int bins = 25;
        double[] dataScore = d.onData().score();
        double[] refScore = d.referenceScores();
        int nd = d.observed().data().rows();
        int nr = d.observed().reference().rows();
        double lo = 1;
        double hi = 0;
        for (int i = 0; i < nd; i++) {
            lo = Math.min(lo, dataScore[i]);
            hi = Math.max(hi, dataScore[i]);
        }
        for (int i = 0; i < nr; i++) {
            lo = Math.min(lo, refScore[i]);
            hi = Math.max(hi, refScore[i]);
        }
        if (hi - lo < 1e-9) {
            lo -= 0.01;
            hi += 0.01;
        }
        double[] x = new double[bins];
        double[] obs = new double[bins];
        double[] exp = new double[bins];
        for (int b = 0; b < bins; b++) {
            x[b] = lo + (hi - lo) * (b + 0.5) / bins;
        }
        for (int i = 0; i < nd; i++) {
            obs[bin(dataScore[i], lo, hi, bins)] += d.observed().dataPointWeight(i);
        }
        for (int i = 0; i < nr; i++) {
            exp[bin(refScore[i], lo, hi, bins)] += d.observed().referenceWeight() * d.observed().referencePointWeight(i);
        }
        // a log axis cannot show 0: empty bins are left out (not drawn at a floor), and the ±1σ band
        // where it reaches 0 stops at the smallest non-zero count
        double floor = Double.POSITIVE_INFINITY;
        for (int b = 0; b < bins; b++) {
            if (obs[b] > 0) {
                floor = Math.min(floor, obs[b]);
            }
            if (exp[b] > 0) {
                floor = Math.min(floor, exp[b]);
            }
        }
        floor = Double.isFinite(floor) ? floor / 2 : 0.5;
        java.util.List<double[]> e = new java.util.ArrayList<>();
        java.util.List<double[]> o = new java.util.ArrayList<>();
        for (int b = 0; b < bins; b++) {
            if (exp[b] > 0) {
                e.add(new double[] {x[b], exp[b], exp[b] + Math.sqrt(exp[b]), Math.max(floor, exp[b] - Math.sqrt(exp[b]))});
            }
            if (obs[b] > 0) {
                o.add(new double[] {x[b], obs[b]});
            }
        }
        XYChart chart = new XYChartBuilder().width(900).height(380).title("Anomaly score of the data")
                .xAxisTitle("score c(x)").yAxisTitle("points per bin").build();
        Charts.style(chart.getStyler());
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisDecimalPattern("0.00");
        if (!e.isEmpty()) {
            // Line, not Step: XChart's step rendering drops to zero, which a log axis refuses
            series(chart, "reference × w_R", column(e, 0), column(e, 1), Charts.NULL, XYSeries.XYSeriesRenderStyle.Line);
            series(chart, "+1σ", column(e, 0), column(e, 2), Charts.NULL.brighter(), XYSeries.XYSeriesRenderStyle.Line)
                    .setShowInLegend(false);
            series(chart, "−1σ", column(e, 0), column(e, 3), Charts.NULL.brighter(), XYSeries.XYSeriesRenderStyle.Line)
                    .setShowInLegend(false);
        }
        if (!o.isEmpty()) {
            XYSeries dataSeries = series(chart, "data", column(o, 0), column(o, 1), Charts.DATA,
                    XYSeries.XYSeriesRenderStyle.Scatter);
            dataSeries.setMarker(SeriesMarkers.CIRCLE);
            dataSeries.setMarkerColor(Charts.DATA);
        }
        return chart;
    }

    private static double[] column(java.util.List<double[]> rows, int c) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i)[c];
        }
        return out;
    }

    private static int bin(double v, double lo, double hi, int bins) {
        return Math.max(0, Math.min(bins - 1, (int) ((v - lo) / (hi - lo) * bins)));
    }

    private static XYSeries series(XYChart chart, String name, double[] x, double[] y, Color c,
            XYSeries.XYSeriesRenderStyle style) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(style);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(c);
        return s;
    }

    static HeatMapChart activations(Report.Data d) {
        int m = d.onData().kernels();
        double[] score = d.onData().score();
        Integer[] order = IntStream.range(0, d.observed().data().rows()).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -score[i]));
        int top = Math.min(20, order.length);
        double[][] rows = new double[top][];
        for (int r = 0; r < top; r++) {
            rows[r] = Arrays.copyOfRange(d.onData().components(), order[r] * m, order[r] * m + m);
        }
        return componentHeatMap(rows);
    }

    /**
     * A heat map of {@code rows[r][i]} (rank r, component i) on a symmetric colour scale: white is
     * f_i = 0, red pulls towards the data, blue towards the reference. The scale's ends are the
     * largest |f_i| rounded outwards to two significant digits, as the colour bar shows them.
     * XChart's colour lookup reads past its colour table when a value's position on the scale
     * rounds to the top ((v − min) / (max − min) = 1 while v &lt; max: a kernel at the amplitude
     * clip on a data point at its centre gives f_i = clip exactly, and one ulp below still rounds
     * up), so values are drawn at most {@code 1e-9 · max} below the top; the picture cannot show
     * the difference.
     */
    static HeatMapChart componentHeatMap(double[][] rows) {
        int m = rows.length == 0 ? 0 : rows[0].length;
        List<Integer> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            xs.add(i);
        }
        double maxAbs = 0;
        for (double[] row : rows) {
            for (double v : row) {
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
        }
        // an all-zero map gets the scale ±1 (white everywhere) rather than XChart's empty range
        double end = maxAbs > 0
                ? new java.math.BigDecimal(maxAbs).round(new java.math.MathContext(2, java.math.RoundingMode.UP))
                        .doubleValue()
                : 1;
        double below = end * (1 - 1e-9);
        List<Number[]> values = new ArrayList<>();
        for (int r = 0; r < rows.length; r++) {
            ys.add(r);
            for (int i = 0; i < m; i++) {
                values.add(new Number[] {i, r, Math.min(rows[r][i], below)});
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(900).height(420)
                .title("f_i(x) of the 20 highest-score points (row 0 = highest)").xAxisTitle("component i")
                .yAxisTitle("rank").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setShowValue(false);
        chart.getStyler().setMin(-end);
        chart.getStyler().setMax(end);
        chart.getStyler().setRangeColors(new Color[] {new Color(49, 54, 149), Color.WHITE, new Color(165, 0, 38)});
        chart.addSeries("f_i", xs, ys, values);
        return chart;
    }

    static XYChart trajectories(Report.Data d) {
        List<TrajectoryRecorder.Frame> frames = d.trajectories();
        int m = d.result().training().model().kernels();
        int dim = d.observed().dimension();
        XYChart chart;
        if (dim == 1) {
            chart = new XYChartBuilder().width(900).height(500).title("Kernel centres during training")
                    .xAxisTitle("step").yAxisTitle("centre μ_i").build();
            Charts.style(chart.getStyler());
            double[] steps = frames.stream().mapToDouble(TrajectoryRecorder.Frame::step).toArray();
            for (int i = 0; i < m; i++) {
                int k = i;
                double[] y = frames.stream().mapToDouble(f -> f.centers()[k]).toArray();
                series(chart, "kernel " + i, steps, y, Charts.PALETTE[i % Charts.PALETTE.length], XYSeries.XYSeriesRenderStyle.Line);
            }
        } else {
            chart = new XYChartBuilder().width(900).height(500).title("Data and kernel trajectories")
                    .xAxisTitle("x₀").yAxisTitle("x₁").build();
            Charts.style(chart.getStyler());
            FloatMatrix data = d.observed().data();
            int n = Math.min(data.rows(), 4000);
            double[] px = new double[n];
            double[] py = new double[n];
            for (int i = 0; i < n; i++) {
                int r = (int) ((long) i * data.rows() / n);
                px[i] = data.get(r, 0);
                py[i] = data.get(r, 1);
            }
            XYSeries pts = chart.addSeries("data", px, py);
            pts.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            pts.setMarker(SeriesMarkers.CIRCLE);
            pts.setMarkerColor(new Color(180, 180, 180));
            chart.getStyler().setMarkerSize(3);
            for (int i = 0; i < m; i++) {
                int k = i;
                double[] x = frames.stream().mapToDouble(f -> f.centers()[k * 2]).toArray();
                double[] y = frames.stream().mapToDouble(f -> f.centers()[k * 2 + 1]).toArray();
                series(chart, "kernel " + i, x, y, Charts.PALETTE[i % Charts.PALETTE.length], XYSeries.XYSeriesRenderStyle.Line);
                XYSeries end = chart.addSeries("end " + i, new double[] {x[x.length - 1]}, new double[] {y[y.length - 1]});
                end.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                end.setMarker(SeriesMarkers.CROSS);
                end.setMarkerColor(Charts.PALETTE[i % Charts.PALETTE.length]);
                end.setShowInLegend(false);
            }
        }
        return chart;
    }

    /**
     * For d > 2: the data (grey; high-score tercile red) and the kernel centres (crosses; filled
     * blue for positive amplitudes, open black for negative) projected on the data's two leading
     * principal directions ({@link PrincipalDirections}).
     */
    static XYChart principalProjection(Report.Data d) {
        var data = d.observed().data();
        int n = data.rows();
        int dim = data.cols();
        float[] x = data.data();
        PrincipalDirections pd = PrincipalDirections.of(x, n, dim, 2, 1);
        double[] mean = pd.mean();
        double[][] dirs = pd.directions();
        double[] score = d.onData().score();
        double[] sorted = score.clone();
        Arrays.sort(sorted);
        double high = sorted[Math.min(n - 1, 2 * n / 3)];
        XYChart chart = new XYChartBuilder().width(900).height(500)
                .title("Data and kernel centres on the two leading principal directions of the data")
                .xAxisTitle("PC 1").yAxisTitle("PC 2").build();
        Charts.style(chart.getStyler());
        chart.getStyler().setMarkerSize(4);
        int step = Math.max(1, n / 5000);
        List<Double> gx = new ArrayList<>();
        List<Double> gy = new ArrayList<>();
        List<Double> rx = new ArrayList<>();
        List<Double> ry = new ArrayList<>();
        for (int p = 0; p < n; p += step) {
            double a = 0;
            double b = 0;
            for (int k = 0; k < dim; k++) {
                double c = x[p * dim + k] - mean[k];
                a += c * dirs[0][k];
                b += c * dirs[1][k];
            }
            (score[p] >= high ? rx : gx).add(a);
            (score[p] >= high ? ry : gy).add(b);
        }
        scatter(chart, "data", gx, gy, new Color(170, 170, 170), SeriesMarkers.CIRCLE);
        scatter(chart, "data, top third by score", rx, ry, Charts.OBSERVED, SeriesMarkers.CIRCLE);
        KernelModel model = d.model();
        List<Double> px = new ArrayList<>();
        List<Double> py = new ArrayList<>();
        List<Double> nx = new ArrayList<>();
        List<Double> ny = new ArrayList<>();
        for (int i = 0; i < model.kernels(); i++) {
            double[] c = model.center(i);
            double a = 0;
            double b = 0;
            for (int k = 0; k < dim; k++) {
                a += (c[k] - mean[k]) * dirs[0][k];
                b += (c[k] - mean[k]) * dirs[1][k];
            }
            (model.amplitude(i) >= 0 ? px : nx).add(a);
            (model.amplitude(i) >= 0 ? py : ny).add(b);
        }
        chart.getStyler().setMarkerSize(6);
        scatter(chart, "centres, amplitude ≥ 0", px, py, Charts.NULL, SeriesMarkers.CROSS);
        scatter(chart, "centres, amplitude < 0", nx, ny, Charts.DATA, SeriesMarkers.CROSS);
        return chart;
    }

    private static void scatter(XYChart chart, String name, List<Double> xs, List<Double> ys, Color c,
            org.knowm.xchart.style.markers.Marker marker) {
        if (xs.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(marker);
        s.setMarkerColor(c);
    }

    static XYChart projection(Report.Data d) {
        int m = d.onData().kernels();
        int n = d.observed().data().rows();
        double[] comps = d.onData().components();
        double[] activity = new double[m];
        for (int p = 0; p < n; p++) {
            for (int i = 0; i < m; i++) {
                activity[i] += Math.abs(comps[p * m + i]);
            }
        }
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -activity[i]));
        int a = order[0];
        int b = m > 1 ? order[1] : order[0];
        double[] score = d.onData().score().clone();
        double[] sorted = Arrays.copyOf(score, n);
        Arrays.sort(sorted);
        double t1 = sorted[n / 3];
        double t2 = sorted[Math.min(n - 1, 2 * n / 3)];
        XYChart chart = new XYChartBuilder().width(900).height(500)
                .title("Data on the two most active components").xAxisTitle("f_" + a).yAxisTitle("f_" + b).build();
        Charts.style(chart.getStyler());
        chart.getStyler().setMarkerSize(4);
        String[] names = {"low score", "middle", "high score"};
        Color[] colors = {new Color(160, 160, 160), Charts.NULL, Charts.OBSERVED};
        for (int tier = 0; tier < 3; tier++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int p = 0; p < n; p++) {
                int pt = score[p] < t1 ? 0 : score[p] < t2 ? 1 : 2;
                if (pt == tier) {
                    xs.add(comps[p * m + a]);
                    ys.add(comps[p * m + b]);
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            XYSeries s = chart.addSeries(names[tier], xs, ys);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(colors[tier]);
        }
        return chart;
    }
}
