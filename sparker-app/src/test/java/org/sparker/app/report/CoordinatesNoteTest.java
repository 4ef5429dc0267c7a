package org.sparker.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sparker.app.preprocess.CoordinateMap;
import org.sparker.app.preprocess.Preprocessing;
import org.sparker.app.preprocess.Projection;
import org.sparker.app.preprocess.Spherical;
import org.sparker.app.preprocess.Standardization;

/** The report says in which coordinates the model's centres and σ are. */
class CoordinatesNoteTest {

    @Test
    void namesEveryStepInOrder() {
        assertThat(Report.coordinates(Preprocessing.Fitted.NONE)).isEqualTo("the data file's own units");
        Standardization units = new Standardization(new double[] {0, 0}, new double[] {1, 1});
        Projection axes = new Projection(new double[3], new double[][] {{1, 0, 0}, {0, 1, 0}});
        assertThat(Report.coordinates(new Preprocessing.Fitted(CoordinateMap.PHI, axes, new Spherical(new double[] {0.5, 0}),
                units))).isEqualTo("the map phi applied to every value, then the projection on the reference's first 2 "
                        + "principal axes, then hyperspherical coordinates about the reference's mean (coordinate 0 the "
                        + "radius, the others its angles), then every coordinate standardized on the reference (mean 0, "
                        + "standard deviation 1) (model.json records each step; the table of the most anomalous points "
                        + "gives the file's units)");
        assertThat(Report.coordinates(new Preprocessing.Fitted(null, null, new Spherical(new double[2]), null)))
                .startsWith("hyperspherical coordinates about the origin (");
    }
}
