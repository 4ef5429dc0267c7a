package org.sparker.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.sparker.app.preprocess.Preprocessing;
import org.sparker.app.preprocess.Projection;
import org.sparker.app.preprocess.Spherical;
import org.sparker.app.preprocess.Standardization;
import org.sparker.calibration.CalibrationSpec;
import org.sparker.calibration.Detection;
import org.sparker.engine.BackendOptions;
import org.sparker.engine.Backends;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.KernelModel;
import org.sparker.engine.train.TrainerConfig;
import org.sparker.stats.Aggregation;
import org.sparker.stats.Calibration;
import org.sparker.stats.Extrapolation;

/**
 * SparKer's two-sample test (Algorithm 1) in one call, for tools that embed the engine:
 *
 * <pre>{@code
 * Sparker.Result r = Sparker.builder().reference(reference).data(data).toys(200).seed(1)
 *         .build().run(listener);
 * r.pValue(); r.z(); r.checkpoints(); r.model();
 * }</pre>
 *
 * It does what {@code sparker run} does, with the same numbers for the same inputs, seed,
 * backend and training settings: both samples standardized by the reference's per-coordinate mean
 * and standard deviation (unless {@link Builder#standardize} is off, as {@code --no-standardize}),
 * calibration toys as disjoint random subsets of the reference
 * (pseudo-data of {@code N_D} points, pseudo-reference of {@code N_R − N_D}), one training per
 * toy (toys side by side, one single-threaded backend each), then the training on a random
 * {@code N_R − N_D} of the reference against the data, and the global p-value of Algorithm 1.
 *
 * <p>The calibration is kept in memory unless {@link Builder#calibrationFile} names a file, which
 * is then resumed (a toy finished is never trained again) and can be reused by {@code sparker run
 * --calibration}. {@link #cancel} stops a run at the next toy or training step with a
 * {@link CancellationException}; toys already in a calibration file stay there.
 */
public final class Sparker {

    /** Progress of a run; called from worker threads (toys) and the calling thread (training). */
    public interface Listener {
        /** After each calibration toy: {@code done} of {@code total} (toys found in a file count as done). */
        default void onCalibrationToy(int done, int total) {
        }

        /** Every 50 training steps of the test itself, and at the last. */
        default void onTrainingStep(int step, int steps) {
        }
    }

    /**
     * One checkpoint of the test.
     *
     * @param width σ at the checkpoint
     * @param t the test statistic {@code t = −2 L_NP}
     * @param pValue its p-value against the calibration toys at that checkpoint
     */
    public record Checkpoint(double width, double t, double pValue) {
    }

    /**
     * The outcome.
     *
     * @param pValue the global p-value (empirical, from the toys): the checkpoints' p-values combined by
     *     {@link #aggregation}
     * @param z its one-sided Gaussian significance
     * @param upperLimit true when the observed statistic is beyond every toy: the p-value is then
     *     the smallest the toys can resolve, {@code 1/(toys + 1)}, an upper limit
     * @param toys calibration toys used
     * @param checkpoints per-checkpoint widths, statistics and p-values
     * @param model the trained model of the checkpoint {@link Builder#checkpoint} chose (by default the
     *     most significant, as {@code sparker run} writes to model.json), in standardized units when
     *     {@link #standardization} is not null ({@link Standardization#toInputUnits} maps its centres back)
     * @param modelCheckpoint the number (from 1) of that checkpoint
     * @param calibration the calibration (reusable through {@link Builder#calibration})
     * @param backend the backend that trained the test
     * @param extrapolated the model-based significance beyond the toys' floor (docs/design.md §5.6): a
     *     p-value and Z only when {@link org.sparker.stats.Extrapolation#accepted()}, else the reason;
     *     always beside {@link #pValue}, never instead of it
     * @param standardization the units the samples were put in before training (fitted on the
     *     reference, after the projection), or null with {@link Builder#standardize standardize(false)}
     * @param projection the principal axes the samples were projected onto first (fitted on the
     *     reference), or null without {@link Builder#pca}; {@link Projection#apply} takes new points there
     * @param spherical the hyperspherical coordinates the samples were put in after the projection
     *     (centred on the reference's mean or the origin), or null without {@link Builder#spherical}
     * @param aggregation the rule that combined the checkpoints' p-values ({@link Builder#aggregation})
     */
    public record Result(double pValue, double z, boolean upperLimit, int toys, List<Checkpoint> checkpoints,
            KernelModel model, int modelCheckpoint, Calibration calibration, String backend, Extrapolation extrapolated,
            Standardization standardization, Projection projection, Spherical spherical, Aggregation aggregation) {

        /** New points (of the input's dimension) in the model's units: projected, made spherical, standardized, as in the test. */
        public FloatMatrix toModelUnits(FloatMatrix points) {
            return new Preprocessing.Fitted(null, projection, spherical, standardization).apply(points, "points");
        }
    }

