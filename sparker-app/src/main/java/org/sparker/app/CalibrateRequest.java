package org.sparker.app;

import java.nio.file.Path;

import org.sparker.app.preprocess.Preprocessing;
import org.sparker.engine.train.TrainerConfig;

/**
 * {@code sparker calibrate}: build, resume or extend a calibration file for a later
 * {@code run --calibration}, or one shard of it.
 *
 * @param reference the reference file the test will use
 * @param pool a separate anomaly-free pool, or {@code null}: the reference
 * @param dataSize the size of the data sample the test will use
 * @param toys the toys the file must hold
 * @param shard this shard's index {@code i} of {@code shards}, 0 when not sharded
 * @param shards the number of shards, 1 when not sharded
 * @param preprocessing the coordinate map and standardization, as the test's
 * @param training the training settings
 * @param out the calibration file
 * @param engine backend, threads, seed and progress
 */
public record CalibrateRequest(Path reference, Path pool, int dataSize, int toys, int shard, int shards,
        Preprocessing preprocessing, TrainerConfig training, Path out, Engine engine) {
}
