package org.sparker.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.sparker.app.UserError;
import org.sparker.app.io.DataFiles;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Event-to-ensemble optimal-transport scores (Fraser et al., arXiv:2110.06948): k medoids of a reference sample of
 * images under an image metric, then every data image's distance to them (or to the reference's
 * mean image), and the AUC when labels are given.
 */
@Command(name = "medoids", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Score images by their optimal-transport (or pixel) distance to k medoids of a reference sample "
                + "(Fraser et al., arXiv:2110.06948); writes medoids.json and scores.csv, with the AUC when labels are given.")
final class MedoidsCommand implements Callable<Integer> {

    @Option(names = "--reference", required = true, paramLabel = "R",
            description = "Reference images, one flattened image per row (.npy or .csv).")
    Path reference;

    @Option(names = "--data", required = true, paramLabel = "X", description = "Images to score, same layout.")
    Path data;

    @Option(names = "--labels", paramLabel = "Y", description = "Optional 0/1 per data row (1 = signal): the AUC is reported.")
    Path labels;

    @Option(names = "--metric", paramLabel = "wass:P|mpe:A", defaultValue = "wass:1",
            description = "wass:P (W_p between pixel centres, P > 0) or mpe:A (mean pixel error, exponent A) (default: ${DEFAULT-VALUE}).")
    String metric;

    @Option(names = "--k", paramLabel = "K|elbow", defaultValue = "elbow",
            description = "Number of medoids, or elbow to choose it from 1..--max-k (default: ${DEFAULT-VALUE}).")
    String k;

    @Option(names = "--max-k", paramLabel = "K", defaultValue = "10", description = "Largest k the elbow tries (default: ${DEFAULT-VALUE}).")
    int maxK;

    @Option(names = "--combine", paramLabel = "min|sum|avg", defaultValue = "min",
            description = "min or sum of the distances to the medoids, or avg: the distance to the reference's mean image (default: ${DEFAULT-VALUE}).")
    String combine;

    @Option(names = "--solver", paramLabel = "exact|sinkhorn", defaultValue = "exact",
            description = "Exact transport, or entropic (Sinkhorn, ⟨P_ε, C⟩^{1/p}) (default: ${DEFAULT-VALUE}).")
    String solver;

    @Option(names = "--eps", paramLabel = "E", defaultValue = "0.001",
            description = "Sinkhorn's ε in cost units (default: ${DEFAULT-VALUE}).")
    double eps;

