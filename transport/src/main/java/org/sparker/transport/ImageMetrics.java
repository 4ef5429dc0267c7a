package org.sparker.transport;

/**
 * Distances between images on an {@link ImageGrid} (Fraser et al., Eqs. 3.1–3.3):
 *
 * <ul>
 *   <li>{@code MPE_α(I1, I2) = (1/N_pix) Σ_i |I1_i − I2_i|^α} (α = 2: MSE, α = 1: MAE);</li>
 *   <li>{@code W_p(I1, I2) = (min_f Σ f_ij c_ij^p)^{1/p}} over the non-zero pixels, with
 *       {@code c} the Euclidean distance between pixel centres, solved exactly
 *       ({@link ExactTransport}).</li>
 * </ul>
 *
 * Images are non-negative and carry the same total (the paper normalises each to unit p_T); a
 * metric instance caches its cost table and solver, so it is for one thread.
 */
public final class ImageMetrics {

    private final ImageGrid grid;
    private final double p;
    private final double[] table;
    private final ExactTransport solver = new ExactTransport();
    private int[] idxA = new int[0];
    private int[] idxB = new int[0];
    private double[] massA = new double[0];
    private double[] massB = new double[0];
    private double[] cost = new double[0];

    /** A W_p metric on {@code grid}. */
    public ImageMetrics(ImageGrid grid, double p) {
        if (grid == null) {
            throw new IllegalArgumentException("grid: missing");
        }
        this.grid = grid;
        this.p = p;
        this.table = grid.costTable(p);
    }

