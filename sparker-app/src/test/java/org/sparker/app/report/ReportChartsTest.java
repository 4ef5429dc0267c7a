package org.sparker.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/** The report's component heat map at the edges of its colour scale, and its width axis's labels. */
class ReportChartsTest {

    private static BufferedImage render(double[][] rows) throws Exception {
        byte[] png = Charts.pngBytes(ReportCharts.componentHeatMap(rows));
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    @Test
    void aComponentExactlyAtTheTopOfTheScaleIsDrawn() throws Exception {
        // a kernel at the clip 5 on a data point at its centre: f_i = 5 exactly, the scale's end
        // (XChart's colour lookup read past its table there: ArrayIndexOutOfBoundsException)
        double[][] rows = {{5.0, 0.0, -1.25}, {2.5, 0.0, -5.0}};
        assertThat(ReportCharts.componentHeatMap(rows).getStyler().getMax()).isEqualTo(5.0);
        assertThat(ReportCharts.componentHeatMap(rows).getStyler().getMin()).isEqualTo(-5.0);
        BufferedImage image = render(rows);
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(image.getHeight()).isEqualTo(420);
    }

    @Test
    void anAllZeroMapIsDrawnWhite() throws Exception {
        double[][] rows = {{0.0, 0.0}, {0.0, 0.0}};
        assertThat(ReportCharts.componentHeatMap(rows).getStyler().getMax()).isEqualTo(1.0);
        BufferedImage image = render(rows);
        // the middle of the plot area is a cell of value 0: white on the symmetric scale
        assertThat(image.getRGB(450, 210) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void theScaleEndsAreTheLargestMagnitudeRoundedOutwards() {
        double[][] rows = {{0.01234, -0.0301}};
        assertThat(ReportCharts.componentHeatMap(rows).getStyler().getMax()).isEqualTo(0.031);
        assertThat(ReportCharts.componentHeatMap(rows).getStyler().getMin()).isEqualTo(-0.031);
    }

    @Test
    void widthsOverTwoDecadesOrMoreAreLabelledByDecade() {
        // the demo's ten checkpoints from 4.38 down to 0.005: labels at 1-9 ran into each other
        assertThat(ReportCharts.decadeLabelsOnly(new double[] {4.377, 0.4578, 0.04787, 0.005007})).isTrue();
        assertThat(ReportCharts.decadeLabelsOnly(new double[] {1.0, 0.01})).isTrue();
        // under two decades (one would show a single label): every 1-9 of the decade
        assertThat(ReportCharts.decadeLabelsOnly(new double[] {2.0, 0.5, 0.0201})).isFalse();
        assertThat(ReportCharts.decadeLabelsOnly(new double[] {1.0})).isFalse();
    }
}
