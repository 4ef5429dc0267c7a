package org.sparker.calibration;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.sparker.engine.FloatMatrix;
import org.sparker.engine.TrainingSamples;
import org.sparker.sampling.Seeds;
import org.sparker.sampling.Stream;
import org.sparker.engine.train.TrainerConfig;
import org.sparker.engine.train.WidthRange;

/**
 * What defines a calibration: the test statistic (SparKer's training with a fixed width range,
 * or a baseline at fixed widths), where the anomaly-free toys come from, and the master seed
 * from which toy {@code k} derives its own streams.
 */
public record CalibrationSpec(TestStatistic test, ToySource source, long seed) {

    public CalibrationSpec {
        if (test == null || source == null) {
            throw new IllegalArgumentException("calibration: a test statistic and a toy source are required");
        }
    }

    /** SparKer's statistic with {@code trainer}, which needs a fixed width range. */
    public CalibrationSpec(TrainerConfig trainer, ToySource source, long seed) {
        this(new SparkerStatistic(trainer), source, seed);
    }

    /**
     * A SparKer spec whose width range is estimated once (docs/design.md §4) from one extra
     * anomaly-free toy drawn from its own stream of {@code seed}, then fixed for every toy and the
     * real test.
     */
    public static CalibrationSpec withEstimatedRange(TrainerConfig trainer, ToySource source, long seed) {
        FloatMatrix points = estimationPoints(source, seed, trainer.widthSubset());
        // the subset is already drawn: all its pairs
        WidthRange range = WidthRange.fromPairwiseDistances(points, points.rows(), null, trainer.widthQuantiles());
        return new CalibrationSpec(trainer.withWidthRange(range), source, seed);
    }

    /**
     * The points whose pairwise distances set the widths before a calibration: {@code subset}
     * random points of one extra anomaly-free toy, drawn from its own streams of {@code seed}
     * (never one of the calibration toys), without copying the whole toy.
     */
    public static FloatMatrix estimationPoints(ToySource source, long seed, int subset) {
        return source.estimationPoints(-1, Seeds.stream(Stream.WIDTH_ESTIMATION_SAMPLE, seed), subset,
                Seeds.stream(Stream.WIDTH_ESTIMATION_SUBSET, seed));
    }

    /** The trainer of a SparKer calibration. */
    public TrainerConfig trainer() {
        if (test instanceof SparkerStatistic s) {
            return s.config();
        }
        throw new IllegalStateException("a " + test.method() + " calibration has no SparKer trainer");
    }

    /** The seed of toy {@code k}'s sample stream. */
    public long toySeed(int k) {
        return Stream.TOY_SAMPLES.seed(seed, k);
    }

    /** The seed of toy {@code k}'s evaluation (initial centres, Nyström centres). */
    public long trainingSeed(int k) {
        return Stream.TOY_EVALUATION.seed(seed, k);
    }

    /** The widths at which the statistic is evaluated. */
    public double[] widths() {
        return test.widths();
    }

    /**
     * Everything that shapes the null distribution, as a calibration header records it under
     * {@code config}: the statistic's settings ({@code trainer} or {@code test}), the toys'
     * parameters and the master seed.
     *
     * @param trainer SparKer's trainer settings, or null
     * @param test a baseline test's settings, or null
     * @param toys the toy source's parameters
     * @param seed the master seed
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Settings(Map<String, Object> trainer, StatisticSettings.Baseline test, ToyParameters toys,
            long seed) {
    }

    /** Everything that shapes the null distribution ({@link Settings}). */
    public Settings settings() {
        StatisticSettings s = test.settings();
        return new Settings(s.trainer(), s.test(), source.parameters(), seed);
    }
}
