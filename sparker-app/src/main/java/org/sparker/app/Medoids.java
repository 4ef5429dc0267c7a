package org.sparker.app;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.sparker.app.io.DataFiles;
import org.sparker.app.io.Json;
import org.sparker.app.io.OutputFiles;
import org.sparker.app.io.OutputGuard;
import org.sparker.calibration.AtomicFiles;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.KernelBackend;
import org.sparker.stats.Auc;
import org.sparker.transport.Elbow;
import org.sparker.transport.EnsembleScore;
import org.sparker.transport.ImageGrid;
import org.sparker.transport.ImageMetrics;
import org.sparker.transport.KMedoids;
import org.sparker.transport.Sinkhorn;
import org.sparker.transport.SinkhornResult;

/**
 * {@code sparker medoids}: event-to-ensemble optimal-transport scores (Fraser et al.,
 * arXiv:2110.06948). k medoids of a reference sample of images under an image metric (or the
 * elbow's k), every data image's distance to them (or to the reference's mean image), the AUC
 * when labels are given; {@code medoids.json} and {@code scores.csv} written as one set.
 */
public final class Medoids {

    /**
     * What to compute.
     *
     * @param reference reference images, one flattened image per row
     * @param data images to score
     * @param labels 0/1 per data row, or null
     * @param metric {@code wass:P} or {@code mpe:A}
     * @param k the number of medoids, or {@code elbow}
     * @param maxK the largest k the elbow tries
     * @param combine {@code min}, {@code sum} or {@code avg}
     * @param solver {@code exact} or {@code sinkhorn}
     * @param eps Sinkhorn's ε in cost units, or null for {@link #defaultEpsilon}
     * @param grid {@code ROWSxCOLS:PITCH}
     * @param out the output folder
     * @param engine backend and threads
     */
    public record Request(Path reference, Path data, Path labels, String metric, String k, int maxK, String combine,
            String solver, Double eps, String grid, Path out, Engine engine) {
    }

    /**
     * What was computed: the content of medoids.json, and how many Sinkhorn problems stopped
     * before the tolerance (0 for the exact solver).
     */
    public record Result(Summary summary, long unconverged) {

        /** The AUC, or null without labels. */
        public Double auc() {
            return summary.auc();
        }
    }

    /**
     * medoids.json: the medoids and how they were chosen, the options, the inputs and, with labels,
     * the AUC; entries that do not apply (the elbow for a fixed k, ε for the exact solver) are left out.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(String format, int version, @JsonProperty("elbow_k0") Double elbowK0, Double medoidCost,
            int[] medoids, int k, String metric, String combine, String solver, Double eps,
            Long sinkhornUnconverged, String reference, String data, int referenceImages, int dataImages,
            List<ElbowRow> elbow, Double auc) {
    }

    /** One k of the elbow scan: the modal distance to the nearest medoid and the PAM cost. */
    public record ElbowRow(int k, double modalDistance, double cost) {
    }

    /** The medoids PAM chose, with the elbow scan that chose k (null for a fixed k). */
    private record Chosen(int[] medoids, double cost, Double elbowK0, List<ElbowRow> elbow) {
    }

    /** A distance between two images. */
    @FunctionalInterface
    interface Distance {
        double between(double[] a, double[] b);
    }

