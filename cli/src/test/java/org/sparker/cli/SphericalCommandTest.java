package org.sparker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --spherical}: recorded in model.json, result.json and the calibration, reapplied by score, checked when read. */
class SphericalCommandTest {

    @TempDir
    Path dir;

    @Test
    void aSphericalModelScoresRawPointsAndItsFileIsChecked() throws IOException {
        SplittableRandom rng = new SplittableRandom(23);
        Path reference = SparkerCliTest.npy(dir.resolve("r.npy"), "<f8", 200, 4,
                SparkerCliTest.flat(SparkerCliTest.gaussian(rng, 200, 4, 0)), false);
        Path data = SparkerCliTest.npy(dir.resolve("d.npy"), "<f8", 40, 4,
                SparkerCliTest.flat(SparkerCliTest.gaussian(rng, 40, 4, 0.5)), false);
        Path out = dir.resolve("out");
        SparkerCliTest.Run run = SparkerCliTest.sparker("run", "--reference", reference.toString(), "--data",
                data.toString(), "--toys", "3", "--steps", "40", "--kernels", "3", "--pca", "3", "--spherical", "origin",
                "--out", out.toString(), "-q");
        assertThat(run.code()).as(run.err()).isZero();
        String model = Files.readString(out.resolve("model.json"));
        assertThat(model).contains("\"version\" : 4").contains("\"spherical\" : {").contains("\"projection\"");
        assertThat(Files.readString(out.resolve("result.json"))).contains("\"spherical\" : \"origin\"");
        assertThat(Files.readString(out.resolve("report.html"))).contains("then hyperspherical coordinates about the "
                + "origin (coordinate 0 the radius");
        assertThat(Files.readString(out.resolve("calibration.jsonl"))).contains("then hyperspherical coordinates "
                + "(radius, angles) about the origin, then standardized per toy");

        // score takes the raw 4 columns: projected, made spherical, standardized
        Path scores = dir.resolve("s.csv");
        SparkerCliTest.Run score = SparkerCliTest.sparker("score", "--model", out.resolve("model.json").toString(),
                "--input", data.toString(), "--out", scores.toString(), "-q");
        assertThat(score.code()).as(score.err()).isZero();
        List<String> lines = Files.readAllLines(scores);
        assertThat(lines).hasSize(41);
        assertThat(lines.get(0)).isEqualTo("f,score,f_0,f_1,f_2");

        // the same calibration without --spherical is another calibration
        SparkerCliTest.Run other = SparkerCliTest.sparker("run", "--reference", reference.toString(), "--data",
                data.toString(), "--toys", "3", "--steps", "40", "--kernels", "3", "--pca", "3", "--calibration",
                out.resolve("calibration.jsonl").toString(), "--out", dir.resolve("out2").toString(), "-q");
        assertThat(other.code()).isEqualTo(1);
        assertThat(other.err()).contains("--spherical");

        // a centre of the wrong length, and hyperspherical coordinates in a file that says version 3, are named
        Path edited = dir.resolve("edited.json");
        Files.writeString(edited, model.replaceFirst("(\"spherical\" : \\{\\s*\"center\" : \\[ )", "$11.0, "));
        SparkerCliTest.Run bad = SparkerCliTest.sparker("score", "--model", edited.toString(), "--input",
                data.toString(), "--out", dir.resolve("e.csv").toString(), "-q");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err().strip()).isEqualTo("sparker: " + edited + ": spherical.center must be a list of 3 numbers "
                + "(the model's dimension)");
        Path old = dir.resolve("v3.json");
        Files.writeString(old, model.replace("\"version\" : 4", "\"version\" : 3"));
        SparkerCliTest.Run v3 = SparkerCliTest.sparker("score", "--model", old.toString(), "--input", data.toString(),
                "--out", dir.resolve("v.csv").toString(), "-q");
        assertThat(v3.code()).isEqualTo(1);
        assertThat(v3.err()).contains("v3.json: \"spherical\" needs a model file of version 4 or later");
        assertThat(dir.resolve("e.csv")).doesNotExist();
    }

    @Test
    void aBadCentreAndOneColumnAreRefusedUpFront() throws IOException {
        SplittableRandom rng = new SplittableRandom(24);
        Path reference = SparkerCliTest.npy(dir.resolve("r.npy"), "<f8", 50, 1,
                SparkerCliTest.flat(SparkerCliTest.gaussian(rng, 50, 1, 0)), false);
        Path data = SparkerCliTest.npy(dir.resolve("d.npy"), "<f8", 10, 1,
                SparkerCliTest.flat(SparkerCliTest.gaussian(rng, 10, 1, 0)), false);
        SparkerCliTest.Run centre = SparkerCliTest.sparker("run", "--reference", reference.toString(), "--data",
                data.toString(), "--toys", "3", "--spherical=middle", "--out", dir.resolve("o").toString(), "-q");
        assertThat(centre.code()).isEqualTo(1);
        assertThat(centre.err().strip()).isEqualTo("sparker: --spherical: the centre must be mean or origin, got 'middle'");
        SparkerCliTest.Run one = SparkerCliTest.sparker("run", "--reference", reference.toString(), "--data",
                data.toString(), "--toys", "3", "--spherical", "--out", dir.resolve("o").toString(), "-q");
        assertThat(one.code()).isEqualTo(1);
        assertThat(one.err().strip()).isEqualTo("sparker: --spherical: " + reference + ": hyperspherical coordinates "
                + "need at least 2 coordinates, the points have 1");
        assertThat(dir.resolve("o")).doesNotExist();
    }
}
