package org.sparker.transport;

import java.util.Arrays;

/**
 * The transportation simplex (network simplex on the bipartite transport graph) for small dense
 * balanced problems, the fast path of {@link ExactTransport}. The basis is a spanning tree of
 * {@code n + m − 1} arcs; a first basic solution comes from the minimum-cost (greedy) rule, made
 * a spanning tree with zero-flow arcs; each pivot recomputes the duals {@code u_i + v_j = c_ij}
 * on the tree, enters an arc of negative reduced cost by block search (the most negative of the
 * first block of about √(nm) arcs that has one), and moves flow round the cycle it closes, the
 * leaving arc being the first to empty. About twenty pivots for the ~16 non-zero pixels of a
 * synthetic jet image.
 *
 * <p>Degenerate pivots can in principle cycle: the pivots are capped, and {@link #solve} reports
 * failure so that the caller falls back to successive shortest paths. Not thread-safe.
 */
final class TransportSimplex {

    private int cap = -1;
    // basis arcs: row, column, flow (an arc index b < n + m − 1)
    private int[] arcRow;
    private int[] arcCol;
    private double[] arcFlow;
    private boolean[] basic;     // n·m, whether arc (i, j) is in the basis
    private int[] arcAt;         // n·m, basis slot of arc (i, j), or −1
    private double[] u;
    private double[] v;
    // tree structure, rebuilt each pivot: node → parent node, parent arc slot, depth
    private int[] parent;
    private int[] parentArc;
    private int[] depth;
    private int[][] adjOf;
    private int[] deg;
    private int[] pathScratch;
    private int[] queue;
    private int[] uf;
    private long[] order;
    private int[] cycleSlots;
    private double[] remA;
    private double[] remB;

    /** The optimal cost into {@code result[0]} and the flow into {@code plan} (when not null); false when the pivot cap was hit. */
    boolean solve(double[] a, int n, double[] b, int m, double[] cost, double[] plan, double[] result) {
        int nodes = n + m;
        int arcs = nodes - 1;
        ensure(n, m);
        Arrays.fill(basic, 0, n * m, false);
        Arrays.fill(arcAt, 0, n * m, -1);
        System.arraycopy(a, 0, remA, 0, n);
        System.arraycopy(b, 0, remB, 0, m);
        // greedy (minimum-cost) first solution: each allocation empties a row or a column, so the
        // allocated arcs form a forest
        sortArcs(cost, n * m);
        for (int q = 0; q < nodes; q++) {
            uf[q] = q;
        }
        int used = 0;
        for (int k = 0; k < n * m && used < arcs; k++) {
            int e = (int) (order[k] & INDEX_MASK);
            int i = e / m;
            int j = e % m;
            if (remA[i] > 0 && remB[j] > 0) {
                double x = Math.min(remA[i], remB[j]);
                remA[i] -= x;
                remB[j] -= x;
                union(i, n + j);
                addArc(used++, i, j, x, m);
            }
        }
        // complete to a spanning tree with zero-flow arcs, cheapest first
        for (int k = 0; k < n * m && used < arcs; k++) {
            int e = (int) (order[k] & INDEX_MASK);
            int i = e / m;
            int j = e % m;
            if (!basic[e] && find(i) != find(n + j)) {
                union(i, n + j);
                addArc(used++, i, j, 0.0, m);
            }
        }
        double maxCost = 0;
        for (int k = 0; k < n * m; k++) {
            maxCost = Math.max(maxCost, cost[k]);
        }
        double tol = 1e-13 * Math.max(1.0, maxCost);
        int maxPivots = 50 * nodes + 1000;
        int next = 0;
        buildTree(n, m, arcs, cost);
        for (int pivot = 0; ; pivot++) {
            // entering arc by block search (LEMON's default rule): scan blocks of about √(nm)
            // arcs cyclically from where the last search stopped, and enter the most negative
            // reduced cost of the first block that has one
            int enter = -1;
            double best = -tol;
            int total = n * m;
            int block = Math.max(8, (int) Math.sqrt(total));
            int inBlock = 0;
            int e = next;
            int ci = e / m;
            int cj = e % m;
            for (int seen = 0; seen < total; seen++) {
                if (!basic[e]) {
                    double rc = cost[e] - u[ci] - v[cj];
                    if (rc < best) {
                        best = rc;
                        enter = e;
                    }
                }
                e++;
                if (++cj == m) {
                    cj = 0;
                    if (++ci == n) {
                        ci = 0;
                        e = 0;
                    }
                }
                if (++inBlock == block) {
                    if (enter >= 0) {
                        next = e;
                        break;
                    }
                    inBlock = 0;
                }
            }
            if (enter < 0) {
                break;
            }
            if (pivot >= maxPivots) {
                return false;
            }
            int ei = enter / m;
            int ej = enter % m;
            // the tree path from column node ej to row node ei; its arcs alternate −, +, −, …
            int len = path(n + ej, ei);
            double theta = Double.POSITIVE_INFINITY;
            int leave = -1;
            for (int s = 0; s < len; s += 2) {
                int slot = cycleSlots[s];
                if (arcFlow[slot] < theta) {
                    theta = arcFlow[slot];
                    leave = slot;
                }
            }
            for (int s = 0; s < len; s++) {
                int slot = cycleSlots[s];
                arcFlow[slot] += (s % 2 == 0) ? -theta : theta;
            }
            arcFlow[leave] = 0;
            int la = arcRow[leave];
            int lb = n + arcCol[leave];
            int old = la * m + arcCol[leave];
            basic[old] = false;
            arcAt[old] = -1;
            addArc(leave, ei, ej, theta, m);
            rehang(n, m, cost, leave, la, lb, ei, n + ej);
        }
        double total = 0;
        if (plan != null) {
            Arrays.fill(plan, 0, n * m, 0.0);
        }
        for (int s = 0; s < arcs; s++) {
            double x = Math.max(0.0, arcFlow[s]);
            total += x * cost[arcRow[s] * m + arcCol[s]];
            if (plan != null) {
                plan[arcRow[s] * m + arcCol[s]] = x;
            }
        }
        result[0] = total;
        return true;
    }

