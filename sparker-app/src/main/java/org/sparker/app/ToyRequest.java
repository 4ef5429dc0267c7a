package org.sparker.app;

import java.nio.file.Path;

import org.sparker.engine.train.TrainerConfig;
import org.sparker.stats.Aggregation;
import org.sparker.toys.ToyModel;

/**
 * {@code sparker demo} and {@code sparker toy NAME}: calibrate on a toy model's null, test one draw
 * with its signal, write the results.
 *
 * @param toy the toy model, signal included
 * @param toys calibration toys
 * @param title the report's title
 * @param training the training settings
 * @param aggregation how the checkpoints' p-values combine ({@code null}: {@link Workflows#DEFAULT_AGGREGATION})
 * @param out the output folder
 * @param engine backend, threads, seed and progress
 */
public record ToyRequest(ToyModel toy, int toys, String title, TrainerConfig training, Aggregation aggregation, Path out,
        Engine engine) {

    public ToyRequest {
        aggregation = aggregation == null ? Workflows.DEFAULT_AGGREGATION : aggregation;
    }
}
