package org.sparker.app;

import java.nio.file.Path;

/**
 * {@code sparker score}: f, the anomaly score and the components of every point of {@code input}.
 *
 * @param model the model file
 * @param input the points to score
 * @param out the CSV to write
 * @param checkpoint a checkpoint number (from 1) listed in the model file, or {@code null}: the model it shows
 * @param engine backend and threads
 */
public record ScoreRequest(Path model, Path input, Path out, Integer checkpoint, Engine engine) {
}