    private static final long INDEX_MASK = (1L << 22) - 1;

    /**
     * Arc indices by increasing cost into {@link #order}: for costs ≥ 0 the IEEE bits order like
     * the values, so a primitive sort of (cost bits with the low 22 cleared) | index does it
     * without boxing. Costs equal to 30 significant bits tie; only the first basis depends on the
     * order, not the optimum.
     */
    private void sortArcs(double[] cost, int count) {
        if (count > INDEX_MASK) {
            Integer[] boxed = new Integer[count];
            for (int k = 0; k < count; k++) {
                boxed[k] = k;
            }
            Arrays.sort(boxed, (p, q) -> Double.compare(cost[p], cost[q]));
            for (int k = 0; k < count; k++) {
                order[k] = boxed[k];
            }
            return;
        }
        for (int k = 0; k < count; k++) {
            order[k] = (Double.doubleToRawLongBits(cost[k]) & ~INDEX_MASK) | k;
        }
        Arrays.sort(order, 0, count);
    }

    private void addArc(int slot, int i, int j, double flow, int m) {
        arcRow[slot] = i;
        arcCol[slot] = j;
        arcFlow[slot] = flow;
        basic[i * m + j] = true;
        arcAt[i * m + j] = slot;
    }

    /** Adjacency, parents, depths and duals of the current tree, rooted at row node 0 ({@code u_0 = 0}). */
    private void buildTree(int n, int m, int arcs, double[] cost) {
        int nodes = n + m;
        Arrays.fill(deg, 0, nodes, 0);
        for (int s = 0; s < arcs; s++) {
            link(arcRow[s], s);
            link(n + arcCol[s], s);
        }
        Arrays.fill(parent, 0, nodes, -2);
        parent[0] = -1;
        parentArc[0] = -1;
        depth[0] = 0;
        u[0] = 0;
        walk(0, -1, n, m, cost);
    }