    /** The mean pixel error with exponent {@code alpha > 0}. */
    public static double mpe(double[] a, double[] b, double alpha) {
        if (a == null || b == null || a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("images: both need the same non-zero number of pixels, got "
                    + (a == null ? "none" : a.length) + " and " + (b == null ? "none" : b.length));
        }
        if (!(alpha > 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("alpha: must be finite and > 0, got " + alpha);
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double diff = Math.abs(a[i] - b[i]);
            s += alpha == 2 ? diff * diff : alpha == 1 ? diff : Math.pow(diff, alpha);
        }
        return s / a.length;
    }

    /** {@code W_p} between two images of the grid (exact). */
    public double wasserstein(double[] a, double[] b) {
        return Math.pow(transportCost(a, b), 1.0 / p);
    }

    /** {@code min_f Σ f_ij c_ij^p} (that is {@code W_p^p}) between two images of the grid. */
    public double transportCost(double[] a, double[] b) {
        long sizes = supports(a, b);
        int na = (int) (sizes >>> 32);
        int nb = (int) sizes;
        return solver.solve(massA, na, massB, nb, cost, null);
    }

    /** Validates both images, collects their non-zero pixels and the cost matrix between them; returns {@code na << 32 | nb}. */
    private long supports(double[] a, double[] b) {
        int px = grid.pixels();
        if (a == null || b == null || a.length != px || b.length != px) {
            throw new IllegalArgumentException("images: both need " + px + " pixels (" + grid.rows() + "×"
                    + grid.cols() + "), got " + (a == null ? "none" : a.length) + " and "
                    + (b == null ? "none" : b.length));
        }
        int na = support(a, "first image", true);
        int nb = support(b, "second image", false);
        if (cost.length < na * nb) {
            cost = new double[na * nb];
        }
        int cols = grid.cols();
        for (int i = 0; i < na; i++) {
            int ra = idxA[i] / cols;
            int ca = idxA[i] % cols;
            for (int j = 0; j < nb; j++) {
                int dr = Math.abs(ra - idxB[j] / cols);
                int dc = Math.abs(ca - idxB[j] % cols);
                cost[i * nb + j] = table[dr * cols + dc];
            }
        }
        return ((long) na << 32) | nb;
    }

    /**
     * The entropic counterpart of {@link #wasserstein}: {@code ⟨P_ε, C⟩^{1/p}} of the plan
     * {@code sinkhorn} finds between the images' non-zero pixels (masses normalised to 1). Its
     * {@code p} must be this metric's.
     */
    public SinkhornResult sinkhorn(double[] a, double[] b, Sinkhorn sinkhorn) {
        long sizes = supports(a, b);
        int na = (int) (sizes >>> 32);
        int nb = (int) sizes;
        double[] ma = normalised(java.util.Arrays.copyOf(massA, na));
        double[] mb = normalised(java.util.Arrays.copyOf(massB, nb));
        return sinkhorn.solve(java.util.Arrays.copyOf(cost, na * nb), na, nb, ma, mb);
    }

    private static double[] normalised(double[] w) {
        double s = 0;
        for (double v : w) {
            s += v;
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= s;
        }
        return w;
    }

    /** The cost exponent. */
    public double p() {
        return p;
    }

    /**
     * An image reduced to its non-zero pixels, validated once: the form to keep when many
     * distances involve the same image (a pairwise matrix, scores against medoids).
     *
     * @param pixels the non-zero pixels' indices, increasing
     * @param mass their values
     */
    public record Sparse(int[] pixels, double[] mass) {
    }

    /** The non-zero pixels of {@code img}, checked like {@link #wasserstein}'s arguments. */
    public Sparse sparse(double[] img) {
        if (img == null || img.length != grid.pixels()) {
            throw new IllegalArgumentException("image: needs " + grid.pixels() + " pixels (" + grid.rows() + "×"
                    + grid.cols() + "), got " + (img == null ? "none" : img.length));
        }
        int count = support(img, "image", true);
        return new Sparse(java.util.Arrays.copyOf(idxA, count), java.util.Arrays.copyOf(massA, count));
    }

    /** {@code W_p} between two sparse images of this metric's grid. */
    public double wasserstein(Sparse a, Sparse b) {
        int na = a.pixels().length;
        int nb = b.pixels().length;
        if (cost.length < na * nb) {
            cost = new double[na * nb];
        }
        int cols = grid.cols();
        for (int i = 0; i < na; i++) {
            int ra = a.pixels()[i] / cols;
            int ca = a.pixels()[i] % cols;
            for (int j = 0; j < nb; j++) {
                int dr = Math.abs(ra - b.pixels()[j] / cols);
                int dc = Math.abs(ca - b.pixels()[j] % cols);
                cost[i * nb + j] = table[dr * cols + dc];
            }
        }
        return Math.pow(solver.solve(a.mass(), na, b.mass(), nb, cost, null), 1.0 / p);
    }

    /**
     * The symmetric {@code n×n} matrix of {@code W_p} between all pairs of {@code images} (each
     * pair solved once), rows spread over {@code threads} threads, one metric per thread.
     *
     * @param done told after each row (its index) from the worker that finished it, may be {@code null}
     */
    public static double[] pairwise(ImageGrid grid, double p, Sparse[] images, int threads,
            java.util.function.IntConsumer done) {
        return pairwise(images.length, () -> {
            ImageMetrics m = new ImageMetrics(grid, p);
            return (i, j) -> m.wasserstein(images[i], images[j]);
        }, threads, done);
    }

    /** A distance between items {@code i} and {@code j} of a sample. */
    @FunctionalInterface
    public interface PairDistance {
        double between(int i, int j);
    }

    /**
     * The symmetric {@code n×n} matrix of a distance, each pair computed once, rows spread over
     * {@code threads} threads, each thread with its own distance from {@code perThread} (a metric
     * instance is for one thread).
     *
     * @param done told after each row (its index) from the worker that finished it, may be {@code null}
     */
    public static double[] pairwise(int n, java.util.function.Supplier<PairDistance> perThread, int threads,
            java.util.function.IntConsumer done) {
        double[] d = new double[n * n];
        ThreadLocal<PairDistance> dist = ThreadLocal.withInitial(perThread);
        Parallel.forEach(Math.max(1, threads), n, i -> {
            PairDistance f = dist.get();
            for (int j = i + 1; j < n; j++) {
                double v = f.between(i, j);
                d[i * n + j] = v;
                d[j * n + i] = v;
            }
            if (done != null) {
                done.accept(i);
            }
        }, "computing pairwise distances");
        return d;
    }

    /** Collects the non-zero pixels; returns their count. */
    private int support(double[] img, String name, boolean first) {
        int count = 0;
        for (int i = 0; i < img.length; i++) {
            double v = img[i];
            if (!(v >= 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException(name + ": pixel " + i + " (row " + i / grid.cols() + ", column "
                        + i % grid.cols() + ") is " + v + "; optimal transport needs finite, non-negative pixels");
            }
            if (v > 0) {
                count++;
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException(name + ": every pixel is 0, so there is no mass to transport");
        }
        int[] idx = first ? (idxA.length >= count ? idxA : (idxA = new int[count])) : (idxB.length >= count ? idxB : (idxB = new int[count]));
        double[] mass = first ? (massA.length >= count ? massA : (massA = new double[count]))
                : (massB.length >= count ? massB : (massB = new double[count]));
        int k = 0;
        for (int i = 0; i < img.length; i++) {
            if (img[i] > 0) {
                idx[k] = i;
                mass[k++] = img[i];
            }
        }
        return count;
    }
}
