package org.sparker.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The warm-up's settling test ({@link StepBenchmark#settled}) on made-up step times. */
class WarmupTest {

    private static List<Double> steps(double seconds, int count) {
        return new ArrayList<>(Collections.nCopies(count, seconds));
    }

    @Test
    void aStepTimeStillFallingHasNotSettled() {
        // the JIT's tiers arriving (one thread, 60,000 × 128 × 5): 50 ms, then 7, then 4.4
        List<Double> t = new ArrayList<>(List.of(1.4));
        t.addAll(steps(0.05, 10));
        t.addAll(steps(0.007, 40));
        t.addAll(steps(0.0044, 30));
        assertThat(StepBenchmark.settled(t)).as("7 ms, then 4.4 over the last quarter second").isFalse();
        t.addAll(steps(0.0044, 90));
        assertThat(StepBenchmark.settled(t)).as("4.4 ms over half a second").isTrue();
    }

    @Test
    void aShortPlateauBetweenTwoTiersDoesNotPassForTheEnd() {
        // ten steps of 20 ms agree within 3%, but span 0.2 s, less than a window
        List<Double> t = steps(0.1, 5);
        t.addAll(steps(0.02, 10));
        assertThat(StepBenchmark.settled(t)).isFalse();
    }

    @Test
    void oneSlowStepInASteadyRunDoesNotHoldTheWarmUpBack() {
        List<Double> t = steps(0.0044, 200);
        t.set(150, 0.02);
        assertThat(StepBenchmark.settled(t)).isTrue();
    }

    @Test
    void shortStepsSettleOverTwoThousandStepsEach() {
        List<Double> t = steps(2e-5, 3_999);
        assertThat(StepBenchmark.settled(t)).as("one step short of two windows").isFalse();
        t.add(2e-5);
        assertThat(StepBenchmark.settled(t)).isTrue();
    }
}
