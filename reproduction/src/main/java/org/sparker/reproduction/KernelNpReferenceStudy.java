package org.sparker.reproduction;

import org.sparker.toys.ToySources;
import org.sparker.app.BaselineSettings;
import org.sparker.app.report.Charts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sparker.baselines.KernelNpStatistic;
import org.sparker.sampling.Stream;
import org.sparker.stats.Calibration;
import org.sparker.calibration.CalibrationSpec;
import org.sparker.stats.ChiSquaredFit;
import org.sparker.stats.PValues;
import org.sparker.stats.Power;
import org.sparker.calibration.StatisticSettings;
import org.sparker.calibration.ToyParameters;
import org.sparker.calibration.ToySource;
import org.sparker.toys.ExponentialToy;
import org.sparker.toys.ToyModel;

/**
 * The kernel NP test at the published widths on the 1D exponential toy (N_R = 20,000, exactly
 * 2,000 background events, no Poisson fluctuation, as the original implementation's toys): the
 * null median of {@code t} at each width, and the power for {@code Z > 2} (per-width empirical
 * p-value below {@code 1 − Φ(2)}) with a 10-event bump at 6.4, against {@link PublishedValues}.
 */
final class KernelNpReferenceStudy implements Study {

    /** One width. */
    record Row(double sigma, double nullMedian, double[] nullMedianCi68, double powerZAbove2, double[] powerCi68,
            Double publishedNullMedian, Double publishedPowerZAbove2, Double chi2Dof, Double powerZAbove2Chi2,
            double[] powerChi2Ci68) {
    }

    record Result(int nullToys, int signalToys, StatisticSettings.Baseline test, ToyParameters toy, List<Row> rows)
            implements StudyResult {
    }

    @Override
    public String name() {
        return "kernel-np-reference";
    }

    @Override
    public String description() {
        return "kernel NP test vs its published null medians and powers (1D exp, bump at 6.4)";
    }

    @Override
    public Result run(StudyContext ctx) {
        List<PublishedValues.KernelNpRow> published = PublishedValues.kernelNpReference();
        BaselineSettings b = ctx.options().baselines();
        double[] widths = b.kernelNpWidths() != null ? b.kernelNpWidths()
                : published.stream().mapToDouble(PublishedValues.KernelNpRow::sigma).toArray();
        KernelNpStatistic stat = KernelNpStatistic.ofWidths(ctx.quick() ? b.kernelNp().withCentres(300) : b.kernelNp(),
                widths);
        // fixed sizes (2,000 background + 10 signal events), as the original implementation's toys
        ToyModel toy = ctx.sized(ExponentialToy.table1("tail").withPoisson(false));
        CalibrationSpec nullSpec = new CalibrationSpec(stat, ToySources.of(toy), ctx.seed());
        // the power for Z > 2 depends on the null's 97.7th percentile: 1,000 null toys pin it down
        Calibration cal = ctx.calibrate(nullSpec, ctx.options().nullToys(1000), "kernel-np-reference-null.jsonl");
        Calibration signal = ctx.calibrate(new CalibrationSpec(stat, ToySources.withSignal(toy),
                Stream.SIGNAL_TOYS.seed(ctx.seed())), ctx.options().signalToys(300), "kernel-np-reference-signal.jsonl");
        double zTwo = 1 - NormalDistribution.of(0, 1).cumulativeProbability(2);
        List<Row> rows = new ArrayList<>();
        for (int j = 0; j < widths.length; j++) {
            double[] t = cal.statisticsAt(j);
            Arrays.sort(t);
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
                // too few usable toys for a fit (quick runs): no χ² power
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
            PublishedValues.KernelNpRow pub = null;
            for (PublishedValues.KernelNpRow p : published) {
                if (Math.abs(p.sigma() - widths[j]) < 1e-9) {
                    pub = p;
                }
            }
            rows.add(new Row(widths[j], median, new double[] {low, high}, power.value(),
                    new double[] {power.lower(), power.upper()}, pub == null ? null : pub.nullMedian(),
                    pub == null ? null : pub.powerZAboveTwo(), fit == null ? null : fit.degreesOfFreedom(),
                    fit == null ? null : powerChi2.value(),
                    fit == null ? null : new double[] {powerChi2.lower(), powerChi2.upper()}));
            ctx.reporter().line(String.format(Locale.ROOT, "kernel-np σ = %.2f: null median %.1f [%.1f, %.1f], power(Z>2) %s",
                    widths[j], median, low, high, power));
        }
        Result result = new Result(cal.toys(), signal.toys(), stat.settings().test(), toy.parameters(), rows);
        plot(ctx, result, published);
        return result;
    }

    private static void plot(StudyContext ctx, Result r, List<PublishedValues.KernelNpRow> published) {
        double[] widths = r.rows().stream().mapToDouble(Row::sigma).toArray();
        double[] pw = published.stream().mapToDouble(PublishedValues.KernelNpRow::sigma).toArray();
        XYChart m = new XYChartBuilder().width(700).height(450).title("kernel NP: null median of t")
                .xAxisTitle("σ").yAxisTitle("median t").build();
        Charts.style(m.getStyler());
        m.getStyler().setXAxisLogarithmic(true);
        m.getStyler().setYAxisLogarithmic(true);
        withMarkers(m.addSeries("ours (68% CI)", widths, r.rows().stream().mapToDouble(Row::nullMedian).toArray(),
                r.rows().stream().mapToDouble(x -> (x.nullMedianCi68()[1] - x.nullMedianCi68()[0]) / 2).toArray()),
                SeriesMarkers.CIRCLE, 1);
        withMarkers(m.addSeries("published", pw,
                published.stream().mapToDouble(PublishedValues.KernelNpRow::nullMedian).toArray()), SeriesMarkers.DIAMOND, 0);
        ctx.png(m, "kernel-np-reference-medians");
        XYChart p = new XYChartBuilder().width(700).height(450).title("kernel NP: power for Z > 2, bump at 6.4 (10 events)")
                .xAxisTitle("σ").yAxisTitle("power").build();
        Charts.style(p.getStyler());
        p.getStyler().setXAxisLogarithmic(true);
        p.getStyler().setYAxisMin(0.0);
        p.getStyler().setYAxisMax(1.0);
        withMarkers(p.addSeries("ours (68% CP)", widths, r.rows().stream().mapToDouble(Row::powerZAbove2).toArray(),
                r.rows().stream().mapToDouble(x -> (x.powerCi68()[1] - x.powerCi68()[0]) / 2).toArray()),
                SeriesMarkers.CIRCLE, 1);
        withMarkers(p.addSeries("published", pw,
                published.stream().mapToDouble(PublishedValues.KernelNpRow::powerZAboveTwo).toArray()), SeriesMarkers.DIAMOND, 0);
        ctx.png(p, "kernel-np-reference-power");
    }

    private static void withMarkers(XYSeries s, org.knowm.xchart.style.markers.Marker marker, int colour) {
        s.setMarker(marker);
        s.setLineColor(Charts.PALETTE[colour]);
        s.setMarkerColor(Charts.PALETTE[colour]);
    }
}
