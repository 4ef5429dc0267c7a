package org.sparker.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.sparker.app.UserError;
import org.sparker.app.bench.BenchReport;
import org.sparker.app.bench.Shape;
import org.sparker.app.bench.Spread;
import org.sparker.app.bench.StepBenchmark;
import org.sparker.app.bench.Table7;
import org.sparker.app.io.Json;
import org.sparker.app.io.OutputFiles;
import org.sparker.app.io.OutputGuard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Times whole training steps per backend and shape against a streaming read of the same bytes,
 * interleaved in rounds (the work is {@link StepBenchmark}, in {@code jmh-benchmarks}); prints
 * medians with their spread and writes every round's summary to JSON.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Time training steps per backend and shape against the host's ceilings measured in the same "
                + "rounds: a streaming read of the same bytes and the double-precision FMA peak; the floor is the "
                + "longer of the step's 2·N·M·d FMAs at the peak and one read of its points. Medians with p10–p90 "
                + "spread.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--shape", paramLabel = "N,d,M", description = "A shape to time (repeatable).")
    List<String> shapes = new ArrayList<>();

    @Option(names = "--table7", description = "Time the six Table VII workloads (M = 5) and compare with the paper's GPU times.")
    boolean table7;

    @Option(names = "--backends", paramLabel = "LIST", split = ",", defaultValue = "reference,simd",
            description = "Backends to time, in round order (default: ${DEFAULT-VALUE}); registered but unavailable ones "
                    + "are reported and skipped, unknown ones are an error.")
    List<String> backends;

    @Option(names = "--steps", paramLabel = "K", defaultValue = "5",
            description = "Least steps per backend and round; fast shapes run more, about 0.2 s (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--repeat", paramLabel = "R", defaultValue = "5",
            description = "Interleaved rounds (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "2",
            description = "Warm-up seconds per backend and shape, then until the step time settles, at most 30 s "
                    + "more (default: ${DEFAULT-VALUE}).")
    double warmup;

    @picocli.CommandLine.Mixin
    ThreadsOption threads;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "bench.json", description = "JSON results (default: ${DEFAULT-VALUE}).")
    Path out;

    @picocli.CommandLine.Mixin
    QuietOption quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var o = spec.commandLine().getOut();
        List<Shape> cases = new ArrayList<>();
        List<Table7> tags = new ArrayList<>();
        for (String s : shapes) {
            try {
                cases.add(Shape.parse(s));
            } catch (IllegalArgumentException e) {
                throw new UserError("--shape: " + e.getMessage());
            }
            tags.add(null);
        }
        if (table7) {
            for (Table7 t : Table7.WORKLOADS) {
                cases.add(t.shape());
                tags.add(t);
            }
        }
        if (cases.isEmpty()) {
            throw new UserError("give at least one --shape N,d,M or --table7");
        }
        if (!(warmup >= 0) || warmup > 600) {
            throw new UserError("--warmup must be between 0 and 600 seconds, got " + warmup);
        }
        OutputGuard.check("--out", out, OutputGuard.Kind.BENCH_JSON, java.util.Map.of());
        int nThreads = threads.effective();
        StepBenchmark.Options options;
        try {
            options = new StepBenchmark.Options(backends.stream().map(String::trim).toList(), steps, repeat, nThreads,
                    warmup, 0.2);
        } catch (IllegalArgumentException e) {
            throw new UserError("--" + e.getMessage()); // the option named as the user wrote it
        }
        StepBenchmark bench = new StepBenchmark(options, line -> {
            if (!quiet.quiet) {
                System.err.println("bench: " + line);
            }
        });
        o.println("host: " + bench.host().describe());
        o.printf(Locale.ROOT, "%-10s %8s %5s %3s  %-24s %-20s %-20s %-20s %s%n", "backend", "N", "d", "M", "ms/step med [p10, p90]",
                "× reference", "stream fraction", "fraction of floor", "stream GB/s, FMA peak G/s, floor ms");
        List<StepBenchmark.CaseResult> results = new ArrayList<>();
        for (int c = 0; c < cases.size(); c++) {
            StepBenchmark.CaseResult r = bench.run(cases.get(c), tags.get(c));
            results.add(r);
            for (StepBenchmark.BackendResult b : r.backends()) {
                o.printf(Locale.ROOT, "%-10s %8d %5d %3d  %-24s %-20s %-20s %-20s %s%n", b.backend(), r.shape().points(),
                        r.shape().dimension(), r.shape().kernels(), spread(b.msPerStep(), "%.3f"),
                        b.speedupOverReference() == null ? "-" : spread(b.speedupOverReference(), "%.2f"),
                        spread(b.streamFraction(), "%.3f"), spread(b.fractionOfFloor(), "%.3f"),
                        String.format(Locale.ROOT, "%.1f (%s), %.1f, %.3f", r.streamGbPerS().median(),
                                r.streamLevel().equals("dram") ? "DRAM" : r.streamLevel(), r.fmaPeakGPerS().median(), r.floorMs().median()));
            }
            for (Map.Entry<String, String> s : r.skipped().entrySet()) {
                o.printf(Locale.ROOT, "%-10s skipped: %s%n", s.getKey(), s.getValue());
            }
        }
        if (table7) {
            o.printf(Locale.ROOT, "%nTable VII: estimated full training (median step time × the paper's steps) against the paper's GPU times%n");
            o.printf(Locale.ROOT, "%-22s %-10s %12s %13s %10s%n", "workload", "backend", "ours (s)", "paper GPU (s)", "GPU/ours");
            for (StepBenchmark.CaseResult r : results) {
                if (r.table7() == null) {
                    continue;
                }
                for (StepBenchmark.BackendResult b : r.backends()) {
                    double ours = b.msPerStep().median() / 1e3 * r.table7().paperSteps();
                    o.printf(Locale.ROOT, "%-22s %-10s %12.1f %13.1f %10.2f%n", r.table7().name(), b.backend(), ours,
                            r.table7().paperGpuSeconds(), r.table7().paperGpuSeconds() / ours);
                }
            }
        }
        OutputFiles.write(out, f -> Json.MAPPER.writeValue(f, BenchReport.of(bench.host(), options, results)));
        o.println("results: " + out);
        return 0;
    }

    private static String spread(Spread s, String format) {
        return String.format(format + " [" + format + ", " + format + "]", s.median(), s.p10(), s.p90());
    }
}
