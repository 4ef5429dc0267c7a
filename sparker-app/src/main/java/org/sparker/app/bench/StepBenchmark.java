package org.sparker.app.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.sparker.engine.BackendOptions;
import org.sparker.engine.BackendUnavailableException;
import org.sparker.engine.Backends;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.Loss;
import org.sparker.engine.ModelState;
import org.sparker.engine.PreparedSamples;
import org.sparker.engine.train.TrainerConfig;
import org.sparker.engine.train.TrainingStep;

/**
 * {@code sparker bench}: whole training steps ({@link TrainingStep}, exactly what the trainer
 * runs: one fused NP loss-and-gradient pass over the {@code N} points, the Adam update and the
 * amplitude clip) per backend and shape, beside a streaming read of the same bytes, robust to a
 * shared, noisy machine:
 * <ul>
 * <li>after a warm-up of every backend, the measurement is interleaved in rounds — each backend's
 *     batch of steps, then the streaming read, then the next round — so a burst of load from
 *     elsewhere hits every figure of the round alike;</li>
 * <li>every figure is reported as a {@link Spread} over the rounds, and the ratios (the speed-up
 *     over the reference, the fraction of the streaming read) are computed within each round and
 *     then summarised, never from medians of different moments;</li>
 * <li>the streaming read covers the same bytes as the step; when they fit in the last-level
 *     cache it is marked a cache rate, and a DRAM read of an array four times the cache is
 *     measured beside it.</li>
 * </ul>
 */
public final class StepBenchmark {

    /**
     * What to measure.
     *
     * @param backends backend names, in the order of each round (unknown names are an error)
     * @param minStepsPerRound steps per backend and round, at least (more for fast shapes, so a
     *     batch lasts about {@code roundSeconds})
     * @param rounds interleaved rounds
     * @param threads threads of every backend and of the streaming read
     * @param warmupSeconds warm-up per backend and shape, then until the step time settles (at least
     *     ten steps, at most 30 s more)
     * @param roundSeconds the least time one backend's batch of steps should take
     */
    public record Options(List<String> backends, int minStepsPerRound, int rounds, int threads, double warmupSeconds,
            double roundSeconds) {

        public Options {
            if (backends == null || backends.isEmpty()) {
                throw new IllegalArgumentException("backends: name at least one");
            }
            backends = List.copyOf(backends);
            for (String b : backends) {
                if (!b.equals(Backends.AUTO) && Backends.providers().stream().noneMatch(p -> p.name().equals(b))) {
                    throw new IllegalArgumentException("backends: unknown backend '" + b + "'; registered: "
                            + String.join(", ", Backends.providers().stream().map(p -> p.name()).toList()));
                }
            }
            if (minStepsPerRound < 1) {
                throw new IllegalArgumentException("steps: must be ≥ 1, got " + minStepsPerRound);
            }
            if (rounds < 1) {
                throw new IllegalArgumentException("repeat: must be ≥ 1, got " + rounds);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads: must be ≥ 1, got " + threads);
            }
            if (!(warmupSeconds >= 0) || !(roundSeconds >= 0)) {
                throw new IllegalArgumentException("warm-up and round times must be ≥ 0");
            }
        }
    }

    /** One backend on one shape. */
    public record BackendResult(String backend, int stepsPerRound, Spread msPerStep, Spread speedupOverReference,
            Spread streamFraction, Spread fractionOfFloor) {
    }

    /**
     * One shape: the backends' results, the streaming read of the same bytes (GB/s) and whether
     * that is a cache or a DRAM rate, the DRAM read when it is a cache rate, and the backends
     * that could not run here with the reason.
     */
    public record CaseResult(Shape shape, Table7 table7, Spread streamGbPerS, String streamLevel,
            Spread dramGbPerS, Spread fmaPeakGPerS, Spread floorMs, List<BackendResult> backends,
            Map<String, String> skipped) {
    }

    private final Options options;
    private final Consumer<String> progress;
    private final HostInfo host = HostInfo.current();

