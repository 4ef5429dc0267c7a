package org.sparker.app;

import java.nio.file.Path;

/**
 * {@code sparker eval}: the loss, {@code t = −2 L_NP} and the gradients of a model on (reference, data).
 *
 * @param model the model file
 * @param reference the reference file
 * @param data the data file
 * @param referenceWeight {@code w_R}, or {@code null}: {@code N_D / N_R}
 * @param loss np, bce or mse
 * @param out the JSON file to write
 * @param checkpoint a checkpoint number (from 1) listed in the model file, or {@code null}: the model it shows
 * @param engine backend and threads
 */
public record EvalRequest(Path model, Path reference, Path data, Double referenceWeight, String loss, Path out,
        Integer checkpoint, Engine engine) {
}
