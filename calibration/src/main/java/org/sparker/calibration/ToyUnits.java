package org.sparker.calibration;

import org.sparker.engine.TrainingSamples;

/**
 * A preprocessing step that the real test fits on its reference (a per-coordinate
 * standardization, say), refitted in every calibration toy on the toy's pseudo-reference and
 * applied to both of the toy's samples. Toys and test then go through the same procedure, so the
 * toys' statistics have the test's null distribution even where the fit itself depends on the
 * sample: a coordinate nearly constant in one reference and not in the data behind it is as
 * likely in a toy as in the test (docs/design.md §5). Serializable: a distributed calibration
 * ships it to its executors.
 */
public interface ToyUnits extends java.io.Serializable {

    /** The toy's two samples with the step fitted on its reference applied to both. */
    TrainingSamples apply(TrainingSamples toy);

    /** What the step is, recorded in the calibration header: a file made without it differs. */
    String describe();
}
