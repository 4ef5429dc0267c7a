package org.sparker.app.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON form of {@link StepBenchmark} results, with the host and the options behind them. */
public final class BenchReport {

    private BenchReport() {
    }

    /** Everything {@code sparker bench --out} writes. */
    public static Map<String, Object> toMap(HostInfo host, StepBenchmark.Options options, List<StepBenchmark.CaseResult> cases) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "sparker-bench");
        m.put("version", 1);
        m.put("date", LocalDate.now().toString());
        m.put("host", host.toMap());
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("backends", options.backends());
        o.put("min_steps_per_round", options.minStepsPerRound());
        o.put("rounds", options.rounds());
        o.put("threads", options.threads());
        o.put("warmup_seconds", options.warmupSeconds());
        o.put("round_seconds", options.roundSeconds());
        o.put("stream_method", StreamRead.method());
        m.put("options", o);
        List<Map<String, Object>> list = new ArrayList<>();
        for (StepBenchmark.CaseResult c : cases) {
            list.add(caseMap(c));
        }
        m.put("cases", list);
        return m;
    }

    private static Map<String, Object> caseMap(StepBenchmark.CaseResult c) {
        Map<String, Object> m = new LinkedHashMap<>();
        Shape s = c.shape();
        m.put("n", s.points());
        m.put("d", s.dimension());
        m.put("m", s.kernels());
        if (c.table7() != null) {
            m.put("table7", c.table7().name());
            m.put("paper_steps", c.table7().paperSteps());
            m.put("paper_gpu_s", c.table7().paperGpuSeconds());
        }
        m.put("point_bytes_per_step", s.pointBytes());
        m.put("flops_per_point", s.flopsPerPoint());
        m.put("arithmetic_intensity_flops_per_byte", s.arithmeticIntensity());
        m.put("stream_gb_per_s", c.streamGbPerS().toMap());
        m.put("stream_level", c.streamFromCache() ? "cache" : "dram");
        if (c.dramGbPerS() != null) {
            m.put("dram_gb_per_s", c.dramGbPerS().toMap());
        }
        List<Map<String, Object>> backends = new ArrayList<>();
        for (StepBenchmark.BackendResult b : c.backends()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("backend", b.backend());
            r.put("steps_per_round", b.stepsPerRound());
            r.put("ms_per_step", b.msPerStep().toMap());
            if (b.speedupOverReference() != null) {
                r.put("speedup_over_reference", b.speedupOverReference().toMap());
            }
            r.put("stream_fraction", b.streamFraction().toMap());
            if (c.table7() != null) {
                r.put("estimated_training_s", b.msPerStep().median() / 1e3 * c.table7().paperSteps());
                r.put("paper_gpu_over_ours", c.table7().paperGpuSeconds()
                        / (b.msPerStep().median() / 1e3 * c.table7().paperSteps()));
            }
            backends.add(r);
        }
        m.put("backends", backends);
        if (!c.skipped().isEmpty()) {
            m.put("skipped", c.skipped());
        }
        return m;
    }
}
