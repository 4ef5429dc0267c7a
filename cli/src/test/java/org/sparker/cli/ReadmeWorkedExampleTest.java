package org.sparker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sparker.cli.SparkerCliTest.flat;
import static org.sparker.cli.SparkerCliTest.gaussian;
import static org.sparker.cli.SparkerCliTest.npy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Worked example: your own data", run literally: its commands are read from the
 * README and run in a child JVM from a folder holding a {@code reference.npy}, a {@code data.npy}
 * with a clear anomaly (so the data lie beyond every toy, as in the line the README shows) and a
 * {@code new.npy}; the printed line must be the README's up to its "…", and the files the README
 * names must be there.
 */
class ReadmeWorkedExampleTest {

    @TempDir
    Path dir;

    private static String workedExample() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("## Worked example: your own data");
        assertThat(start).as("README section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    private static List<String> commands(String section) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\./sparker (.+)$").matcher(section);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private record Child(int code, String out, String err) {
    }

    private Child sparker(String line) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                "org.sparker.cli.SparkerCli"));
        command.addAll(List.of(line.trim().split("\\s+")));
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        int code = p.waitFor();
        return new Child(code, Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void theReadmesCommandsPrintWhatItShows() throws Exception {
        String section = workedExample();
        List<String> commands = commands(section);
        assertThat(commands).as("the README's commands").hasSize(2);
        assertThat(commands.get(0)).startsWith("run ");
        assertThat(commands.get(1)).startsWith("score ");
        Matcher shown = Pattern.compile("`(p-value [^`]*)…\\)`").matcher(section);
        assertThat(shown.find()).as("the printed line the README shows").isTrue();

        SplittableRandom rng = new SplittableRandom(5);
        npy(dir.resolve("reference.npy"), "<f4", 2000, 4, flat(gaussian(rng, 2000, 4, 0)), false);
        double[][] data = gaussian(rng, 400, 4, 0);
        for (int i = 0; i < 40; i++) {
            for (int k = 0; k < 4; k++) {
                data[i][k] = 3 + 0.3 * rng.nextGaussian();
            }
        }
        npy(dir.resolve("data.npy"), "<f4", 400, 4, flat(data), false);
        npy(dir.resolve("new.npy"), "<f4", 10, 4, flat(gaussian(rng, 10, 4, 0)), false);

        Child run = sparker(commands.get(0));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().lines().findFirst()).hasValueSatisfying(l -> assertThat(l).startsWith(shown.group(1)));
        for (String f : List.of("calibration.jsonl", "result.json", "model.json", "report.html")) {
            assertThat(dir.resolve("results").resolve(f)).as(f).isRegularFile();
        }

        Child score = sparker(commands.get(1));
        assertThat(score.code()).as(score.err()).isZero();
        assertThat(score.out()).startsWith("scores.csv: 10 points scored");
        assertThat(Files.readAllLines(dir.resolve("scores.csv"))).hasSize(11).first().asString().startsWith("f,score,");
    }
}