    /** @param progress receives one line per finished phase (warm-up, round); may ignore them */
    public StepBenchmark(Options options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    public HostInfo host() {
        return host;
    }

    /** Measures {@code shape} ({@code table7} may be null). */
    public CaseResult run(Shape shape, Table7 table7) {
        Workload w = Workload.of(shape);
        List<Runner> runners = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        try (StreamRead stream = new StreamRead(options.threads()); FmaPeak peak = new FmaPeak(options.threads())) {
            for (String name : options.backends()) {
                try {
                    runners.add(new Runner(Backends.get(name, new BackendOptions(options.threads())), w));
                } catch (BackendUnavailableException e) {
                    skipped.put(name, e.getMessage());
                }
            }
            // where the streamed bytes come from: the last-level cache, DRAM, or unknown where the
            // system does not say how large its caches are (some virtual machines have no sysfs cache)
            boolean knownCache = host.lastLevelCacheBytes() > 0;
            boolean fromCache = knownCache && shape.pointBytes() <= 2 * host.lastLevelCacheBytes();
            String level = !knownCache ? "unknown" : fromCache ? "cache" : "dram";
            float[] dram = fromCache ? new float[(int) Math.min(Integer.MAX_VALUE - 64L,
                    Math.max(64L << 20, 4 * host.lastLevelCacheBytes()) / 4)] : null;
            for (Runner r : runners) {
                r.warmUp(options);
                progress.accept(String.format(Locale.ROOT, "%s %s: warm, %.3f ms/step, %d steps per round", shape, r.name,
                        r.warmSecondsPerStep * 1e3, r.stepsPerRound));
            }
            stream.seconds(w.allPoints());
            int rounds = options.rounds();
            double[][] stepSeconds = new double[runners.size()][rounds];
            double[] streamSeconds = new double[rounds];
            double[] dramSeconds = new double[rounds];
            double[] peakRate = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                for (int b = 0; b < runners.size(); b++) {
                    stepSeconds[b][round] = runners.get(b).timeBatch();
                }
                streamSeconds[round] = stream.seconds(w.allPoints());
                if (dram != null) {
                    dramSeconds[round] = stream.seconds(dram);
                }
                peakRate[round] = peak.fmasPerSecond();
                progress.accept(String.format(Locale.ROOT, "%s: round %d/%d", shape, round + 1, rounds));
            }
            int ref = -1;
            for (int b = 0; b < runners.size(); b++) {
                if (runners.get(b).name.equals("reference")) {
                    ref = b;
                }
            }
            // the floor of a round: the step's FMAs at the measured peak, or one read of its points,
            // whichever takes longer; ratios are taken within a round, so load hits both sides
            double[] floor = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                floor[round] = Math.max(shape.fmasPerStep() / peakRate[round], streamSeconds[round]);
            }
            List<BackendResult> results = new ArrayList<>();
            for (int b = 0; b < runners.size(); b++) {
                double[] ms = new double[rounds];
                double[] fraction = new double[rounds];
                double[] speedup = new double[rounds];
                double[] ofFloor = new double[rounds];
                for (int round = 0; round < rounds; round++) {
                    ms[round] = stepSeconds[b][round] * 1e3;
                    fraction[round] = streamSeconds[round] / stepSeconds[b][round];
                    speedup[round] = ref < 0 ? Double.NaN : stepSeconds[ref][round] / stepSeconds[b][round];
                    ofFloor[round] = floor[round] / stepSeconds[b][round];
                }
                results.add(new BackendResult(runners.get(b).name, runners.get(b).stepsPerRound, Spread.of(ms),
                        ref < 0 ? null : Spread.of(speedup), Spread.of(fraction), Spread.of(ofFloor)));
            }
            double[] peakG = new double[rounds];
            double[] floorMs = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                peakG[round] = peakRate[round] / 1e9;
                floorMs[round] = floor[round] * 1e3;
            }
            double[] gbps = new double[rounds];
            double[] dramGbps = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                gbps[round] = shape.pointBytes() / streamSeconds[round] / 1e9;
                dramGbps[round] = dram == null ? 0 : 4.0 * dram.length / dramSeconds[round] / 1e9;
            }
            return new CaseResult(shape, table7, Spread.of(gbps), level, dram == null ? null : Spread.of(dramGbps),
                    Spread.of(peakG), Spread.of(floorMs), results, skipped);
        } finally {
            runners.forEach(Runner::close);
        }
    }

    /** The least steps in a window of the warm-up's settling test. */
    static final int SETTLE_STEPS = 5;
    /** The least time a window of the warm-up's settling test spans, unless it holds {@value #SETTLE_MAX_STEPS} steps. */
    static final double SETTLE_WINDOW_SECONDS = 0.25;
    /** Steps enough for a window of the settling test however short they are. */
    static final int SETTLE_MAX_STEPS = 2_000;
    /** The longest a warm-up waits for the step time to settle, beyond its set time. */
    static final double SETTLE_LIMIT_SECONDS = 30;

    /**
     * Whether the step time has settled: the mean of the last window of steps (at least
     * {@value #SETTLE_STEPS} steps and {@value #SETTLE_WINDOW_SECONDS} s, or {@value #SETTLE_MAX_STEPS}
     * steps) is at least 0.97 of the mean of the window before it. The JIT's tiers only make steps
     * faster, so a step time still falling by more than 3% is still compiling; windows of a
     * quarter second each keep a short plateau between two tiers from passing for the end.
     *
     * @param times every step's seconds so far, in order
     */
    static boolean settled(List<Double> times) {
        int last = windowStart(times, times.size());
        if (last < 0) {
            return false;
        }
        int before = windowStart(times, last);
        return before >= 0 && mean(times, last, times.size()) >= 0.97 * mean(times, before, last);
    }

    /**
     * The first index of the window of steps that ends just before index {@code end}, or −1 if
     * the steps before {@code end} are too few or too short to make one.
     */
    private static int windowStart(List<Double> times, int end) {
        double span = 0;
        int first = end;
        while (first > 0 && (end - first < SETTLE_STEPS
                || (span < SETTLE_WINDOW_SECONDS && end - first < SETTLE_MAX_STEPS))) {
            span += times.get(--first);
        }
        boolean whole = end - first >= SETTLE_STEPS && (span >= SETTLE_WINDOW_SECONDS || end - first >= SETTLE_MAX_STEPS);
        return whole ? first : -1;
    }

    /** The mean of {@code times[from, to)}. */
    private static double mean(List<Double> times, int from, int to) {
        double sum = 0;
        for (int j = from; j < to; j++) {
            sum += times.get(j);
        }
        return sum / (to - from);
    }

    /** One backend with its resident samples and its own optimiser state. */
    private static final class Runner implements AutoCloseable {
        final String name;
        final KernelBackend backend;
        final PreparedSamples prepared;
        final TrainingStep step;
        final double sigma;
        int stepsPerRound;
        double warmSecondsPerStep;
        int count;

        Runner(KernelBackend backend, Workload w) {
            this.backend = backend;
            this.name = backend.name();
            this.prepared = backend.prepare(w.samples());
            this.sigma = w.model().width();
            TrainerConfig config = TrainerConfig.builder().kernels(w.shape().kernels()).learningRate(1e-3)
                    .amplitudeClip(100).loss(Loss.NP).build();
            this.step = new TrainingStep(backend, prepared, ModelState.copyOf(w.model()), config);
        }

        /**
         * Runs steps until the JIT has compiled the kernels: at least the warm-up time, then until
         * the step time has settled ({@link #settled}), for at most {@value #SETTLE_LIMIT_SECONDS} s
         * more. A fixed warm-up is not enough: on one thread of the 2-core Zen 5 EPYC,
         * 60,000 × 128 × 5 ran its first step interpreted (1.4 s), then about 50 and 7 ms, and
         * 4.4 ms only after about 1.5 s, so a 2-second warm-up that ended on a slow step sized
         * the rounds at five steps each and timed the end of the compilation: a median of 6.7 ms.
         */
        void warmUp(Options o) {
            long start = System.nanoTime();
            long end = start + (long) (o.warmupSeconds() * 1e9);
            long limit = end + (long) (SETTLE_LIMIT_SECONDS * 1e9);
            List<Double> times = new ArrayList<>();
            while (true) {
                long t0 = System.nanoTime();
                step.run(++count, sigma);
                long now = System.nanoTime();
                times.add((now - t0) / 1e9);
                if (now >= end && (now >= limit || times.size() >= 100_000 || settled(times))) {
                    break;
                }
            }
            int last = windowStart(times, times.size());
            warmSecondsPerStep = last < 0 ? times.get(times.size() - 1) : mean(times, last, times.size());
            long wanted = (long) Math.ceil(o.roundSeconds() / Math.max(1e-7, warmSecondsPerStep));
            stepsPerRound = (int) Math.max(o.minStepsPerRound(), Math.min(100_000, wanted));
        }

        /** Mean seconds per step over one batch. */
        double timeBatch() {
            long t0 = System.nanoTime();
            for (int i = 0; i < stepsPerRound; i++) {
                step.run(++count, sigma);
            }
            return (System.nanoTime() - t0) / 1e9 / stepsPerRound;
        }

        @Override
        public void close() {
            prepared.close();
            backend.close();
        }
    }
}
