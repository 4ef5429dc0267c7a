package org.sparker.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** RAD-OT spec fixtures G3–G5 for the exact assignment, and the exact transport solver against it. */
class AssignmentTest {

    /** G5: equals brute force for n ≤ 8. */
    @Property(tries = 60, seed = "2005")
    void g5EqualsBruteForce(@ForAll @IntRange(min = 1, max = 8) int n, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] cost = new double[n * n];
        for (int k = 0; k < cost.length; k++) {
            // integer-valued costs half the time, so ties are common
            cost[k] = seed % 2 == 0 ? rnd.nextInt(4) : rnd.nextDouble();
        }
        int[] sigma = LapJv.solve(cost, n);
        assertThat(sigma.clone()).as("a permutation").satisfies(s -> {
            int[] sorted = s.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < n; i++) {
                assertThat(sorted[i]).isEqualTo(i);
            }
        });
        assertThat(LapJv.cost(cost, n, sigma)).isCloseTo(bruteForce(cost, n), within(1e-12));
        // the min-cost-flow solver with uniform masses reaches the same optimum
        double[] u = new double[n];
        Arrays.fill(u, 1.0 / n);
        assertThat(new ExactTransport().cost(u, u, cost) * n).isCloseTo(bruteForce(cost, n), within(1e-12));
    }

    /** The auction warm start changes the time, not the optimum: both starts reach the same cost. */
    @Property(tries = 8, seed = "2006")
    void auctionStartReachesTheColdStartOptimum(@ForAll @IntRange(min = 2, max = 400) int n, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] cost = new double[n * n];
        for (int k = 0; k < cost.length; k++) {
            cost[k] = seed % 3 == 0 ? rnd.nextInt(10) : rnd.nextDouble() * 1e3;
        }
        double cold = LapJv.cost(cost, n, LapJv.solve(cost, n, false));
        double warm = LapJv.cost(cost, n, LapJv.solve(cost, n, true));
        assertThat(warm).isCloseTo(cold, within(1e-9 * Math.max(1, cold)));
    }

    /** The transportation simplex and the successive-shortest-path solver agree on random unbalanced-mass problems. */
    @Property(tries = 200, seed = "2007")
    void simplexAgreesWithShortestPaths(@ForAll @IntRange(min = 1, max = 30) int n,
            @ForAll @IntRange(min = 1, max = 30) int m, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] a = new double[n];
        double[] b = new double[m];
        double sa = 0;
        double sb = 0;
        for (int i = 0; i < n; i++) {
            a[i] = seed % 4 == 0 ? 1 + rnd.nextInt(3) : rnd.nextDouble();
            sa += a[i];
        }
        for (int j = 0; j < m; j++) {
            b[j] = seed % 4 == 0 ? 1 + rnd.nextInt(3) : rnd.nextDouble();
            sb += b[j];
        }
        for (int i = 0; i < n; i++) {
            a[i] /= sa;
        }
        for (int j = 0; j < m; j++) {
            b[j] /= sb;
        }
        double[] cost = new double[n * m];
        for (int k = 0; k < cost.length; k++) {
            // integer costs a third of the time: ties and degenerate pivots
            cost[k] = seed % 3 == 0 ? rnd.nextInt(5) : rnd.nextDouble();
        }
        double[] plan = new double[n * m];
        double simplex = new ExactTransport().solve(a, b, cost, plan);
        double paths = new ExactTransport().shortestPathsOnly().cost(a, b, cost);
        assertThat(simplex).isCloseTo(paths, within(1e-12));
        // the plan is feasible: its marginals are a and b
        for (int i = 0; i < n; i++) {
            double row = 0;
            for (int j = 0; j < m; j++) {
                assertThat(plan[i * m + j]).isGreaterThanOrEqualTo(0);
                row += plan[i * m + j];
            }
            assertThat(row).isCloseTo(a[i], within(1e-12));
        }
        for (int j = 0; j < m; j++) {
            double col = 0;
            for (int i = 0; i < n; i++) {
                col += plan[i * m + j];
            }
            assertThat(col).isCloseTo(b[j], within(1e-12));
        }
    }

    /** G3: in 1-D, the squared cost's optimal matching is the sorted one. */
    @Test
    void g3SortedPairingIn1d() {
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 600;
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        for (int i = 0; i < n; i++) {
            x1[i] = rnd.nextGaussian();
            x2[i] = 2 + 2 * rnd.nextGaussian();
        }
        double[] cost = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                cost[i * n + j] = (x1[i] - x2[j]) * (x1[i] - x2[j]);
            }
        }
        int[] pi = LapJv.solve(cost, n);
        double[] s2 = x2.clone();
        Arrays.sort(s2);
        for (int i = 0; i < n; i++) {
            int rank = 0;
            for (int k = 0; k < n; k++) {
                rank += x1[k] < x1[i] ? 1 : 0;
            }
            assertThat(x2[pi[i]]).as("partner of x1[%d]", i).isEqualTo(s2[rank]);
        }
    }

    /** G4: a shuffled and shifted 5-D point set is recovered by both costs. */
    @Test
    void g4RecoversAShuffledShiftedSet() {
        SplittableRandom rnd = new SplittableRandom(4);
        int n = 500;
        int d = 5;
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
        }
        int[] perm = RadOt.sample(org.sparker.sampling.Seeds.stream(44), n, n);
        double[] y = new double[n * d];
        double[] v = {0.3, -0.2, 0.1, 0.05, -0.4};
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                y[i * d + k] = x[perm[i] * d + k] + v[k];
            }
        }
        for (boolean squared : new boolean[] {true, false}) {
            double[] cost = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int k = 0; k < d; k++) {
                        double diff = x[i * d + k] - y[j * d + k];
                        s += diff * diff;
                    }
                    cost[i * n + j] = squared ? s : Math.sqrt(s);
                }
            }
            int[] pi = LapJv.solve(cost, n);
            for (int j = 0; j < n; j++) {
                assertThat(pi[perm[j]]).as("squared=%s: point %d", squared, j).isEqualTo(j);
            }
        }
    }

    @Test
    void rejectsNonFiniteCostsByPosition() {
        assertThatThrownBy(() -> LapJv.solve(new double[] {0, 1, Double.POSITIVE_INFINITY, 0}, 2))
                .hasMessageContaining("row 1, column 0");
        assertThatThrownBy(() -> new ExactTransport().cost(new double[] {1}, new double[] {0.5}, new double[] {1}))
                .hasMessageContaining("unbalanced");
    }

    private static double bruteForce(double[] cost, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        double[] best = {Double.POSITIVE_INFINITY};
        permute(p, 0, cost, n, best);
        return best[0];
    }

    private static void permute(int[] p, int k, double[] cost, int n, double[] best) {
        if (k == n) {
            best[0] = Math.min(best[0], LapJv.cost(cost, n, p));
            return;
        }
        for (int i = k; i < n; i++) {
            int t = p[k];
            p[k] = p[i];
            p[i] = t;
            permute(p, k + 1, cost, n, best);
            p[i] = p[k];
            p[k] = t;
        }
    }
}
