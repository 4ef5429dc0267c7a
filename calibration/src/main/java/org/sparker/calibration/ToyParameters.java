package org.sparker.calibration;

/**
 * Every parameter that shapes a toy source's samples, as a calibration header records it under
 * {@code config.toys}: a record per source, written with snake_case names, its {@link #toy()}
 * label first. Two calibrations are interchangeable only when these are equal.
 */
public interface ToyParameters {

    /** The source's label, e.g. {@code exponential-1d} or {@code pool-bootstrap}. */
    String toy();
}
