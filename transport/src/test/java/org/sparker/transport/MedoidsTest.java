package org.sparker.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Fraser et al. spec fixtures F10–F12: k-medoids, the elbow, ensemble scores. */
class MedoidsTest {

    private static double[] lineDistances(double[] x) {
        int n = x.length;
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                d[i * n + j] = Math.abs(x[i] - x[j]);
            }
        }
        return d;
    }

    @Test
    void f10AgainstBruteForce() {
        double[] x = {0, 1, 2, 10, 11, 12, 13, 30};
        double[] d = lineDistances(x);
        KMedoids.Result k1 = KMedoids.pam(d, 8, 1);
        assertThat(k1.cost()).isEqualTo(53);
        assertThat(x[k1.medoids()[0]]).isIn(10.0, 11.0);
        KMedoids.Result k2 = KMedoids.pam(d, 8, 2);
        assertThat(k2.cost()).isEqualTo(24);
        int[] m2 = k2.medoids().clone();
        Arrays.sort(m2);
        assertThat(new double[] {x[m2[0]], x[m2[1]]}).containsExactly(1, 12);
        assertThat(KMedoids.pam(d, 8, 3).cost()).isEqualTo(6);
    }

    /** PAM equals brute force on random instances with n ≤ 12. */
    @Property(tries = 60, seed = "1010")
    void pamEqualsBruteForceOnSmallSamples(@ForAll @IntRange(min = 2, max = 12) int n,
            @ForAll @IntRange(min = 1, max = 4) int k, @ForAll long seed) {
        k = Math.min(k, n);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] pts = new double[n * 2];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = rnd.nextDouble() * (i % 3 == 0 ? 10 : 1);
        }
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                d[i * n + j] = Math.hypot(pts[2 * i] - pts[2 * j], pts[2 * i + 1] - pts[2 * j + 1]);
            }
        }
        assertThat(KMedoids.pam(d, n, k).cost()).isCloseTo(bruteForce(d, n, k), within(1e-9));
    }

    @Test
    void f11ElbowFindsTheHinge() {
        int[] ks = new int[10];
        double[] y = new double[10];
        for (int k = 1; k <= 10; k++) {
            ks[k - 1] = k;
            y[k - 1] = 10 - 2.5 * (k - 1) + 2.3 * Math.max(0, k - 3.4);
        }
        Elbow.Choice c = Elbow.choose(ks, y);
        assertThat(c.k0()).isCloseTo(3.4, within(1e-3));
        assertThat(c.chosen()).isEqualTo(4);
        assertThat(c.residual()).isLessThan(1e-10);
    }

    @Test
    void f12PrototypeCopiesAreTheirOwnMedoidsAndScoreZero() {
        double[] protos = {0, 5, 20};
        double[] x = new double[12];
        for (int i = 0; i < x.length; i++) {
            x[i] = protos[i % 3];
        }
        double[] d = lineDistances(x);
        KMedoids.Result r = KMedoids.pam(d, x.length, 3);
        double[] found = Arrays.stream(r.medoids()).mapToDouble(i -> x[i]).sorted().toArray();
        assertThat(found).containsExactly(0, 5, 20);
        assertThat(r.cost()).isZero();
        for (int i = 0; i < x.length; i++) {
            double[] toMedoids = new double[3];
            for (int m = 0; m < 3; m++) {
                toMedoids[m] = d[i * x.length + r.medoids()[m]];
            }
            assertThat(EnsembleScore.MIN.combine(toMedoids)).isZero();
        }
        assertThat(Elbow.modalDistance(r.nearest())).isZero();
    }

    private static double bruteForce(double[] d, int n, int k) {
        double[] best = {Double.POSITIVE_INFINITY};
        choose(new int[k], 0, 0, d, n, best);
        return best[0];
    }

    private static void choose(int[] pick, int depth, int start, double[] d, int n, double[] best) {
        if (depth == pick.length) {
            double s = 0;
            for (int x = 0; x < n; x++) {
                double m = Double.POSITIVE_INFINITY;
                for (int p : pick) {
                    m = Math.min(m, d[p * n + x]);
                }
                s += m;
            }
            best[0] = Math.min(best[0], s);
            return;
        }
        for (int i = start; i < n; i++) {
            pick[depth] = i;
            choose(pick, depth + 1, i + 1, d, n, best);
        }
    }
}
