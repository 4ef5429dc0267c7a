package org.sparker.transport;

import java.util.Arrays;

/**
 * The exact balanced transport problem between two discrete measures with arbitrary
 * non-negative masses (Fraser et al. §2, Eqs. 3.2–3.3):
 *
 * <pre>
 *   min Σ f_ij c_ij   subject to   Σ_j f_ij = a_i,   Σ_i f_ij = b_j,   f ≥ 0
 * </pre>
 *
 * solved by the transportation simplex ({@link TransportSimplex}: a greedy first basis, then
 * pivots on the most negative reduced cost), the fast path; should its pivot cap be reached
 * (degenerate cycling), by a min-cost flow with successive shortest paths: Dijkstra over reduced costs from every
 * source with mass left to the nearest sink still short of mass, through the bipartite residual
 * graph (forward arcs {@code i→j} at {@code c_ij}, backward arcs {@code j→i} at {@code −c_ij} where
 * flow runs), then as much flow as the path allows. Potentials keep every reduced cost ≥ 0, so
 * each path is shortest and the final flow optimal (complementary slackness). Each augmentation
 * empties a source, fills a sink or clears a backward arc; dense {@code O((n+m)²)} per path,
 * which for the few dozen non-zero pixels of a jet image is microseconds.
 *
 * <p>One instance reuses its arrays across calls (not thread-safe): a pairwise distance matrix
 * over many images makes one per thread.
 */
public final class ExactTransport {

    private int capacity = -1;
    private double[] potential;
    private double[] dist;
    private int[] pred;
    private boolean[] done;
    private double[] excess;
    private double[] flow;

    /** The optimal plan's cost {@code Σ f_ij c_ij}; {@code a} and {@code b} must carry equal mass. */
    public double cost(double[] a, double[] b, double[] cost) {
        return solve(a, b, cost, null);
    }

    /**
     * Solves the problem.
     *
     * @param a source masses ({@code n}, finite, ≥ 0)
     * @param b sink masses ({@code m}); {@code Σb} equal to {@code Σa} within 1e-9 relative
     * @param cost row-major {@code n×m}, finite and ≥ 0
     * @param plan when not {@code null}, receives the optimal flow ({@code n×m})
     * @return {@code Σ f_ij c_ij}
     */
    public double solve(double[] a, double[] b, double[] cost, double[] plan) {
        int n = a == null ? 0 : a.length;
        int m = b == null ? 0 : b.length;
        if (cost == null || cost.length != (long) n * m) {
            throw new IllegalArgumentException("cost: needs " + n + "×" + m + " values, got "
                    + (cost == null ? "none" : String.valueOf(cost.length)));
        }
        return solve(a, n, b, m, cost, plan);
    }

    /**
     * {@link #solve(double[], double[], double[], double[])} on the first {@code n} values of
     * {@code a}, the first {@code m} of {@code b} and the first {@code n×m} of {@code cost}, for
     * callers that reuse larger arrays from problem to problem (a pairwise matrix over images).
     */
    double solve(double[] a, int n, double[] b, int m, double[] cost, double[] plan) {
        if (n == 0 || m == 0) {
            throw new IllegalArgumentException((n == 0 ? "a" : "b") + ": the measure has no points");
        }
        double sa = check("a", a, n);
        double sb = check("b", b, m);
        if (Math.abs(sa - sb) > 1e-9 * Math.max(sa, sb)) {
            throw new IllegalArgumentException("unbalanced problem: a carries " + sa + " but b carries " + sb);
        }
        for (int k = 0; k < n * m; k++) {
            if (!(cost[k] >= 0) || !Double.isFinite(cost[k])) {
                throw new IllegalArgumentException("cost: value at row " + k / m + ", column " + k % m + " is "
                        + cost[k] + "; costs must be finite and ≥ 0");
            }
        }
        if (useSimplex) {
            double[] result = new double[1];
            if (simplex.solve(a, n, b, m, cost, plan, result)) {
                return result[0];
            }
        }
        return shortestPaths(a, b, cost, plan, n, m, sa);
    }

    private final TransportSimplex simplex = new TransportSimplex();
    private boolean useSimplex = true;

    /** Successive shortest paths only (tests compare the two solvers). */
    ExactTransport shortestPathsOnly() {
        useSimplex = false;
        return this;
    }

