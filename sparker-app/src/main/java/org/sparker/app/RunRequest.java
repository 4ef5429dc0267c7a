package org.sparker.app;

import java.nio.file.Path;

import org.sparker.app.preprocess.Preprocessing;
import org.sparker.baselines.Method;
import org.sparker.engine.train.TrainerConfig;
import org.sparker.stats.Aggregation;

/**
 * {@code sparker run}: test whether {@code data} deviates from {@code reference}.
 *
 * @param reference the anomaly-free reference file
 * @param data the data file to test
 * @param pool a separate anomaly-free pool for the calibration toys, or {@code null}: the reference
 * @param calibration the calibration file to use, resume or extend, or {@code null}: {@code out/calibration.jsonl}
 * @param toys calibration toys, or {@code null}: all those a given calibration file holds, else {@link Workflows#DEFAULT_TOYS}
 * @param method SparKer or a baseline
 * @param targetZ calibrate adaptively until this significance is resolved, or {@code null}
 * @param checkpoint the checkpoint shown in model.json and the report: best, last or a number from 1
 * @param preprocessing the coordinate map and standardization
 * @param training the training settings
 * @param aggregation how SparKer's checkpoint p-values combine ({@code null}:
 *     {@link Workflows#DEFAULT_AGGREGATION}); the baselines take theirs from {@code baselines}
 * @param baselines the baselines' settings (for {@code method} other than SparKer)
 * @param out the output folder
 * @param engine backend, threads, seed and progress
 */
public record RunRequest(Path reference, Path data, Path pool, Path calibration, Integer toys, Method method,
        Double targetZ, String checkpoint, Preprocessing preprocessing, TrainerConfig training, Aggregation aggregation,
        BaselineSettings baselines, Path out, Engine engine) {

    public RunRequest {
        aggregation = aggregation == null ? Workflows.DEFAULT_AGGREGATION : aggregation;
    }
}