    @Option(names = "--grid", paramLabel = "ROWSxCOLS:PITCH", defaultValue = "40x40:0.08",
            description = "The pixel grid of a flattened image (default: ${DEFAULT-VALUE}, the jets of Fraser et al.).")
    String grid;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for medoids.json and scores.csv.")
    Path out;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OutputGuard.checkFolder("--out", out, Map.of());
        OutputGuard.check("--out", out.resolve("medoids.json"), OutputGuard.Kind.MEDOIDS_JSON,
                Map.of("--reference", reference, "--data", data));
        OutputGuard.check("--out", out.resolve("scores.csv"), OutputGuard.Kind.SCORES_CSV,
                Map.of("--reference", reference, "--data", data));
        ImageGrid g = parseGrid(grid);
        Metric m = Metric.parse(metric);
        EnsembleScore rule;
        try {
            rule = EnsembleScore.parse(combine);
        } catch (IllegalArgumentException e) {
            throw new UserError("--" + e.getMessage());
        }
        boolean entropic = switch (solver.toLowerCase(Locale.ROOT)) {
            case "exact" -> false;
            case "sinkhorn" -> true;
            default -> throw new UserError("--solver: expected exact or sinkhorn, got '" + solver + "'");
        };
        if (entropic && !m.wasserstein()) {
            throw new UserError("--solver sinkhorn needs a wass:P metric, got " + metric);
        }
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new UserError("--eps: must be finite and > 0, got " + eps);
        }
        double[][] ref = images(reference, g);
        double[][] x = images(data, g);
        int[] y = labels == null ? null : readLabels(labels, x.length);
        Integer fixedK = null;
        if (!k.equalsIgnoreCase("elbow")) {
            try {
                fixedK = Integer.parseInt(k.trim());
            } catch (NumberFormatException e) {
                throw new UserError("--k: expected a whole number or elbow, got '" + k + "'");
            }
            if (fixedK < 1 || fixedK > ref.length) {
                throw new UserError("--k: must be between 1 and the " + ref.length + " reference images, got " + fixedK);
            }
        } else if (maxK < 4 || maxK > ref.length) {
            throw new UserError("--max-k: the elbow needs at least 4 values of k and at most the " + ref.length
                    + " reference images, got " + maxK);
        }
        int threads = engine.effectiveThreads();
        try (KernelBackend backend = entropic ? engine.open(1) : null) {
            Sinkhorn sk = entropic ? Sinkhorn.builder(backend).epsilon(eps).p(m.exponent()).maxIterations(10_000)
                    .tolerance(1e-9).build() : null;
            ThreadLocal<ImageMetrics> metrics = ThreadLocal.withInitial(
                    () -> m.wasserstein() ? new ImageMetrics(g, m.exponent()) : null);
            AtomicLong unconverged = new AtomicLong();
            Distance dist = (a, b) -> {
                if (!m.wasserstein()) {
                    return ImageMetrics.mpe(a, b, m.exponent());
                }
                if (sk == null) {
                    return metrics.get().wasserstein(a, b);
                }
                SinkhornResult r;
                synchronized (sk) { // one backend instance: one caller at a time
                    r = metrics.get().sinkhorn(a, b, sk);
                }
                if (!r.converged()) {
                    unconverged.incrementAndGet();
                }
                return r.wasserstein();
            };
            Map<String, Object> summary = new LinkedHashMap<>();
            int[] medoids;
            List<Map<String, Object>> elbowRows = new ArrayList<>();
            double[][] scoreAgainst;
            if (rule == EnsembleScore.AVG) {
                double[] mean = new double[g.pixels()];
                for (double[] r : ref) {
                    for (int p = 0; p < mean.length; p++) {
                        mean[p] += r[p] / ref.length;
                    }
                }
                medoids = new int[0];
                scoreAgainst = new double[][] {mean};
            } else {
                double[] pairwise;
                if (m.wasserstein() && !entropic) {
                    // exact W_p: sparse images made once, the matrix's rows over the threads
                    ImageMetrics once = new ImageMetrics(g, m.exponent());
                    ImageMetrics.Sparse[] sparse = new ImageMetrics.Sparse[ref.length];
                    for (int i = 0; i < ref.length; i++) {
                        sparse[i] = once.sparse(ref[i]);
                    }
                    try (Progress progress = Progress.start("pairwise distances", ref.length, engine.quiet)) {
                        pairwise = ImageMetrics.pairwise(g, m.exponent(), sparse, threads, i -> progress.step(1));
                    }
                } else {
                    pairwise = pairwise(ref, dist, threads);
                }
                KMedoids.Result chosen;
                if (fixedK != null) {
                    chosen = KMedoids.pam(pairwise, ref.length, fixedK);
                } else {
                    int[] ks = new int[maxK];
                    double[] yk = new double[maxK];
                    KMedoids.Result[] results = new KMedoids.Result[maxK];
                    for (int kk = 1; kk <= maxK; kk++) {
                        results[kk - 1] = KMedoids.pam(pairwise, ref.length, kk);
                        ks[kk - 1] = kk;
                        yk[kk - 1] = Elbow.modalDistance(results[kk - 1].nearest());
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("k", kk);
                        row.put("modal_distance", yk[kk - 1]);
                        row.put("cost", results[kk - 1].cost());
                        elbowRows.add(row);
                    }
                    Elbow.Choice c = Elbow.choose(ks, yk);
                    summary.put("elbow_k0", c.k0());
                    chosen = results[Math.min(maxK, c.chosen()) - 1];
                }
                medoids = chosen.medoids();
                summary.put("medoid_cost", chosen.cost());
                scoreAgainst = new double[medoids.length][];
                for (int q = 0; q < medoids.length; q++) {
                    scoreAgainst[q] = ref[medoids[q]];
                }
            }
            double[] scores = new double[x.length];
            IntStream.range(0, x.length).parallel().forEach(i -> {
                double[] d = new double[scoreAgainst.length];
                for (int q = 0; q < d.length; q++) {
                    d[q] = dist.between(x[i], scoreAgainst[q]);
                }
                scores[i] = rule == EnsembleScore.AVG ? d[0] : rule.combine(d);
            });
            summary.put("medoids", medoids);
            summary.put("k", rule == EnsembleScore.AVG ? 0 : medoids.length);
            summary.put("metric", metric);
            summary.put("combine", rule.name().toLowerCase(Locale.ROOT));
            summary.put("solver", entropic ? "sinkhorn" : "exact");
            if (entropic) {
                summary.put("eps", eps);
                summary.put("sinkhorn_unconverged", unconverged.get());
            }
            summary.put("reference", reference.toString());
            summary.put("data", data.toString());
            summary.put("reference_images", ref.length);
            summary.put("data_images", x.length);
            if (!elbowRows.isEmpty()) {
                summary.put("elbow", elbowRows);
            }
            if (y != null) {
                List<Double> sig = new ArrayList<>();
                List<Double> bkg = new ArrayList<>();
                for (int i = 0; i < x.length; i++) {
                    (y[i] == 1 ? sig : bkg).add(scores[i]);
                }
                if (sig.isEmpty() || bkg.isEmpty()) {
                    throw new UserError(labels + ": the labels hold only " + (sig.isEmpty() ? "0s" : "1s")
                            + "; the AUC needs both classes");
                }
                summary.put("auc", Auc.midrank(sig.stream().mapToDouble(Double::doubleValue).toArray(),
                        bkg.stream().mapToDouble(Double::doubleValue).toArray()));
            }
            Map<String, AtomicFiles.Writer> files = new LinkedHashMap<>();
            files.put("medoids.json", os -> OutputFiles.JSON.writerWithDefaultPrettyPrinter().writeValue(os, summary));
            files.put("scores.csv", os -> {
                BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
                w.write(y == null ? "f,score,row\n" : "f,score,row,label\n");
                for (int i = 0; i < x.length; i++) {
                    // "f,score" keeps the scores-file marker; f is the score itself here
                    w.write(scores[i] + "," + scores[i] + "," + i + (y == null ? "" : "," + y[i]) + "\n");
                }
                w.flush();
            });
            OutputFiles.writeSet(out, files);
            if (!engine.quiet) {
                var o = spec.commandLine().getOut();
                o.printf("%s: %d images scored against %s%s%n", out, x.length,
                        rule == EnsembleScore.AVG ? "the mean reference image" : medoids.length + " medoids",
                        y == null ? "" : String.format(Locale.ROOT, "; AUC %.4f", (double) summary.get("auc")));
                if (entropic && unconverged.get() > 0) {
                    o.printf("warning: %d Sinkhorn problems stopped before the tolerance (raise --eps)%n", unconverged.get());
                }
            }
        }
        return 0;
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

    /** The symmetric matrix of distances between reference images, rows in parallel. */
    private double[] pairwise(double[][] ref, Distance dist, int threads) {
        try (Progress progress = Progress.start("pairwise distances", ref.length, engine.quiet)) {
            return ImageMetrics.pairwise(ref.length, () -> (i, j) -> dist.between(ref[i], ref[j]), threads,
                    i -> progress.step(1));
        }
    }

    private static ImageGrid parseGrid(String s) {
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
                out[r][c] /= total; // unit total, as the paper normalises to unit p_T
            }
        }
        return out;
    }

    private static int[] readLabels(Path file, int rows) {
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
