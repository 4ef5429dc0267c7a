package org.sparker.calibration;

/**
 * Hears about each finished calibration toy (progress bars, logs). Called under the runner's
 * lock, after the toy is safely in the file; an exception thrown here stops the run, which can be
 * resumed later.
 */
@FunctionalInterface
public interface CalibrationListener {

    /** @param done toys finished so far, including those found in the file at start */
    void onToy(int done, int total, ToyResult result);

    CalibrationListener NONE = (done, total, result) -> { };
}
