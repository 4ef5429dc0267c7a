package org.sparker.reproduction;

import org.sparker.app.Reporter;
import org.sparker.app.report.Charts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.knowm.xchart.internal.chartpart.Chart;
import org.sparker.engine.BackendOptions;
import org.sparker.engine.Backends;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.TrainingSamples;
import org.sparker.engine.train.Trainer;
import org.sparker.engine.train.TrainerConfig;
import org.sparker.engine.train.TrainingDivergedException;
import org.sparker.engine.train.TrajectoryRecorder;
import org.sparker.calibration.AtomicFiles;
import org.sparker.stats.Calibration;
import org.sparker.calibration.CalibrationRunner;
import org.sparker.calibration.CalibrationSpec;
import org.sparker.toys.ToyModel;

/**
 * What a study runs with: the backend (by name, with a thread count), the master seed, the
 * {@link StudyOptions}, the output folder its calibration files and plots go to, and where it
 * reports progress. It calibrates (resumably, one file per calibration), trains with a
 * trajectory recorder and writes plots, so the studies hold only their science.
 */
public final class StudyContext {

    private final String backend;
    private final int threads;
    private final long seed;
    private final StudyOptions options;
    private final Path out;
    private final Reporter reporter;
    private final List<String> plots = new ArrayList<>();

    /**
     * @param backend backend name ({@code auto} allowed)
     * @param threads worker threads (≥ 1)
     * @param seed master seed of every random stream ({@link org.sparker.sampling.Stream})
     */
    public StudyContext(String backend, int threads, long seed, StudyOptions options, Path out, Reporter reporter) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: must be ≥ 1, got " + threads);
        }
        this.backend = backend;
        this.threads = threads;
        this.seed = seed;
        this.options = options;
        this.out = out;
        this.reporter = reporter;
    }

    /** The same context (backend, seed, folder, reporter, plots so far) with other options. */
    public StudyContext withOptions(StudyOptions other) {
        StudyContext c = new StudyContext(backend, threads, seed, other, out, reporter);
        c.plots.addAll(plots);
        return c;
    }

    public long seed() {
        return seed;
    }

    public boolean quick() {
        return options.quick();
    }

    public StudyOptions options() {
        return options;
    }

    public Path out() {
        return out;
    }

    public Reporter reporter() {
        return reporter;
    }

    /** The backend's registered name ({@code auto} resolved). */
    public String backendName() {
        return Backends.provider(backend).name();
    }

    /** The backend with all the context's threads: for one training at a time. */
    public KernelBackend open() {
        return Backends.get(backend, new BackendOptions(threads));
    }

    /**
     * The optimiser of the dynamics figures (Figs. 4–7): Adam with steps of 0.05 in data units from
     * uniform data points, linear annealing and amplitude clip 100, the settings they were first
     * reproduced with. They show how kernels
     * explore and specialise, which Adam's normalised steps make visible with a single anomalous
     * point; gradient descent moves a centre in proportion to the local density asymmetry, which
     * one point among 20,000 barely creates (docs/reproduction.md).
     */
    static TrainerConfig.Builder dynamicsOptimizer(TrainerConfig.Builder b) {
        return b.optimizer(TrainerConfig.Optimizer.ADAM).centerUnits(TrainerConfig.CenterUnits.DATA)
                .initialization(TrainerConfig.Initialization.DATA).learningRate(TrainerConfig.DEFAULT_LEARNING_RATE)
                .exploreFraction(0).annealing(TrainerConfig.Annealing.LINEAR).amplitudeClip(100);
    }

    /** The base training configuration, shrunk for quick runs (60 steps, 3 checkpoints), then {@code change}d. */
    public TrainerConfig config(Consumer<TrainerConfig.Builder> change) {
        TrainerConfig.Builder b = options.training().toBuilder();
        if (quick()) {
            b.steps(60).checkpoints(3);
        }
        if (change != null) {
            change.accept(b);
        }
        return b.build();
    }

    /** The toy as the study runs it: quick runs shrink the samples tenfold. */
    public ToyModel sized(ToyModel toy) {
        return quick() ? toy.withSizes(2000, 200) : toy;
    }

    /**
     * Makes sure {@code out/file} holds {@code toys} toys of {@code spec} (running only the
     * missing ones, toys side by side on single-threaded backends) and returns them.
     *
     * @throws UncheckedIOException naming the file when it cannot be read or written
     * @throws IllegalArgumentException when it belongs to another configuration, or a toy's
     *     training diverged or a baseline's fit could not proceed (naming the setting to change)
     */
    public Calibration calibrate(CalibrationSpec spec, int toys, String file) {
        Path path = out.resolve(file);
        CalibrationRunner runner = new CalibrationRunner(() -> Backends.get(backend, new BackendOptions(1)),
                Math.min(threads, toys));
        try (Reporter.Task task = reporter.start("calibration " + file + " (" + backendName() + ")", toys)) {
            return runner.run(spec, toys, path, (done, total, r) -> task.stepTo(done));
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": " + e.getMessage(), e);
        } catch (TrainingDivergedException | ArithmeticException e) {
            throw new IllegalArgumentException("a calibration toy of " + path + ": " + e.getMessage(), e);
        }
    }

    /** Trains once on the context's backend, recording the centres about 400 times. */
    public TrajectoryRecorder train(TrainingSamples samples, TrainerConfig config) {
        TrajectoryRecorder rec = new TrajectoryRecorder(Math.max(1, config.steps() / 400));
        try (KernelBackend b = open()) {
            new Trainer(b, config).train(samples, rec);
        }
        return rec;
    }

    /** Writes {@code chart} as {@code out/name.png} and lists it among the study's plots. */
    public void png(Chart<?, ?> chart, String name) {
        Path file = out.resolve(name + ".png");
        AtomicFiles.write(file, o -> o.write(Charts.pngBytes(chart)));
        plots.add(file.getFileName().toString());
    }

    /** The plots written so far. */
    public List<String> plots() {
        return List.copyOf(plots);
    }
}
