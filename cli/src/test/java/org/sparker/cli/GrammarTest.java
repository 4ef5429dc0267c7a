package org.sparker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sparker.cli.SparkerCliTest.sparker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One grammar across the commands: what -q keeps, what a usage error prints, which options each offers. */
class GrammarTest {

    @TempDir
    Path dir;

    @Test
    void quietKeepsTheResultLineOnStdout() throws IOException {
        Path model = dir.resolve("m.json");
        Files.writeString(model, "{\"sigma\": 1, \"centers\": [[0]], \"amplitudes\": [1]}");
        Path x = dir.resolve("x.csv");
        Files.writeString(x, "0.5\n1.5\n");
        SparkerCliTest.Run score = sparker("score", "--model", model.toString(), "--input", x.toString(), "--out",
                dir.resolve("s.csv").toString(), "-q");
        assertThat(score.code()).isZero();
        assertThat(score.out()).isEqualTo(dir.resolve("s.csv") + ": 2 points scored" + System.lineSeparator());
        assertThat(score.err()).isEmpty();
        SparkerCliTest.Run eval = sparker("eval", "--model", model.toString(), "--reference", x.toString(), "--data",
                x.toString(), "--out", dir.resolve("e.json").toString(), "-q");
        assertThat(eval.code()).isZero();
        assertThat(eval.out()).startsWith("loss ").contains("→ " + dir.resolve("e.json"));
    }

    @Test
    void aUsageErrorIsTheErrorAndWhereToLook() {
        SparkerCliTest.Run missing = sparker("run", "--reference", "r.npy");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().lines()).containsExactly("sparker: Missing required options: '--data=D', '--out=DIR'",
                "Try 'sparker run --help' for its options.");
        SparkerCliTest.Run typo = sparker("scor");
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).contains("Did you mean: sparker score?").contains("Try 'sparker --help'");
        assertThat(typo.err().lines().count()).isLessThanOrEqualTo(3);
        SparkerCliTest.Run nothing = sparker();
        assertThat(nothing.code()).isEqualTo(2);
        assertThat(nothing.err()).contains("Usage: sparker");
    }

    @Test
    void optionsThatDoNothingAreNotOffered() {
        for (String command : new String[] {"score", "eval", "medoids"}) {
            SparkerCliTest.Run help = sparker(command, "--help");
            assertThat(help.code()).isZero();
            assertThat(help.out()).as(command).doesNotContain("--seed").contains("--backend").contains("--quiet");
        }
        assertThat(sparker("run", "--help").out()).contains("--seed").contains("--center-step-cap");
        // every option of eval says what it is
        String eval = sparker("eval", "--help").out();
        for (String option : new String[] {"--model", "--reference", "--data", "--out"}) {
            assertThat(eval.lines().filter(l -> l.contains(option + "=")).findFirst().orElseThrow())
                    .as(option).matches(".*=\\S+\\s+\\S.*");
        }
    }

    /** The help of one option: its line and the wrapped lines under it, joined. */
    private static String optionHelp(String help, String option) {
        StringBuilder b = new StringBuilder();
        boolean in = false;
        for (String line : help.lines().toList()) {
            // an option's first line (the usage synopsis above, with its "[--…]" groups, is not one)
            if (line.matches("\\s+(-\\w, )?--\\S.*") && !line.contains(" [")) {
                in = line.contains(option + "=") || line.matches("\\s+(-\\w, )?" + option + "\\s.*");
            }
            if (in) {
                b.append(' ').append(line.strip());
            }
        }
        return b.toString().replaceAll("\\s+", " ");
    }

    @Test
    void everyInputOptionNamesEveryFormatItReads() {
        String[][] inputs = {{"run", "--reference"}, {"run", "--data"}, {"run", "--pool"}, {"calibrate", "--reference"},
            {"calibrate", "--pool"}, {"score", "--input"}, {"eval", "--reference"}, {"eval", "--data"},
            {"medoids", "--reference"}, {"medoids", "--data"}, {"medoids", "--labels"}, {"radot", "--events"}};
        for (String[] in : inputs) {
            String help = optionHelp(sparker(in[0], "--help").out(), in[1]);
            // picocli wraps lines where it likes (after "file.npz:", say): compared without whitespace
            assertThat(help.replaceAll("\\s", "")).as(in[0] + " " + in[1])
                    .contains("npy,csv,anHDF5dataset(file.h5:/ds)orannpzmember(file.npz:name)");
        }
    }

    @Test
    void theVersionNamesTheCommit() {
        SparkerCliTest.Run v = sparker("--version");
        assertThat(v.code()).isZero();
        assertThat(v.out()).startsWith("sparker 0.1.0").containsAnyOf(", commit ", "(built outside a git checkout)");
    }

    @Test
    void aFolderOrAPipeAsInputIsNamed() throws Exception {
        Path model = dir.resolve("m.json");
        Files.writeString(model, "{\"sigma\": 1, \"centers\": [[0]], \"amplitudes\": [1]}");
        SparkerCliTest.Run folder = sparker("score", "--model", model.toString(), "--input", dir.toString(), "--out",
                dir.resolve("s.csv").toString());
        assertThat(folder.err()).contains(dir + ": is a folder, not a data file");
        Path fifo = dir.resolve("pipe.csv");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo is not available here");
        SparkerCliTest.Run pipe = sparker("score", "--model", model.toString(), "--input", fifo.toString(), "--out",
                dir.resolve("s.csv").toString());
        assertThat(pipe.code()).isEqualTo(1);
        assertThat(pipe.err()).contains("is not a regular file");
    }

    @Test
    void aMemberPathAfterAFileWithoutMembersIsNamedAsSuch() throws Exception {
        Path model = dir.resolve("m.json");
        Files.writeString(model, "{\"sigma\": 1, \"centers\": [[0]], \"amplitudes\": [1]}");
        Path csv = Files.writeString(dir.resolve("x.csv"), "1\n2\n");
        SparkerCliTest.Run r = sparker("score", "--model", model.toString(), "--input", csv + ":/x", "--out",
                dir.resolve("s.csv").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("sparker: " + csv + ":/x: no such file; only HDF5 (.h5, .hdf5, .he5, .hdf) "
                + "and .npz files have members (FILE.h5:/dataset, FILE.npz:name), so " + csv + " is read without one");
        assertThat(dir.resolve("s.csv")).doesNotExist();
    }
}