    private final FloatMatrix reference;
    private final FloatMatrix data;
    private final boolean standardize;
    private final int pca;
    private final Spherical.Center spherical;
    private final int toys;
    private final long seed;
    private final String backend;
    private final int threads;
    private final TrainerConfig training;
    private final Path calibrationFile;
    private final Calibration calibration;
    private final String checkpoint;
    private final Aggregation aggregation;
    private volatile boolean cancelled;

    private Sparker(Builder b) {
        this.reference = b.reference;
        this.data = b.data;
        this.standardize = b.standardize;
        this.pca = b.pca;
        this.spherical = b.spherical;
        this.toys = b.toys;
        this.seed = b.seed;
        this.backend = b.backend;
        this.threads = new BackendOptions(b.threads).effectiveThreads();
        this.training = b.training;
        this.calibrationFile = b.calibrationFile;
        this.calibration = b.calibration;
        this.checkpoint = b.checkpoint;
        this.aggregation = b.aggregation;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Asks a running {@link #run} to stop at its next toy or training step. */
    public void cancel() {
        cancelled = true;
    }

    /** Runs the test without progress reports. */
    public Result run() {
        return run(new Listener() {
        });
    }

    /**
     * Runs the test.
     *
     * @throws IllegalArgumentException for unusable inputs (a reference not larger than the data, …)
     *     or a calibration file made with other settings
     * @throws CancellationException after {@link #cancel}
     * @throws UncheckedIOException when the calibration file cannot be read or written
     */
    public Result run(Listener listener) {
        cancelled = false;
        // as sparker run: the test and its toys prepared by the one preprocessing step
        Preprocessing.Prepared split = new Preprocessing(null, pca, spherical, standardize).prepare(reference, "reference", data, "data",
                null, null, seed);
        Preprocessing.Fitted units = split.units();
        CalibrationSpec spec = CalibrationSpec.withEstimatedRange(training, split.source(), seed);
        Engine engine = new Engine(backend, threads, seed, progressOf(listener));
        Calibration cal = calibration != null ? calibration
                : Calibrations.calibrate(engine, spec, toys, calibrationFile);
        SparkerRun.Outcome o = SparkerRun.test(engine, spec, cal, split.observed(), aggregation);
        Detection.Result r = o.result();
        List<Checkpoint> cps = new ArrayList<>();
        for (int j = 0; j < r.widths().length; j++) {
            cps.add(new Checkpoint(r.widths()[j], r.testStatistics()[j], r.pValues()[j]));
        }
        SparkerRun.Chosen chosen = SparkerRun.choose(r, cal, checkpoint);
        return new Result(r.global().pValue(), r.global().z(), r.global().upperLimit(), cal.toys(), List.copyOf(cps),
                chosen.model(), chosen.index() + 1, cal, o.backend(), Extrapolation.of(cal, r.testStatistics()),
                units.units(), units.projection(), units.spherical(), aggregation);
    }

    /** The listener as the workflows' {@link Reporter}, stopping the run once {@link #cancel} was called. */
    private Reporter progressOf(Listener listener) {
        return Reporter.of((task, done, total) -> {
            boolean training = task.startsWith("training");
            if (cancelled) {
                throw new CancellationException("SparKer test cancelled during "
                        + (training ? "training" : "calibration (" + done + " of " + total + " toys done)"));
            }
            if (training) {
                listener.onTrainingStep((int) done, (int) total);
            } else {
                listener.onCalibrationToy((int) done, (int) total);
            }
        });
    }

    /** Settings of a {@link Sparker}; {@link #reference} and {@link #data} are required. */
    public static final class Builder {
        private FloatMatrix reference;
        private FloatMatrix data;
        private boolean standardize = true;
        private int pca;
        private Spherical.Center spherical;
        private int toys = 100;
        private long seed = 1;
        private String backend = "auto";
        private int threads;
        private TrainerConfig training = TrainerConfig.builder().build();
        private Path calibrationFile;
        private Calibration calibration;
        private String checkpoint = "best";
        private Aggregation aggregation = Workflows.DEFAULT_AGGREGATION;

        private Builder() {
        }

        /** The anomaly-free reference sample, one point per row. */
        public Builder reference(FloatMatrix v) {
            reference = v;
            return this;
        }

        /** {@link #reference(FloatMatrix)} from rows of doubles (rounded to float, as files are read). */
        public Builder reference(double[][] rows) {
            return reference(FloatMatrix.of(rows));
        }

        /** The sample to test, of the reference's dimension. */
        public Builder data(FloatMatrix v) {
            data = v;
            return this;
        }

        public Builder data(double[][] rows) {
            return data(FloatMatrix.of(rows));
        }

        /**
         * Standardize both samples by the reference's per-coordinate mean and standard deviation
         * first (default true, as {@code sparker run}; false as {@code --no-standardize}): columns in
         * different units then weigh alike in the isotropic kernels.
         */
        public Builder standardize(boolean v) {
            standardize = v;
            return this;
        }

        /**
         * Project both samples onto the reference's first {@code k} principal axes before
         * standardizing, refitted on every calibration toy's reference, as {@code --pca K};
         * 0 (the default) for none.
         */
        public Builder pca(int k) {
            if (k < 0) {
                throw new IllegalArgumentException("pca: K must be at least 1, or 0 for none; got " + k);
            }
            pca = k;
            return this;
        }

        /**
         * Put both samples in hyperspherical coordinates (radius and angles) about the reference's
         * mean ({@link Spherical.Center#MEAN}, refitted on every calibration toy's reference) or the
         * origin, after the projection and before standardizing, as {@code --spherical}; null (the
         * default) for none.
         */
        public Builder spherical(Spherical.Center center) {
            spherical = center;
            return this;
        }

        /** Calibration toys (≥ 2; default 100, as {@code sparker run}). */
        public Builder toys(int v) {
            if (v < 2) {
                throw new IllegalArgumentException("toys: a calibration needs at least 2 toys, got " + v);
            }
            toys = v;
            return this;
        }

        /** The seed of every random choice (default 1, as {@code sparker run}). */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** {@code reference}, {@code simd}, {@code cuda} or {@code auto} (default). */
        public Builder backend(String v) {
            Backends.provider(v); // unknown names fail here
            backend = v;
            return this;
        }

        /** Worker threads; 0 (default) = all processors. */
        public Builder threads(int v) {
            if (v < 0) {
                throw new IllegalArgumentException("threads: must be ≥ 0, got " + v);
            }
            threads = v;
            return this;
        }

        /** The training settings (default: the engine's defaults, as {@code sparker run}). */
        public Builder training(TrainerConfig v) {
            if (v == null) {
                throw new IllegalArgumentException("training: missing");
            }
            training = v;
            return this;
        }

        /** Keep the calibration in this JSON Lines file (resumed when it exists), instead of in memory. */
        public Builder calibrationFile(Path v) {
            calibrationFile = v;
            return this;
        }

        /** Reuse a calibration from an earlier {@link Result} (same settings and sizes). */
        public Builder calibration(Calibration v) {
            calibration = v;
            return this;
        }

        /**
         * The checkpoint whose model {@link Result#model} returns: {@code best} (the default: the
         * most significant, as {@code sparker run}), {@code last}, or its number from 1.
         */
        public Builder checkpoint(String v) {
            SparkerRun.checkpointIndex(v, training.checkpoints()); // a bad value fails here
            checkpoint = v;
            return this;
        }

        /**
         * How the checkpoints' p-values combine into {@link Result#pValue}: by default
         * {@link Workflows#DEFAULT_AGGREGATION}, as {@code sparker run}, or another rule, as
         * {@code --aggregation} chooses (docs/design.md §5 compares them). The calibration does not
         * depend on it.
         */
        public Builder aggregation(Aggregation v) {
            if (v == null) {
                throw new IllegalArgumentException("aggregation: missing");
            }
            aggregation = v;
            return this;
        }

        public Sparker build() {
            if (reference == null || data == null) {
                throw new IllegalArgumentException((reference == null ? "reference" : "data") + ": missing");
            }
            if (reference.cols() != data.cols()) {
                throw new IllegalArgumentException("dimension mismatch: the reference has " + reference.cols()
                        + " columns but the data has " + data.cols());
            }
            reference.requireFinite("reference");
            data.requireFinite("data");
            return new Sparker(this);
        }
    }
}
