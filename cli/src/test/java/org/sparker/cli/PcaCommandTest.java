package org.sparker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --pca K}: recorded in model.json and the calibration, reapplied by score and eval, checked when read. */
class PcaCommandTest {

    @TempDir
    Path dir;

    @Test
    void aProjectedModelScoresRawPointsAndItsFileIsChecked() throws IOException {
        SplittableRandom rng = new SplittableRandom(21);
        Path reference = SparkerCliTest.npy(dir.resolve("r.npy"), "<f8", 200, 4,
                SparkerCliTest.flat(SparkerCliTest.gaussian(rng, 200, 4, 0)), false);
        Path data = SparkerCliTest.npy(dir.resolve("d.npy"), "<f8", 40, 4,
                SparkerCliTest.flat(SparkerCliTest.gaussian(rng, 40, 4, 0.5)), false);
        Path out = dir.resolve("out");
        SparkerCliTest.Run run = SparkerCliTest.sparker("run", "--reference", reference.toString(), "--data",
                data.toString(), "--toys", "3", "--steps", "40", "--kernels", "3", "--pca", "2", "--out", out.toString(),
                "-q");
        assertThat(run.code()).as(run.err()).isZero();
        String model = Files.readString(out.resolve("model.json"));
        assertThat(model).contains("\"version\" : 3").contains("\"projection\"");
        assertThat(Files.readString(out.resolve("calibration.jsonl"))).contains("projected per toy onto the first 2 "
                + "principal axes");

        // score takes the raw 4 columns and projects them: f, the score and one f_i per kernel
        Path scores = dir.resolve("s.csv");
        SparkerCliTest.Run score = SparkerCliTest.sparker("score", "--model", out.resolve("model.json").toString(),
                "--input", data.toString(), "--out", scores.toString(), "-q");
        assertThat(score.code()).as(score.err()).isZero();
        List<String> lines = Files.readAllLines(scores);
        assertThat(lines).hasSize(41);
        assertThat(lines.get(0)).isEqualTo("f,score,f_0,f_1,f_2");

        // a sample of the projected dimension is not what the model takes
        Path narrow = SparkerCliTest.npy(dir.resolve("n.npy"), "<f8", 5, 2, new double[10], false);
        SparkerCliTest.Run wrong = SparkerCliTest.sparker("score", "--model", out.resolve("model.json").toString(),
                "--input", narrow.toString(), "--out", dir.resolve("w.csv").toString(), "-q");
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err()).contains("n.npy has 2 columns but the model in").contains("takes 4");

        // the same calibration without --pca is another calibration
        SparkerCliTest.Run other = SparkerCliTest.sparker("run", "--reference", reference.toString(), "--data",
                data.toString(), "--toys", "3", "--steps", "40", "--kernels", "3", "--calibration",
                out.resolve("calibration.jsonl").toString(), "--out", dir.resolve("out2").toString(), "-q");
        assertThat(other.code()).isEqualTo(1);
        assertThat(other.err()).contains("units");

        // an edited axis, and a projection in a file that says version 2, are named
        Path edited = dir.resolve("edited.json");
        Files.writeString(edited, model.replaceFirst("(\"axes\" : \\[ \\[ )(-?[0-9.]+)", "$10.5"));
        SparkerCliTest.Run bad = SparkerCliTest.sparker("score", "--model", edited.toString(), "--input",
                data.toString(), "--out", dir.resolve("e.csv").toString(), "-q");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("edited.json: projection.axes[0]").contains("the file was edited");
        Path old = dir.resolve("v2.json");
        Files.writeString(old, model.replace("\"version\" : 3", "\"version\" : 2"));
        SparkerCliTest.Run v2 = SparkerCliTest.sparker("score", "--model", old.toString(), "--input", data.toString(),
                "--out", dir.resolve("v.csv").toString(), "-q");
        assertThat(v2.err()).contains("v2.json: \"projection\" needs a model file of version 3 or later");
    }

    @Test
    void moreAxesThanTheReferenceHasAreRefusedUpFront() throws IOException {
        SplittableRandom rng = new SplittableRandom(22);
        Path reference = SparkerCliTest.npy(dir.resolve("r.npy"), "<f8", 50, 3,
                SparkerCliTest.flat(SparkerCliTest.gaussian(rng, 50, 3, 0)), false);
        Path data = SparkerCliTest.npy(dir.resolve("d.npy"), "<f8", 10, 3,
                SparkerCliTest.flat(SparkerCliTest.gaussian(rng, 10, 3, 0)), false);
        SparkerCliTest.Run r = SparkerCliTest.sparker("run", "--reference", reference.toString(), "--data",
                data.toString(), "--toys", "3", "--pca", "4", "--out", dir.resolve("o").toString(), "-q");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("sparker: --pca: " + reference + ": K must be between 1 and the smaller "
                + "of the dimension (3) and the reference's points less one (39), got 4");
        assertThat(dir.resolve("o")).doesNotExist();
    }
}
