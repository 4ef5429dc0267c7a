package org.sparker.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import org.sparker.engine.BackendUnavailableException;
import org.sparker.engine.Backends;
import org.sparker.engine.BackendOptions;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.Loss;
import org.sparker.engine.LossGradient;
import org.sparker.engine.ModelState;
import org.sparker.engine.PreparedSamples;
import org.sparker.engine.TrainingSamples;
import org.sparker.engine.train.Adam;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Times training steps per backend and shape, honestly: a step is what the trainer does — one
 * fused NP loss + gradient pass over all N points (reference:data = 10:1) plus the Adam update
 * and amplitude clip — after a warm-up, the median of several timed steps; beside it, a plain
 * streaming read of the same float bytes measured in the same run.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Time training steps per backend and shape against a streaming read of the same bytes.")
final class BenchCommand implements Callable<Integer> {

    /** The paper's Table VII workloads: N, d, steps, GPU seconds. */
    static final double[][] TABLE7 = {
        {24_000, 4, 1e5, 125}, {60_000, 128, 1e5, 350.1}, {1_100, 1000, 1e5, 1589}, {15_000, 384, 1e5, 269},
        {11_000, 1000, 4e4, 3455}, {110_000, 1000, 4e4, 33576}};
    static final String[] TABLE7_NAMES = {"gravitational waves", "particle jets", "butterfly hybrids",
        "Divine Comedy", "ImageNet OOD", "CIFAR-10 vs 5m"};

    @Option(names = "--shape", paramLabel = "N,d,M", description = "A shape to time (repeatable).")
    List<String> shapes = new ArrayList<>();

    @Option(names = "--table7", description = "Time the six Table VII workloads (M = 5) and compare with the paper's GPU times.")
    boolean table7;

    @Option(names = "--backends", paramLabel = "LIST", split = ",", defaultValue = "reference,simd",
            description = "Backends to time (default: ${DEFAULT-VALUE}); unavailable ones are reported and skipped.")
    List<String> backends;

    @Option(names = "--steps", paramLabel = "K", defaultValue = "15", description = "Timed steps per case (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "Threads; 0 = all processors.")
    int threads;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "bench.json", description = "JSON results (default: ${DEFAULT-VALUE}).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var o = spec.commandLine().getOut();
        List<int[]> cases = new ArrayList<>();
        List<Integer> table7Index = new ArrayList<>();
        for (String s : shapes) {
            cases.add(parseShape(s));
            table7Index.add(-1);
        }
        if (table7) {
            for (int i = 0; i < TABLE7.length; i++) {
                cases.add(new int[] {(int) TABLE7[i][0], (int) TABLE7[i][1], 5});
                table7Index.add(i);
            }
        }
        if (cases.isEmpty()) {
            throw new UserError("give at least one --shape N,d,M or --table7");
        }
        if (steps < 3) {
            throw new UserError("--steps must be at least 3, got " + steps);
        }
        int nThreads = new BackendOptions(Math.max(0, threads)).effectiveThreads();
        List<Map<String, Object>> results = new ArrayList<>();
        o.printf("%-10s %8s %5s %3s %11s %9s %11s %9s%n", "backend", "N", "d", "M", "ms/step", "GB/s", "stream GB/s",
                "roofline");
        for (int c = 0; c < cases.size(); c++) {
            int[] shape = cases.get(c);
            Workload w = Workload.of(shape[0], shape[1], shape[2]);
            double streamSeconds = StreamRead.seconds(w.allPoints, nThreads, 5);
            double bytes = 4.0 * shape[0] * shape[1];
            for (String name : backends) {
                KernelBackend backend;
                try {
                    backend = Backends.get(name.trim(), new BackendOptions(nThreads));
                } catch (BackendUnavailableException | IllegalArgumentException e) {
                    o.printf("%-10s skipped: %s%n", name, e.getMessage());
                    continue;
                }
                double msPerStep;
                try (backend) {
                    msPerStep = timeSteps(backend, w, steps) * 1e3;
                }
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("backend", backend.name());
                r.put("n", shape[0]);
                r.put("d", shape[1]);
                r.put("m", shape[2]);
                r.put("threads", nThreads);
                r.put("ms_per_step", msPerStep);
                r.put("gb_per_s", bytes / (msPerStep / 1e3) / 1e9);
                r.put("stream_gb_per_s", bytes / streamSeconds / 1e9);
                r.put("stream_method", StreamRead.method());
                r.put("roofline_fraction", streamSeconds / (msPerStep / 1e3));
                r.put("timed_steps", steps);
                int t7 = table7Index.get(c);
                if (t7 >= 0) {
                    r.put("table7", TABLE7_NAMES[t7]);
                    r.put("paper_steps", TABLE7[t7][2]);
                    r.put("estimated_training_s", msPerStep / 1e3 * TABLE7[t7][2]);
                    r.put("paper_gpu_s", TABLE7[t7][3]);
                }
                results.add(r);
                o.printf("%-10s %8d %5d %3d %11.3f %9.2f %11.2f %9.3f%n", backend.name(), shape[0], shape[1], shape[2],
                        msPerStep, r.get("gb_per_s"), r.get("stream_gb_per_s"), r.get("roofline_fraction"));
            }
        }
        if (table7) {
            o.printf("%nTable VII: estimated full training (step time × the paper's steps) against the paper's GPU times%n");
            o.printf("%-22s %-10s %12s %12s %10s%n", "workload", "backend", "ours (s)", "paper GPU (s)", "GPU/ours");
            for (Map<String, Object> r : results) {
                if (r.containsKey("table7")) {
                    double ours = (double) r.get("estimated_training_s");
                    double paper = (double) r.get("paper_gpu_s");
                    o.printf("%-22s %-10s %12.1f %12.1f %10.2f%n", r.get("table7"), r.get("backend"), ours, paper,
                            paper / ours);
                }
            }
        }
        OutputFiles.writeJson(out, results);
        o.println("results: " + out);
        return 0;
    }

