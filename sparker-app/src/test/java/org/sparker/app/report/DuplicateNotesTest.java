package org.sparker.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sparker.engine.KernelModel;

/** What the report says of kernels that ended on one centre. */
class DuplicateNotesTest {

    private static KernelModel model(boolean softmax) {
        return KernelModel.of(new double[][] {{0}, {0.01}, {3}, {5}, {5.02}, {5.04}}, new double[] {5, 3, 1, 2, 2, 5}, 1,
                softmax);
    }

    @Test
    void withTheSoftmaxAGroupActsWithTheMeanOfItsAmplitudes() {
        String h = Report.duplicateNotes(List.of(List.of(0, 1), List.of(3, 4, 5)), model(true));
        assertThat(h).contains("Kernels 0 and 1 ended on one centre (within 0.1 σ): together they act as one kernel of "
                + "amplitude 4.00 (the mean of theirs")
                .contains("Kernels 3, 4 and 5 ended on one centre (within 0.1 σ): together they act as one kernel of "
                        + "amplitude 3.00 (the mean")
                // two groups: 6 − 1 − 2 distinct kernels, counted once
                .contains("So the model has 3 distinct kernels, not 6");
    }

    @Test
    void withoutTheSoftmaxTheirAmplitudesAdd() {
        String h = Report.duplicateNotes(List.of(List.of(0, 1)), model(false));
        assertThat(h).contains("one kernel of amplitude 8.00 (the sum of theirs)").contains("5 distinct kernels, not 6");
    }

    @Test
    void nothingIsSaidWithoutDuplicates() {
        assertThat(Report.duplicateNotes(List.of(), model(true))).isEmpty();
    }
}
