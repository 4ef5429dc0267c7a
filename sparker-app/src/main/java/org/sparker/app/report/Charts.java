package org.sparker.app.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sparker.baselines.Method;

/**
 * The look of every chart the engine draws (XChart), shared by the studies and the HTML report
 * of {@code sparker run}: colours, styling, lines, reference lines and PNG encoding.
 */
public final class Charts {

    /** One colour per kernel or series (ColorBrewer Set1). */
    public static final Color[] PALETTE = {new Color(228, 26, 28), new Color(55, 126, 184), new Color(77, 175, 74),
        new Color(152, 78, 163), new Color(255, 127, 0), new Color(166, 86, 40), new Color(247, 129, 191)};
    /** Data points. */
    public static final Color DATA = new Color(20, 20, 20);
    /** The null hypothesis (calibration toys, the reference). */
    public static final Color NULL = new Color(70, 130, 200);
    /** The observed value. */
    public static final Color OBSERVED = new Color(200, 40, 40);

    private Charts() {
    }

    /** The paper's Fig. 12 colours: SparKer blue, Falkon (kernel NP) orange, MMD green. */
    public static Color of(Method method) {
        return switch (method) {
            case KERNEL_NP -> new Color(255, 127, 14);
            case MMD_FUSE -> new Color(44, 160, 44);
            case SPARKER -> new Color(31, 119, 180);
        };
    }

    /** White backgrounds, the legend inside the top-right corner, a smaller title, ticks as 0.5 in every locale. */
    public static void style(Styler s) {
        if (s instanceof org.knowm.xchart.style.AxesChartStyler axes) {
            axes.setLocale(java.util.Locale.ROOT);
        }
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setChartTitleFont(s.getChartTitleFont().deriveFont(13f));
    }

    /** A line without markers. */
    public static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color c) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(c);
        return s;
    }

    /** A dashed grey horizontal line at {@code y} from {@code x0} to {@code x1} (a target, a reference value). */
    public static XYSeries horizontal(XYChart chart, String name, double x0, double x1, double y, Color c) {
        XYSeries s = line(chart, name, new double[] {x0, x1}, new double[] {y, y}, c);
        s.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
        return s;
    }

    /** Points as a scatter of one colour and marker size. */
    public static XYSeries scatter(XYChart chart, String name, double[] x, double[] y, Color c) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(c);
        return s;
    }

    /** The chart as PNG bytes. */
    public static byte[] pngBytes(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("the chart '" + chart.getTitle() + "' could not be drawn: " + e.getMessage(), e);
        }
    }
}