    static int[] parseShape(String s) {
        String[] p = s.split(",");
        try {
            if (p.length != 3) {
                throw new NumberFormatException();
            }
            int[] v = {Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()), Integer.parseInt(p[2].trim())};
            if (v[0] < 2 || v[1] < 1 || v[2] < 1) {
                throw new UserError("--shape " + s + ": need N ≥ 2, d ≥ 1, M ≥ 1");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UserError("--shape " + s + ": expected N,d,M (three whole numbers)");
        }
    }

    /** Median seconds of one training step (loss + gradient + Adam + clip) after a warm-up. */
    static double timeSteps(KernelBackend backend, Workload w, int steps) {
        try (PreparedSamples prepared = backend.prepare(w.samples)) {
            ModelState state = ModelState.copyOf(w.model);
            LossGradient g = LossGradient.allocate(w.model.kernels(), w.model.dimension());
            Adam adam = new Adam(state.amplitudes.length + state.centers.length, 1e-3);
            // warm up until the JIT has compiled the kernels: ≥ 2 s and ≥ 5 steps (≤ 5,000)
            long warmEnd = System.nanoTime() + 2_000_000_000L;
            int warm = 0;
            while (warm < 5 || (System.nanoTime() < warmEnd && warm < 5000)) {
                step(backend, prepared, state, g, adam);
                warm++;
            }
            double[] t = new double[steps];
            for (int i = 0; i < steps; i++) {
                long t0 = System.nanoTime();
                step(backend, prepared, state, g, adam);
                t[i] = (System.nanoTime() - t0) / 1e9;
            }
            return StreamRead.median(t);
        }
    }

    private static void step(KernelBackend backend, PreparedSamples prepared, ModelState state, LossGradient g,
            Adam adam) {
        backend.lossAndGradient(prepared, state, Loss.NP, g);
        adam.beginStep();
        adam.update(state.amplitudes, g.amplitudeGradient(), state.amplitudes.length, 0);
        adam.update(state.centers, g.centerGradient(), state.centers.length, state.amplitudes.length);
        for (int i = 0; i < state.amplitudes.length; i++) {
            state.amplitudes[i] = Math.max(-100, Math.min(100, state.amplitudes[i]));
        }
    }

    /** Seeded Gaussian points, split 10:1 into reference and data, and a model on them. */
    record Workload(TrainingSamples samples, org.sparker.engine.KernelModel model, float[] allPoints) {
        static Workload of(int n, int d, int m) {
            SplittableRandom rng = new SplittableRandom(20261122L + 31L * n + d);
            int nData = Math.max(1, n / 11);
            int nRef = n - nData;
            float[] all = new float[n * d];
            for (int i = 0; i < all.length; i++) {
                all[i] = (float) rng.nextGaussian();
            }
            FloatMatrix ref = FloatMatrix.wrap(java.util.Arrays.copyOfRange(all, 0, nRef * d), nRef, d);
            FloatMatrix data = FloatMatrix.wrap(java.util.Arrays.copyOfRange(all, nRef * d, n * d), nData, d);
            double[] centers = new double[m * d];
            double[] amplitudes = new double[m];
            for (int i = 0; i < m; i++) {
                int row = rng.nextInt(n);
                System.arraycopy(toDouble(all, row * d, d), 0, centers, i * d, d);
                amplitudes[i] = rng.nextDouble() - 0.5;
            }
            var model = org.sparker.engine.KernelModel.of(centers, d, amplitudes, Math.sqrt(d), true);
            return new Workload(TrainingSamples.of(ref, data), model, all);
        }

        private static double[] toDouble(float[] a, int off, int n) {
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = a[off + i];
            }
            return r;
        }
    }
}
