package org.sparker.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Fraser et al. spec fixtures F1, F2, F4, F5: image metrics against their closed forms. */
class ImageMetricsTest {

    private static final ImageGrid GRID = ImageGrid.JETS;
    private static final double[] PS = {0.5, 1, 2, 5};

    private static double[] pixel(int r, int c) {
        double[] img = new double[GRID.pixels()];
        img[r * GRID.cols() + c] = 1;
        return img;
    }

    @Test
    void f1SinglePixels() {
        for (int sep : new int[] {1, 2, 7, 30}) {
            double[] a = pixel(5, 5);
            double[] b = pixel(5, 5 + sep);
            for (double alpha : new double[] {1, 2, 0.5, 3}) {
                assertThat(ImageMetrics.mpe(a, b, alpha)).isCloseTo(0.00125, within(1e-15));
            }
            for (double p : PS) {
                assertThat(new ImageMetrics(GRID, p).wasserstein(a, b)).as("p=%s sep=%d", p, sep)
                        .isCloseTo(0.08 * sep, within(1e-12));
            }
        }
    }

    @Test
    void f2OnePixelAgainstTwoHalves() {
        double[] a = pixel(20, 20);
        double[] b = new double[GRID.pixels()];
        b[20 * 40 + 21] = 0.5;
        b[20 * 40 + 23] = 0.5;
        double[] expected = {0.1492820, 0.16, 0.1788854, 0.2091038};
        for (int k = 0; k < PS.length; k++) {
            double closed = Math.pow(0.5 * Math.pow(0.08, PS[k]) + 0.5 * Math.pow(0.24, PS[k]), 1 / PS[k]);
            double w = new ImageMetrics(GRID, PS[k]).wasserstein(a, b);
            assertThat(w).as("p=%s", PS[k]).isCloseTo(closed, within(1e-12)).isCloseTo(expected[k], within(5e-8));
        }
        assertThat(ImageMetrics.mpe(a, b, 1)).isCloseTo(0.00125, within(1e-15));
        assertThat(ImageMetrics.mpe(a, b, 2)).isCloseTo(0.0009375, within(1e-15));
    }

    @Test
    void f4TranslationCostsTheShiftForEveryPAtLeastOne() {
        SplittableRandom rnd = new SplittableRandom(4);
        double[] a = new double[GRID.pixels()];
        double[] b = new double[GRID.pixels()];
        double total = 0;
        for (int k = 0; k < 12; k++) {
            int r = 5 + rnd.nextInt(20);
            int c = 5 + rnd.nextInt(20);
            double v = rnd.nextDouble();
            a[r * 40 + c] += v;
            b[(r + 3) * 40 + c + 4] += v;
            total += v;
        }
        for (int i = 0; i < a.length; i++) {
            a[i] /= total;
            b[i] /= total;
        }
        for (double p : new double[] {1, 2, 5}) {
            assertThat(new ImageMetrics(GRID, p).wasserstein(a, b)).as("p=%s", p).isCloseTo(0.4, within(1e-12));
        }
    }

    @Test
    void f5ConcaveCostKeepsTheOverlap() {
        double[] a = new double[GRID.pixels()];
        double[] b = new double[GRID.pixels()];
        for (int c = 0; c < 39; c++) {
            a[10 * 40 + c] = 1.0 / 39;
            b[10 * 40 + c + 1] = 1.0 / 39;
        }
        assertThat(new ImageMetrics(GRID, 1).wasserstein(a, b)).isCloseTo(0.08, within(1e-12));
        assertThat(new ImageMetrics(GRID, 2).wasserstein(a, b)).isCloseTo(0.08, within(1e-12));
        // W_.5 = (1/39 · (39·0.08)^.5)^2 = 0.08/39: exactly 0 for the 38 overlapping pixels
        assertThat(new ImageMetrics(GRID, 0.5).wasserstein(a, b)).isCloseTo(0.08 / 39, within(1e-12))
                .isCloseTo(0.0020513, within(5e-8));
    }

    /** The sparse form and the pairwise matrix give the dense form's distances, for every p. */
    @Test
    void sparseAndPairwiseMatchTheDenseForm() {
        var rng = org.sparker.sampling.Seeds.stream(17);
        double[][] img = new double[12][];
        for (int i = 0; i < img.length; i++) {
            img[i] = JetImages.sample(1 + i % 3, GRID, rng);
        }
        for (double p : PS) {
            ImageMetrics m = new ImageMetrics(GRID, p);
            ImageMetrics.Sparse[] sparse = new ImageMetrics.Sparse[img.length];
            for (int i = 0; i < img.length; i++) {
                sparse[i] = m.sparse(img[i]);
            }
            double[] d = ImageMetrics.pairwise(GRID, p, sparse, 2, null);
            for (int i = 0; i < img.length; i++) {
                assertThat(d[i * img.length + i]).isZero();
                for (int j = 0; j < img.length; j++) {
                    if (i != j) {
                        double dense = m.wasserstein(img[i], img[j]);
                        assertThat(m.wasserstein(sparse[i], sparse[j])).isCloseTo(dense, within(1e-12));
                        assertThat(d[i * img.length + j]).isCloseTo(dense, within(1e-12));
                    }
                }
            }
        }
    }

    @Test
    void badImagesAreRejectedByPixel() {
        double[] a = pixel(1, 1);
        double[] b = pixel(2, 2);
        b[45] = -0.1;
        assertThatThrownBy(() -> new ImageMetrics(GRID, 1).wasserstein(a, b))
                .hasMessageContaining("second image: pixel 45 (row 1, column 5)");
        assertThatThrownBy(() -> new ImageMetrics(GRID, 1).wasserstein(a, new double[GRID.pixels()]))
                .hasMessageContaining("every pixel is 0");
        assertThatThrownBy(() -> new ImageMetrics(GRID, 1).wasserstein(a, new double[3]))
                .hasMessageContaining("1600 pixels");
    }
}
