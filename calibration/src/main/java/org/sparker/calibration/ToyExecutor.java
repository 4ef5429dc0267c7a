package org.sparker.calibration;

import java.io.IOException;
import java.util.List;

/**
 * Where calibration toys are trained: on this machine's threads ({@link CalibrationRunner}'s
 * default), or as tasks of a cluster (the Spark runner). {@link CalibrationRunner} keeps the one
 * resumable loop around it: the file, the toys still missing, their order on disk.
 */
public interface ToyExecutor {

    /** Receives finished toys, one at a time; a failure here stops the run. */
    @FunctionalInterface
    interface Sink {
        void accept(ToyResult toy) throws IOException;
    }

    /** The registered name of the backend the toys are trained on (recorded in the calibration file). */
    String backend();

    /**
     * Trains toys {@code pending} of {@code spec} and hands each to {@code sink} as it finishes,
     * never two at once; stops at the first failure (of a toy or of the sink) and throws it.
     */
    void run(CalibrationSpec spec, List<Integer> pending, Sink sink) throws IOException;
}
