package org.sparker.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.sparker.sampling.Seeds;

class PivotedCholeskyTest {

    /** A Gaussian kernel matrix of random 2D points: PSD, numerically low rank. */
    static double[][] kernelMatrix(int m, double sigma, long seed) {
        UniformRandomProvider rng = Seeds.stream(seed);
        double[][] x = new double[m][2];
        for (double[] p : x) {
            p[0] = 4 * rng.nextDouble();
            p[1] = 4 * rng.nextDouble();
        }
        double[][] k = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double dx = x[i][0] - x[j][0];
                double dy = x[i][1] - x[j][1];
                k[i][j] = Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
            }
        }
        return k;
    }

    static PivotedCholesky factor(double[][] k, double tol, int maxRank) {
        double[] diag = new double[k.length];
        Arrays.fill(diag, 1);
        return PivotedCholesky.factor(k.length, diag, (j, out) -> {
            for (int i = 0; i < k.length; i++) {
                out[i] = k[i][j];
            }
        }, tol, maxRank);
    }

    @Test
    void reconstructsTheMatrixToTheTolerance() {
        double[][] k = kernelMatrix(120, 0.8, 1);
        PivotedCholesky c = factor(k, 1e-10, 1000);
        assertThat(c.rank()).isBetween(10, 119);
        assertThat(c.residual()).isLessThanOrEqualTo(1e-10);
        double worst = 0;
        for (int i = 0; i < k.length; i++) {
            for (int j = 0; j < k.length; j++) {
                double s = 0;
                for (int a = 0; a < c.rank(); a++) {
                    s += c.get(i, a) * c.get(j, a);
                }
                worst = Math.max(worst, Math.abs(s - k[i][j]));
            }
        }
        // |E_ij| ≤ sqrt(E_ii E_jj) for the PSD residual E
        assertThat(worst).isLessThanOrEqualTo(1.01e-10);
    }

    @Test
    void thePivotBlockIsLowerTriangularAndFactorsThePivotedSubmatrix() {
        double[][] k = kernelMatrix(80, 0.5, 2);
        PivotedCholesky c = factor(k, 1e-12, 1000);
        int r = c.rank();
        int[] piv = c.pivots();
        double[] l = c.pivotBlock();
        for (int a = 0; a < r; a++) {
            for (int b = 0; b < r; b++) {
                if (b > a) {
                    assertThat(l[a * r + b]).isZero();
                }
                double s = 0;
                for (int q = 0; q < r; q++) {
                    s += l[a * r + q] * l[b * r + q];
                }
                assertThat(s).isCloseTo(k[piv[a]][piv[b]], org.assertj.core.api.Assertions.within(1e-12));
            }
        }
    }

    @Test
    void stopsAtTheRankCapAndReportsTheResidual() {
        double[][] k = kernelMatrix(60, 0.3, 3);
        PivotedCholesky c = factor(k, 0, 7);
        assertThat(c.rank()).isEqualTo(7);
        assertThat(c.residual()).isGreaterThan(1e-6).isLessThan(1);
        // each pivot is the largest remaining diagonal, so the residual only shrinks with rank
        assertThat(factor(k, 0, 14).residual()).isLessThan(c.residual());
    }

    @Test
    void rejectsAnIndefiniteDiagonal() {
        assertThatThrownBy(() -> PivotedCholesky.factor(2, new double[] {1, -1}, (j, out) -> { }, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("diagonal entry 1");
    }
}
