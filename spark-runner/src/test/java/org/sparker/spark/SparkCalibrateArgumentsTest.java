package org.sparker.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.sparker.engine.train.TrainerConfig;

/** The Spark runner takes the training options of {@code sparker calibrate}, from the one settings table. */
class SparkCalibrateArgumentsTest {

    private static final String[] REQUIRED = {"--reference", "r.npy", "--data-size", "100", "--out", "c.jsonl"};

    private static String[] with(String... more) {
        String[] all = new String[REQUIRED.length + more.length];
        System.arraycopy(REQUIRED, 0, all, 0, REQUIRED.length);
        System.arraycopy(more, 0, all, REQUIRED.length, more.length);
        return all;
    }

    @Test
    void trainingOptionsAndFlagsReachTheConfiguration() {
        SparkCalibrate.Arguments a = SparkCalibrate.parse(with("--clip", "7", "--kernels", "8", "--optimizer", "adam",
                "--reseed-duplicates", "--no-softmax", "--center-step-cap", "0", "--pca", "4", "--spherical", "origin", "--no-standardize"));
        TrainerConfig expected = TrainerConfig.builder().amplitudeClip(7).kernels(8).optimizer(TrainerConfig.Optimizer.ADAM)
                .reseedDuplicates(true).softmax(false).centerStepCap(0).build();
        assertThat(a.training()).isEqualTo(expected);
        assertThat(a.pca()).isEqualTo(4);
        assertThat(a.spherical()).isEqualTo("origin");
        assertThat(SparkCalibrate.parse(REQUIRED).spherical()).isNull();
        assertThat(a.standardize()).isFalse();
        assertThat(a.reference()).isEqualTo(Path.of("r.npy"));
        assertThat(SparkCalibrate.parse(REQUIRED).training()).isEqualTo(TrainerConfig.builder().build());
    }

    @Test
    void badValuesAndUnknownOptionsAreNamed() {
        assertThatThrownBy(() -> SparkCalibrate.parse(with("--clip", "x"))).hasMessage("--clip: expected a number, got 'x'");
        assertThatThrownBy(() -> SparkCalibrate.parse(with("--toys", "many"))).hasMessage("--toys: expected a whole number, got 'many'");
        assertThatThrownBy(() -> SparkCalibrate.parse(with("--spherical", "middle")))
                .hasMessage("--spherical: the centre must be mean or origin, got 'middle'");
        assertThatThrownBy(() -> SparkCalibrate.parse(with("--colour", "red"))).hasMessageStartingWith("unknown option --colour; ");
        assertThatThrownBy(() -> SparkCalibrate.parse(with("--softmax", "off"))).hasMessageStartingWith("unknown option --softmax; ");
        assertThatThrownBy(() -> SparkCalibrate.parse(with("--steps", "10", "--checkpoints", "20")))
                .hasMessageStartingWith("--checkpoints: must be between 1 and the 10 annealing steps");
        assertThatThrownBy(() -> SparkCalibrate.parse("--reference", "r.npy")).hasMessage("--reference, --data-size and --out are required");
    }
}