    /** The metric option. */
    record Metric(boolean wasserstein, double exponent) {
        static Metric parse(String s) {
            String[] parts = s == null ? new String[0] : s.trim().toLowerCase(Locale.ROOT).split(":");
            if (parts.length != 2 || !(parts[0].equals("wass") || parts[0].equals("mpe"))) {
                throw new UserError("--metric: expected wass:P or mpe:A, got '" + s + "'");
            }
            double v;
            try {
                v = Double.parseDouble(parts[1]);
            } catch (NumberFormatException e) {
                throw new UserError("--metric: the exponent in '" + s + "' is not a number");
            }
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new UserError("--metric: the exponent must be finite and > 0, got " + parts[1]);
            }
            return new Metric(parts[0].equals("wass"), v);
        }
    }

    /** The options, checked. */
    private record Settings(ImageGrid grid, Metric metric, EnsembleScore rule, boolean entropic, double eps) {
    }

    private Medoids() {
    }

    public static Result run(Request q) {
        Map<String, Path> inputs = Map.of("--reference", q.reference(), "--data", q.data());
        OutputGuard.checkFolder("--out", q.out(), java.util.Set.of("medoids.json", "scores.csv"), inputs);
        Settings s = settings(q);
        double[][] ref = images(q.reference(), s.grid());
        double[][] x = images(q.data(), s.grid());
        int[] y = q.labels() == null ? null : labels(q.labels(), x.length);
        Integer fixedK = chosenK(q, ref.length);
        Engine engine = q.engine();
        try (KernelBackend backend = s.entropic() ? engine.open(1) : null) {
            AtomicLong unconverged = new AtomicLong();
            Distance dist = distance(s, backend, unconverged);
            Chosen chosen = null;
            int[] medoids;
            double[][] against;
            if (s.rule() == EnsembleScore.AVG) {
                medoids = new int[0];
                against = new double[][] {meanImage(ref, s.grid())};
            } else {
                chosen = medoids(q, s, ref, dist, fixedK);
                medoids = chosen.medoids();
                against = new double[medoids.length][];
                for (int m = 0; m < medoids.length; m++) {
                    against[m] = ref[medoids[m]];
                }
            }
            double[] scores = scores(x, against, dist, s.rule());
            Summary summary = new Summary(OutputGuard.Kind.MEDOIDS_JSON.format(), 1,
                    chosen == null ? null : chosen.elbowK0(), chosen == null ? null : chosen.cost(), medoids,
                    medoids.length, q.metric(), s.rule().name().toLowerCase(Locale.ROOT),
                    s.entropic() ? "sinkhorn" : "exact", s.entropic() ? s.eps() : null,
                    s.entropic() ? unconverged.get() : null, q.reference().toString(), q.data().toString(), ref.length,
                    x.length, chosen == null ? null : chosen.elbow(), y == null ? null : auc(q.labels(), scores, y));
            write(q.out(), summary, scores, y);
            return new Result(summary, unconverged.get());
        }
    }

    private static Settings settings(Request q) {
        ImageGrid g = grid(q.grid());
        Metric m = Metric.parse(q.metric());
        EnsembleScore rule;
        try {
            rule = EnsembleScore.parse(q.combine());
        } catch (IllegalArgumentException e) {
            throw new UserError("--" + e.getMessage());
        }
        boolean entropic = switch (q.solver().toLowerCase(Locale.ROOT)) {
            case "exact" -> false;
            case "sinkhorn" -> true;
            default -> throw new UserError("--solver: expected exact or sinkhorn, got '" + q.solver() + "'");
        };
        if (entropic && !m.wasserstein()) {
            throw new UserError("--solver sinkhorn needs a wass:P metric, got " + q.metric());
        }
        if (q.eps() != null && !(q.eps() > 0 && Double.isFinite(q.eps()))) {
            throw new UserError("--eps: must be finite and > 0, got " + q.eps());
        }
        return new Settings(g, m, rule, entropic, q.eps() != null ? q.eps() : defaultEpsilon(g, m.exponent()));
    }

    /**
     * Sinkhorn's default ε: an eighth of the cost of moving mass by one pixel, {@code pitch^p / 8},
     * so that it scales with the grid. On 40×40 jets (pitch 0.08, W_1) it is 0.01: every problem
     * converges to the tolerance and the distances are within about 1% of the exact ones (the
     * entropic bias), where 0.001 left problems unconverged after 10,000 iterations.
     */
    public static double defaultEpsilon(ImageGrid grid, double p) {
        return Math.pow(grid.pitch(), p) / 8;
    }

    /** {@code --k} as a number, or null for the elbow (with {@code --max-k} checked). */
    private static Integer chosenK(Request q, int references) {
        if (q.k().equalsIgnoreCase("elbow")) {
            if (q.maxK() < 4 || q.maxK() > references) {
                throw new UserError("--max-k: the elbow needs at least 4 values of k and at most the " + references
                        + " reference images, got " + q.maxK());
            }
            return null;
        }
        int k;
        try {
            k = Integer.parseInt(q.k().trim());
        } catch (NumberFormatException e) {
            throw new UserError("--k: expected a whole number or elbow, got '" + q.k() + "'");
        }
        if (k < 1 || k > references) {
            throw new UserError("--k: must be between 1 and the " + references + " reference images, got " + k);
        }
        return k;
    }

    /** The metric between images: exact W_p (a solver per thread), Sinkhorn (one backend, in turn) or MPE. */
    private static Distance distance(Settings s, KernelBackend backend, AtomicLong unconverged) {
        Metric m = s.metric();
        if (!m.wasserstein()) {
            return (a, b) -> ImageMetrics.mpe(a, b, m.exponent());
        }
        ThreadLocal<ImageMetrics> metrics = ThreadLocal.withInitial(() -> new ImageMetrics(s.grid(), m.exponent()));
        if (!s.entropic()) {
            return (a, b) -> metrics.get().wasserstein(a, b);
        }
        // marginal error 1e-6: the float rounding of the kernel passes leaves about 1e-7; ε-scaling
        // from the largest cost down halves the iterations at small ε
        Sinkhorn sk = Sinkhorn.builder(backend).epsilon(s.eps()).p(m.exponent()).maxIterations(10_000).tolerance(1e-6)
                .epsScaling(0.5).build();
        return (a, b) -> {
            SinkhornResult r;
            synchronized (sk) { // one backend instance: one caller at a time
                r = metrics.get().sinkhorn(a, b, sk);
            }
            if (!r.converged()) {
                unconverged.incrementAndGet();
            }
            return r.wasserstein();
        };
    }

    /** k medoids of the reference (PAM), or the elbow's choice among 1..maxK, with the entries they add to the summary. */
    private static Chosen medoids(Request q, Settings s, double[][] ref, Distance dist, Integer fixedK) {
        Engine engine = q.engine();
        double[] pairwise;
        try (Reporter.Task task = engine.reporter().start("pairwise distances", ref.length)) {
            long[] rows = {0};
            java.util.function.IntConsumer progress = i -> {
                synchronized (rows) {
                    task.stepTo(++rows[0]);
                }
            };
            if (s.metric().wasserstein() && !s.entropic()) {
                // exact W_p: sparse images made once, the matrix's rows over the threads
                ImageMetrics once = new ImageMetrics(s.grid(), s.metric().exponent());
                ImageMetrics.Sparse[] sparse = new ImageMetrics.Sparse[ref.length];
                for (int i = 0; i < ref.length; i++) {
                    sparse[i] = once.sparse(ref[i]);
                }
                pairwise = ImageMetrics.pairwise(s.grid(), s.metric().exponent(), sparse, engine.effectiveThreads(),
                        progress);
            } else {
                pairwise = ImageMetrics.pairwise(ref.length, () -> (i, j) -> dist.between(ref[i], ref[j]),
                        engine.effectiveThreads(), progress);
            }
        }
        if (fixedK != null) {
            KMedoids.Result chosen = KMedoids.pam(pairwise, ref.length, fixedK);
            return new Chosen(chosen.medoids(), chosen.cost(), null, null);
        } else {
            int maxK = q.maxK();
            int[] ks = new int[maxK];
            double[] yk = new double[maxK];
            KMedoids.Result[] results = new KMedoids.Result[maxK];
            List<ElbowRow> rows = new ArrayList<>();
            for (int kk = 1; kk <= maxK; kk++) {
                results[kk - 1] = KMedoids.pam(pairwise, ref.length, kk);
                ks[kk - 1] = kk;
                yk[kk - 1] = Elbow.modalDistance(results[kk - 1].nearest());
                rows.add(new ElbowRow(kk, yk[kk - 1], results[kk - 1].cost()));
            }
            Elbow.Choice c = Elbow.choose(ks, yk);
            KMedoids.Result chosen = results[Math.min(maxK, c.chosen()) - 1];
            return new Chosen(chosen.medoids(), chosen.cost(), c.k0(), List.copyOf(rows));
        }
    }

    private static double[] meanImage(double[][] ref, ImageGrid g) {
        double[] mean = new double[g.pixels()];
        for (double[] r : ref) {
            for (int p = 0; p < mean.length; p++) {
                mean[p] += r[p] / ref.length;
            }
        }
        return mean;
    }

    private static double[] scores(double[][] x, double[][] against, Distance dist, EnsembleScore rule) {
        double[] scores = new double[x.length];
        IntStream.range(0, x.length).parallel().forEach(i -> {
            double[] d = new double[against.length];
            for (int q = 0; q < d.length; q++) {
                d[q] = dist.between(x[i], against[q]);
            }
            scores[i] = rule == EnsembleScore.AVG ? d[0] : rule.combine(d);
        });
        return scores;
    }

    private static double auc(Path labels, double[] scores, int[] y) {
        List<Double> sig = new ArrayList<>();
        List<Double> bkg = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            (y[i] == 1 ? sig : bkg).add(scores[i]);
        }
        if (sig.isEmpty() || bkg.isEmpty()) {
            throw new UserError(labels + ": the labels hold only " + (sig.isEmpty() ? "0s" : "1s")
                    + "; the AUC needs both classes");
        }
        return Auc.midrank(sig.stream().mapToDouble(Double::doubleValue).toArray(),
                bkg.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static void write(Path out, Summary summary, double[] scores, int[] y) {
        Map<String, AtomicFiles.Writer> files = new LinkedHashMap<>();
        files.put("medoids.json", os -> Json.MAPPER.writeValue(os, summary));
        files.put("scores.csv", os -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
            w.write(y == null ? "f,score,row\n" : "f,score,row,label\n");
            for (int i = 0; i < scores.length; i++) {
                // "f,score" as the scores files of sparker score; f is the score itself here
                w.write(scores[i] + "," + scores[i] + "," + i + (y == null ? "" : "," + y[i]) + "\n");
            }
            w.flush();
        });
        OutputFiles.writeSet(out, "medoids", files);
    }

    private static ImageGrid grid(String s) {
        try {
            String[] parts = s.split(":");
            String[] dims = parts[0].toLowerCase(Locale.ROOT).split("x");
            return new ImageGrid(Integer.parseInt(dims[0].trim()), Integer.parseInt(dims[1].trim()),
                    Double.parseDouble(parts[1].trim()));
        } catch (RuntimeException e) {
            throw new UserError("--grid: expected ROWSxCOLS:PITCH such as 40x40:0.08, got '" + s + "'"
                    + (e instanceof IllegalArgumentException && e.getMessage() != null ? " (" + e.getMessage() + ")" : ""));
        }
    }

    /** The images of {@code file}, each normalised to unit total (the paper normalises jets to unit p_T). */
    private static double[][] images(Path file, ImageGrid g) {
        FloatMatrix m = DataFiles.read(file);
        if (m.cols() != g.pixels()) {
            throw new UserError(file + ": rows have " + m.cols() + " values but the grid " + g.rows() + "×" + g.cols()
                    + " has " + g.pixels() + " pixels (set --grid)");
        }
        double[][] out = new double[m.rows()][g.pixels()];
        float[] v = m.data();
        for (int r = 0; r < m.rows(); r++) {
            double total = 0;
            for (int c = 0; c < g.pixels(); c++) {
                double px = v[r * g.pixels() + c];
                if (px < 0) {
                    throw new UserError(file + ": row " + r + ", column " + c + " is " + px
                            + "; optimal transport needs non-negative pixels");
                }
                out[r][c] = px;
                total += px;
            }
            if (!(total > 0)) {
                throw new UserError(file + ": row " + r + " is an empty image (every pixel 0)");
            }
            for (int c = 0; c < g.pixels(); c++) {
                out[r][c] /= total;
            }
        }
        return out;
    }

    private static int[] labels(Path file, int rows) {
        FloatMatrix m = DataFiles.read(file);
        if (m.cols() != 1 || m.rows() != rows) {
            throw new UserError(file + ": expected one label per data row (" + rows + "×1), got " + m.rows() + "×" + m.cols());
        }
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            float v = m.data()[i];
            if (v != 0 && v != 1) {
                throw new UserError(file + ": row " + i + " is " + v + "; labels are 0 (background) or 1 (signal)");
            }
            y[i] = (int) v;
        }
        return y;
    }
}