    private double shortestPaths(double[] a, double[] b, double[] cost, double[] plan, int n, int m, double sa) {
        ensure(n, m);
        int v = n + m;
        // nodes 0..n−1 sources, n..n+m−1 sinks; excess > 0 at sources, < 0 (deficit) at sinks
        for (int i = 0; i < n; i++) {
            excess[i] = a[i];
            potential[i] = 0;
        }
        for (int j = 0; j < m; j++) {
            excess[n + j] = -b[j];
            double min = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                min = Math.min(min, cost[i * m + j]);
            }
            potential[n + j] = min; // reduced forward cost c_ij + π_i − π_j ≥ 0
        }
        Arrays.fill(flow, 0, n * m, 0.0);
        double threshold = 1e-14 * Math.max(sa, Double.MIN_NORMAL);
        while (true) {
            // Dijkstra from every source with mass left
            boolean anySource = false;
            for (int u = 0; u < v; u++) {
                done[u] = false;
                pred[u] = -1;
                if (u < n && excess[u] > threshold) {
                    dist[u] = 0;
                    anySource = true;
                } else {
                    dist[u] = Double.POSITIVE_INFINITY;
                }
            }
            if (!anySource) {
                break;
            }
            int target = -1;
            double targetDist = 0;
            while (true) {
                int u = -1;
                double best = Double.POSITIVE_INFINITY;
                for (int w = 0; w < v; w++) {
                    if (!done[w] && dist[w] < best) {
                        best = dist[w];
                        u = w;
                    }
                }
                if (u < 0) {
                    break;
                }
                done[u] = true;
                if (u >= n && excess[u] < -threshold) {
                    target = u;
                    targetDist = best;
                    break;
                }
                if (u < n) {
                    int row = u * m;
                    double pu = potential[u];
                    for (int j = 0; j < m; j++) {
                        int w = n + j;
                        if (!done[w]) {
                            double nd = best + Math.max(0.0, cost[row + j] + pu - potential[w]);
                            if (nd < dist[w]) {
                                dist[w] = nd;
                                pred[w] = u;
                            }
                        }
                    }
                } else {
                    int j = u - n;
                    double pu = potential[u];
                    for (int i = 0; i < n; i++) {
                        if (!done[i] && flow[i * m + j] > 0) {
                            double nd = best + Math.max(0.0, -cost[i * m + j] + pu - potential[i]);
                            if (nd < dist[i]) {
                                dist[i] = nd;
                                pred[i] = u;
                            }
                        }
                    }
                }
            }
            if (target < 0) {
                break; // no sink short of mass is reachable: the rest is rounding residue
            }
            for (int u = 0; u < v; u++) {
                potential[u] += Math.min(dist[u], targetDist);
            }
            // the bottleneck: the source's mass, the sink's deficit, the backward arcs' flow
            double delta = -excess[target];
            int u = target;
            while (pred[u] >= 0) {
                int w = pred[u];
                if (w >= n) { // backward arc sink w → source u
                    delta = Math.min(delta, flow[u * m + (w - n)]);
                }
                u = w;
            }
            delta = Math.min(delta, excess[u]);
            u = target;
            while (pred[u] >= 0) {
                int w = pred[u];
                if (w < n) {
                    flow[w * m + (u - n)] += delta;
                } else {
                    double f = flow[u * m + (w - n)] - delta;
                    flow[u * m + (w - n)] = f > threshold ? f : 0.0;
                }
                u = w;
            }
            excess[u] -= delta;
            excess[target] += delta;
        }
        double total = 0;
        for (int k = 0; k < n * m; k++) {
            total += flow[k] * cost[k];
        }
        if (plan != null) {
            System.arraycopy(flow, 0, plan, 0, n * m);
        }
        return total;
    }

    private void ensure(int n, int m) {
        int v = n + m;
        if (capacity < v || flow.length < n * m) {
            capacity = v;
            potential = new double[v];
            dist = new double[v];
            pred = new int[v];
            done = new boolean[v];
            excess = new double[v];
            flow = new double[Math.max(n * m, flow == null ? 0 : flow.length)];
        }
    }

    private static double check(String name, double[] w, int count) {
        double s = 0;
        for (int i = 0; i < count; i++) {
            if (!(w[i] >= 0) || !Double.isFinite(w[i])) {
                throw new IllegalArgumentException(name + ": mass " + i + " is " + w[i] + "; masses must be finite and ≥ 0");
            }
            s += w[i];
        }
        if (!(s > 0)) {
            throw new IllegalArgumentException(name + ": the measure carries no mass");
        }
        return s;
    }
}
