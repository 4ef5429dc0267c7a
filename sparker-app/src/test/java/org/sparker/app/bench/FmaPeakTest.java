package org.sparker.app.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FmaPeakTest {

    /**
     * The first measurement in a JVM is taken after the chains are compiled: before, it ran them
     * interpreted and reported a peak near zero, and the floor of the first shape of a
     * {@code sparker bench} run was then hundreds of times the step.
     */
    @Test
    void theFirstMeasurementIsAsHighAsALaterOne() {
        try (FmaPeak peak = new FmaPeak(1)) {
            double first = peak.fmasPerSecond();
            double second = peak.fmasPerSecond();
            assertTrue(first > 0.5 * second, "first " + first + " against " + second + " FMAs per second");
            // one core of anything this runs on retires more than 10^8 double FMAs per second
            assertTrue(first > 1e8, "first " + first);
        }
    }
}
