package org.sparker.app.bench;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What {@code sparker bench --out} writes, as records (each key named once, snake_case through the
 * application's JSON mapper): the host, the options, and per shape the streaming read and each
 * backend's step times with their spread.
 *
 * @param format {@code sparker-bench}
 * @param version 1
 * @param date the day of the run
 */
public record BenchReport(String format, int version, String date, HostInfo host, Options options, List<Case> cases) {

    /** The run's options and how the stream was read. */
    public record Options(List<String> backends, int minStepsPerRound, int rounds, int threads, double warmupSeconds,
            double roundSeconds, String streamMethod) {
    }

    /**
     * One shape: its size, what a step streams and computes, the streaming read ({@code stream_level}
     * {@code cache}, {@code dram}, or {@code unknown} where the host does not report its cache size;
     * a DRAM read beside a cache one), the backends, and those skipped with why.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Case(int n, int d, int m, String table7, Integer paperSteps, Double paperGpuS, long pointBytesPerStep,
            long flopsPerPoint, double arithmeticIntensityFlopsPerByte, Spread streamGbPerS, String streamLevel,
            Spread dramGbPerS, long fmasPerStep, @JsonProperty("fma_peak_g_per_s") Spread fmaPeakGPerS, Spread floorMs,
            List<Backend> backends,
            Map<String, String> skipped) {
    }

    /** One backend on one shape; the estimated training and its ratio to the paper's GPU for Table VII shapes. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Backend(String backend, int stepsPerRound, Spread msPerStep, Spread speedupOverReference,
            Spread streamFraction, Spread fractionOfFloor, Double estimatedTrainingS, Double paperGpuOverOurs) {
    }

    /** The report of a run. */
    public static BenchReport of(HostInfo host, StepBenchmark.Options options, List<StepBenchmark.CaseResult> cases) {
        Options o = new Options(options.backends(), options.minStepsPerRound(), options.rounds(), options.threads(),
                options.warmupSeconds(), options.roundSeconds(), StreamRead.method());
        return new BenchReport("sparker-bench", 1, LocalDate.now().toString(), host, o,
                cases.stream().map(BenchReport::caseOf).toList());
    }

    private static Case caseOf(StepBenchmark.CaseResult c) {
        Shape s = c.shape();
        Table7 t = c.table7();
        List<Backend> backends = c.backends().stream().map(b -> {
            Double estimated = t == null ? null : b.msPerStep().median() / 1e3 * t.paperSteps();
            return new Backend(b.backend(), b.stepsPerRound(), b.msPerStep(), b.speedupOverReference(),
                    b.streamFraction(), b.fractionOfFloor(), estimated, t == null ? null : t.paperGpuSeconds() / estimated);
        }).toList();
        return new Case(s.points(), s.dimension(), s.kernels(), t == null ? null : t.name(),
                t == null ? null : t.paperSteps(), t == null ? null : t.paperGpuSeconds(), s.pointBytes(),
                s.flopsPerPoint(), s.arithmeticIntensity(), c.streamGbPerS(), c.streamLevel(),
                c.dramGbPerS(), s.fmasPerStep(), c.fmaPeakGPerS(), c.floorMs(), backends, c.skipped());
    }
}