    /**
     * After a pivot: the leaving arc (row {@code la}, column node {@code lb}) is gone and the
     * entering arc (row {@code ei}, column node {@code cj}) is in slot {@code slot}. The subtree
     * that hung from the leaving arc is hung again from the entering one: only its parents,
     * depths and duals change (by the entering arc's reduced cost), and only it is walked.
     */
    private void rehang(int n, int m, double[] cost, int slot, int la, int lb, int ei, int cj) {
        unlink(la, slot);
        unlink(lb, slot);
        link(ei, slot);
        link(cj, slot);
        int child = parent[lb] == la ? lb : la; // the side of the leaving arc away from the root
        // which end of the entering arc lies in child's subtree
        int x = ei;
        while (depth[x] > depth[child]) {
            x = parent[x];
        }
        int inner = x == child ? ei : cj;
        int outer = inner == ei ? cj : ei;
        parent[inner] = outer;
        parentArc[inner] = slot;
        depth[inner] = depth[outer] + 1;
        double c = cost[ei * m + (cj - n)];
        if (inner >= n) {
            v[inner - n] = c - u[outer];
        } else {
            u[inner] = c - v[outer - n];
        }
        walk(inner, slot, n, m, cost);
    }

    /** Sets parents, depths and duals below {@code start} (whose own are set), not crossing {@code skip}. */
    private void walk(int start, int skip, int n, int m, double[] cost) {
        int head = 0;
        int tail = 0;
        queue[tail++] = start;
        while (head < tail) {
            int x = queue[head++];
            int[] list = adjOf[x];
            int up = x == start ? skip : parentArc[x];
            for (int k = 0; k < deg[x]; k++) {
                int s = list[k];
                if (s == up) {
                    continue;
                }
                int y = x < n ? n + arcCol[s] : arcRow[s];
                parent[y] = x;
                parentArc[y] = s;
                depth[y] = depth[x] + 1;
                double c = cost[arcRow[s] * m + arcCol[s]];
                if (y >= n) {
                    v[y - n] = c - u[x];
                } else {
                    u[y] = c - v[x - n];
                }
                queue[tail++] = y;
            }
        }
    }

    private void link(int node, int slot) {
        if (adjOf[node].length == deg[node]) {
            adjOf[node] = Arrays.copyOf(adjOf[node], Math.max(4, 2 * deg[node]));
        }
        adjOf[node][deg[node]++] = slot;
    }

    private void unlink(int node, int slot) {
        int[] list = adjOf[node];
        for (int k = 0; k < deg[node]; k++) {
            if (list[k] == slot) {
                list[k] = list[--deg[node]];
                return;
            }
        }
        throw new IllegalStateException("transport simplex: arc slot " + slot + " is not at node " + node);
    }

    /**
     * The basis slots on the tree path from node {@code from} to node {@code to}, in order from
     * {@code from}, into {@link #cycleSlots}; returns their count.
     */
    private int path(int from, int to) {
        int a = from;
        int b = to;
        int na = 0;
        int nb = 0;
        int[] tailB = pathScratch; // the to-side, reversed afterwards
        while (depth[a] > depth[b]) {
            cycleSlots[na++] = parentArc[a];
            a = parent[a];
        }
        while (depth[b] > depth[a]) {
            tailB[nb++] = parentArc[b];
            b = parent[b];
        }
        while (a != b) {
            cycleSlots[na++] = parentArc[a];
            a = parent[a];
            tailB[nb++] = parentArc[b];
            b = parent[b];
        }
        for (int k = nb - 1; k >= 0; k--) {
            cycleSlots[na++] = tailB[k];
        }
        return na;
    }

    private int find(int x) {
        while (uf[x] != x) {
            uf[x] = uf[uf[x]];
            x = uf[x];
        }
        return x;
    }

    private void union(int x, int y) {
        uf[find(x)] = find(y);
    }

    private void ensure(int n, int m) {
        int nodes = n + m;
        if (cap >= 0 && arcRow.length >= nodes && basic.length >= n * m) {
            return;
        }
        int size = Math.max(nodes, cap);
        cap = size;
        arcRow = new int[size];
        arcCol = new int[size];
        arcFlow = new double[size];
        basic = new boolean[Math.max(n * m, basic == null ? 0 : basic.length)];
        arcAt = new int[basic.length];
        order = new long[basic.length];
        u = new double[size];
        v = new double[size];
        parent = new int[size];
        parentArc = new int[size];
        depth = new int[size];
        adjOf = new int[size][4];
        deg = new int[size];
        pathScratch = new int[2 * size];
        queue = new int[size + 1];
        uf = new int[size];
        cycleSlots = new int[2 * size];
        remA = new double[size];
        remB = new double[size];
    }
}
