package org.sparker.calibration;

import org.sparker.stats.Aggregation;
import org.sparker.stats.Calibration;

import org.sparker.toys.ToySources;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparker.engine.KernelModel;
import org.sparker.engine.TrainingSamples;
import org.sparker.engine.reference.ReferenceBackend;
import org.sparker.sampling.Seeds;
import org.sparker.engine.train.TrainerConfig;
import org.sparker.toys.ExponentialToy;

/** Calibration, detection and resume, end to end on the reference backend with small seeded configurations. */
class CalibrationTest {

    /** The 1D exponential benchmark at a tenth of the paper's sizes: N_R = 2,000, N(R) = 200. */
    private static final ExponentialToy SMALL = ExponentialToy.bump(6.4, 0.16, 0).withSizes(2000, 200);
    private static final TrainerConfig FAST = TrainerConfig.builder().steps(300).checkpoints(5).build();

    /**
     * Under H0 the global p-values of independent anomaly-free tests, against a calibration of
     * other anomaly-free toys of the same configuration, are uniform.
     */
    @Test
    void globalPValuesAreUniformUnderTheNull(@TempDir Path dir) throws IOException {
        CalibrationSpec spec = CalibrationSpec.withEstimatedRange(FAST, ToySources.of(SMALL), 42);
        Calibration calibration = new CalibrationRunner(ReferenceBackend::new, 2)
                .run(spec, 60, dir.resolve("h0.jsonl"), CalibrationListener.NONE);
        ToySource nullSource = ToySources.of(SMALL);
        double[] p = new double[40];
        try (ReferenceBackend backend = new ReferenceBackend()) {
            for (int i = 0; i < p.length; i++) {
                TrainingSamples s = nullSource.sample(i, Seeds.stream(Seeds.derive(999, i)));
                p[i] = Detection.run(backend, spec, calibration, s, Seeds.derive(998, i), Aggregation.SPARKER,
                        (a, b, c, d, e) -> { }).global().pValue();
            }
        }
        double ks = KolmogorovSmirnovTest.withDefaults().test(p, x -> Math.max(0, Math.min(1, x))).getPValue();
        assertThat(ks).as("KS p-value of the H0 global p-values %s", java.util.Arrays.toString(p)).isGreaterThan(0.01);
    }

    /**
     * A strong bump at 6.4 (5% of N(R) = 500, width 0.16) pulls a kernel to within 0.5 of it
     * and puts the global p-value at its floor.
     */
    @Test
    void strongTailBumpIsFoundAndLocated(@TempDir Path dir) throws IOException {
        ExponentialToy toy = ExponentialToy.bump(6.4, 0.16, 0.05).withSizes(5000, 500);
        TrainerConfig config = TrainerConfig.builder().steps(1000).build();
        CalibrationSpec spec = CalibrationSpec.withEstimatedRange(config, ToySources.of(toy), 7);
        Calibration calibration = new CalibrationRunner(ReferenceBackend::new, 2)
                .run(spec, 19, dir.resolve("bump.jsonl"), CalibrationListener.NONE);
        TrainingSamples data = toy.sample(Seeds.stream(123));
        Detection.Result result;
        try (ReferenceBackend backend = new ReferenceBackend()) {
            result = Detection.run(backend, spec, calibration, data, 5, Aggregation.SPARKER, (a, b, c, d, e) -> { });
        }
        KernelModel model = result.training().model();
        double nearest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < model.kernels(); i++) {
            nearest = Math.min(nearest, Math.abs(model.center(i, 0) - 6.4));
        }
        assertThat(nearest).as("distance of the nearest kernel to the bump, centres %s",
                java.util.Arrays.toString(model.centers())).isLessThan(0.5);
        assertThat(result.global().upperLimit()).as(result.global().toString()).isTrue();
        assertThat(result.global().pValue()).isEqualTo(1.0 / 20);
    }

    /** A run stopped after 3 toys and left with a torn line resumes to exactly the uninterrupted file. */
    @Test
    void interruptedRunResumesToTheSameFile(@TempDir Path dir) throws IOException {
        CalibrationSpec spec = CalibrationSpec.withEstimatedRange(
                TrainerConfig.builder().steps(60).checkpoints(3).build(), ToySources.of(SMALL), 11);
        CalibrationRunner runner = new CalibrationRunner(ReferenceBackend::new, 2);
        Path whole = dir.resolve("whole.jsonl");
        Calibration expected = runner.run(spec, 8, whole, CalibrationListener.NONE);

        Path resumed = dir.resolve("resumed.jsonl");
        List<Integer> seen = new ArrayList<>();
        assertThatThrownBy(() -> runner.run(spec, 8, resumed, (done, total, r) -> {
            seen.add(r.toy());
            if (done == 3) {
                throw new IllegalStateException("simulated crash");
            }
        })).hasMessageContaining("simulated crash");
        long linesAfterCrash = Files.readAllLines(resumed).size();
        assertThat(linesAfterCrash).isBetween(4L, 5L); // header + the 3 reported toys (+ one racing)
        Files.writeString(resumed, "{\"toy\": 7, \"seed\": 12", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        List<Integer> rerun = new ArrayList<>();
        Calibration again = runner.run(spec, 8, resumed, (done, total, r) -> rerun.add(r.toy()));
        assertThat(rerun).doesNotContainAnyElementsOf(seen.subList(0, 3)); // nothing repeated
        assertThat(rerun.size() + linesAfterCrash - 1).isEqualTo(8); // nothing lost
        assertThat(Files.readAllBytes(resumed)).isEqualTo(Files.readAllBytes(whole));
        for (int k = 0; k < 8; k++) {
            assertThat(again.statisticsOf(k)).containsExactly(expected.statisticsOf(k));
        }
        // extending the calibration later keeps the first toys
        Calibration more = runner.run(spec, 10, resumed, CalibrationListener.NONE);
        assertThat(more.toys()).isEqualTo(10);
        assertThat(more.statisticsOf(7)).containsExactly(expected.statisticsOf(7));
    }

    @Test
    void aFileMadeWithAnotherConfigurationIsRefused(@TempDir Path dir) throws IOException {
        TrainerConfig config = TrainerConfig.builder().steps(30).checkpoints(3).build();
        CalibrationSpec spec = CalibrationSpec.withEstimatedRange(config, ToySources.of(SMALL), 1);
        Path file = dir.resolve("c.jsonl");
        new CalibrationRunner(ReferenceBackend::new, 1).run(spec, 2, file, CalibrationListener.NONE);
        CalibrationSpec other = new CalibrationSpec(spec.trainer().toBuilder().l2(0.5).build(), spec.source(), 1);
        assertThatThrownBy(() -> new CalibrationRunner(ReferenceBackend::new, 1).run(other, 2, file,
                CalibrationListener.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("trainer.l2");
        Files.writeString(dir.resolve("junk.jsonl"), "not json\n");
        assertThatThrownBy(() -> CalibrationFile.read(dir.resolve("junk.jsonl")))
                .hasMessageContaining("line 1");
    }
}
