package org.sparker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sparker.cli.SparkerCliTest.sparker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** calibrate check-extrapolation: a calibration's tail model against held-back toys of the same null. */
class CheckExtrapolationTest {

    @TempDir
    Path dir;

    /** A calibration file of {@code toys} toys with χ²_3 and χ²_5 statistics at two widths. */
    private Path calibrationFile(String name, int toys, long seed, String widths) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder s = new StringBuilder("{\"format\":\"sparker-calibration\",\"version\":1,\"backend\":\"reference\","
                + "\"widths\":[" + widths + "],\"config\":{\"trainer\":{\"steps\":10}}}\n");
        for (int k = 0; k < toys; k++) {
            double a = 0;
            double b = 0;
            for (int i = 0; i < 5; i++) {
                double z = r.nextGaussian();
                a += i < 3 ? z * z : 0;
                b += z * z;
            }
            s.append("{\"toy\":").append(k).append(",\"seed\":").append(k).append(",\"t\":[").append(a).append(',')
                    .append(b).append("]}\n");
        }
        Path p = dir.resolve(name);
        Files.writeString(p, s);
        return p;
    }

    @Test
    void reportsRatesAgainstTheLevelsAndWritesEveryToy() throws IOException {
        Path cal = calibrationFile("cal.jsonl", 200, 101, "1.0,0.5");
        Path held = calibrationFile("held.jsonl", 400, 202, "1.0,0.5");
        Path out = dir.resolve("check.json");
        var run = sparker("calibrate", "check-extrapolation", "--calibration", cal.toString(), "--toys", held.toString(),
                "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("200 toys; tail model accepted (threshold")
                .contains("400 held-back toys; extrapolated p-values against U(0,1): KS p")
                .contains("0.004975") // the floor 1/201 is one of the levels
                .contains("median Z: empirical");
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertThat(json.get("format").asText()).isEqualTo("sparker-extrapolation-check");
        assertThat(json.get("toys").asInt()).isEqualTo(200);
        assertThat(json.get("model").get("accepted").asBoolean()).isTrue();
        assertThat(json.get("model").get("exceedances").asInt()).isEqualTo(40);
        JsonNode h = json.get("held_back").get(0);
        assertThat(h.get("per_toy")).hasSize(400);
        // anomaly-free held-back toys: about 5% at 5%
        JsonNode five = h.get("rates").get(0);
        assertThat(five.get("level").asDouble()).isEqualTo(0.05);
        assertThat(five.get("extrapolated").asInt()).isBetween(8, 34);
        // anomaly-free held-back toys: their extrapolated p-values are uniform
        assertThat(h.get("uniformity_ks_p_value").asDouble()).isGreaterThan(0.001).isLessThanOrEqualTo(1.0);

        var again = sparker("calibrate", "check-extrapolation", "--calibration", cal.toString(), "--toys", held.toString(),
                "--out", out.toString());
        assertThat(again.code()).isNotZero();
        assertThat(again.err()).contains("--out " + out + " exists");
    }

    @Test
    void heldBackToysFromAnotherTrainingAreRefused() throws IOException {
        Path cal = calibrationFile("cal.jsonl", 120, 1, "1.0,0.5");
        Path other = calibrationFile("other.jsonl", 50, 2, "1.0,0.25");
        var run = sparker("calibrate", "check-extrapolation", "--calibration", cal.toString(), "--toys", other.toString());
        assertThat(run.code()).isNotZero();
        assertThat(run.err()).contains("--toys " + other + ": trained at other widths than --calibration " + cal);
        var missing = sparker("calibrate", "check-extrapolation", "--calibration", dir.resolve("nope.jsonl").toString(),
                "--toys", cal.toString());
        assertThat(missing.code()).isNotZero();
        assertThat(missing.err()).contains("--calibration " + dir.resolve("nope.jsonl") + ": no such file");
        Path few = calibrationFile("few.jsonl", 40, 3, "1.0,0.5");
        var small = sparker("calibrate", "check-extrapolation", "--calibration", few.toString(), "--toys", cal.toString());
        assertThat(small.code()).as(small.err()).isZero();
        assertThat(small.out()).contains("no extrapolation: only 40 toys: the tail is fitted from 100 on");
    }

    @Test
    void resamplingPoolsTheToysAndSplitsThemAtRandom() throws IOException {
        Path a = calibrationFile("a.jsonl", 300, 5, "1.0,0.5");
        Path b = calibrationFile("b.jsonl", 200, 6, "1.0,0.5");
        var run = sparker("calibrate", "check-extrapolation", "--resample", "20", "--calibration-size", "150", "--seed", "3",
                "--toys", a.toString(), b.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("500 pooled toys, 20 splits (seed 3): calibrations of 150 toys, 350 held back each")
                .contains("mean rate, extrapolated").contains("every toy against a calibration of its own (150 others at random)");
        var again = sparker("calibrate", "check-extrapolation", "--resample", "20", "--calibration-size", "150", "--seed",
                "3", "--toys", a.toString(), b.toString());
        assertThat(again.out()).isEqualTo(run.out()); // seeded
        var both = sparker("calibrate", "check-extrapolation", "--resample", "5", "--calibration", a.toString(), "--toys",
                b.toString());
        assertThat(both.code()).isNotZero();
        assertThat(both.err()).contains("give --calibration FILE, or --resample N (not both)");
        var big = sparker("calibrate", "check-extrapolation", "--resample", "5", "--calibration-size", "500", "--toys",
                a.toString(), b.toString());
        assertThat(big.code()).isNotZero();
        assertThat(big.err()).contains("--calibration-size must be in [100, 499] for 500 pooled toys, got 500");
    }
}
