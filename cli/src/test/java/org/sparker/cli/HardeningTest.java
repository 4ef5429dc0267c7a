package org.sparker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sparker.cli.SparkerCliTest.concat;
import static org.sparker.cli.SparkerCliTest.csv;
import static org.sparker.cli.SparkerCliTest.flat;
import static org.sparker.cli.SparkerCliTest.gaussian;
import static org.sparker.cli.SparkerCliTest.npy;
import static org.sparker.cli.SparkerCliTest.sparker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Never lose a user's file, never accept corrupt input (issue 15): each class of failure, end to end. */
class HardeningTest {

    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] FAST = {"--steps", "20", "--checkpoints", "2", "--backend", "reference", "--seed", "3", "-q"};

    private Path reference() throws IOException {
        return npy(dir.resolve("ref.npy"), "<f4", 300, 2, flat(gaussian(new SplittableRandom(1), 300, 2, 0)), false);
    }

    private Path data() throws IOException {
        return csv(dir.resolve("data.csv"), "a,b", gaussian(new SplittableRandom(2), 30, 2, 0.3));
    }

    @Test
    void aNonCalibrationFileGivenAsCalibrationIsRefusedAndLeftAsItWas() throws IOException {
        Path ref = reference();
        Path data = data();
        Path notCal = dir.resolve("notes.txt");
        Files.writeString(notCal, "my notes, no newline at the end");
        for (Path victim : List.of(notCal, ref, data)) {
            byte[] before = Files.readAllBytes(victim);
            SparkerCliTest.Run r = sparker(concat(new String[] {"run", "--reference", ref.toString(), "--data",
                data.toString(), "--calibration", victim.toString(), "--toys", "4", "--out", dir.resolve("o").toString()},
                FAST));
            assertThat(r.code()).as(victim.toString()).isEqualTo(1);
            assertThat(r.err()).contains(victim.toString());
            assertThat(Files.readAllBytes(victim)).as("%s untouched", victim).isEqualTo(before);
        }
    }

    @Test
    void noOutputOverwritesAnInputOrAForeignFile() throws IOException {
        Path ref = reference();
        Path data = data();
        byte[] dataBefore = Files.readAllBytes(data);
        SparkerCliTest.Run run = sparker(concat(new String[] {"run", "--reference", ref.toString(), "--data",
            data.toString(), "--toys", "4", "--out", dir.resolve("o").toString()}, FAST));
        assertThat(run.code()).as(run.err()).isZero();
        Path model = dir.resolve("o/model.json");
        // score --out onto its own input, onto the model, onto a foreign file
        Path foreign = dir.resolve("thesis.csv");
        Files.writeString(foreign, "chapter,words\n1,9000\n");
        byte[] foreignBefore = Files.readAllBytes(foreign);
        byte[] modelBefore = Files.readAllBytes(model);
        for (Path target : List.of(data, model, foreign)) {
            SparkerCliTest.Run s = sparker("score", "--model", model.toString(), "--input", data.toString(), "--out",
                    target.toString(), "-q");
            assertThat(s.code()).as(target.toString()).isEqualTo(1);
            assertThat(s.err()).contains("--out").contains("refusing");
        }
        assertThat(Files.readAllBytes(data)).isEqualTo(dataBefore);
        assertThat(Files.readAllBytes(model)).isEqualTo(modelBefore);
        assertThat(Files.readAllBytes(foreign)).isEqualTo(foreignBefore);
        // a CSV carries no mark of its writer: even a scores file of ours is not written over
        Path scores = dir.resolve("s.csv");
        assertThat(sparker("score", "--model", model.toString(), "--input", data.toString(), "--out", scores.toString(),
                "-q").code()).isZero();
        byte[] scoresBefore = Files.readAllBytes(scores);
        SparkerCliTest.Run again = sparker("score", "--model", model.toString(), "--input", data.toString(), "--out",
                scores.toString(), "-q");
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("--out " + scores + " exists");
        assertThat(Files.readAllBytes(scores)).isEqualTo(scoresBefore);
        // JSON outputs carry their kind: a result or model file of another kind is refused by name
        Path evalOut = dir.resolve("e.json");
        Files.writeString(evalOut, "{\"format\": \"sparker-result\", \"loss\": 1}");
        SparkerCliTest.Run wrongKind = sparker("eval", "--model", model.toString(), "--reference", ref.toString(),
                "--data", data.toString(), "--out", evalOut.toString(), "-q");
        assertThat(wrongKind.code()).isEqualTo(1);
        assertThat(wrongKind.err()).contains("is not a sparker eval file");
        Path cal = dir.resolve("o/calibration.jsonl");
        byte[] calBefore = Files.readAllBytes(cal);
        SparkerCliTest.Run ontoCalibration = sparker("eval", "--model", model.toString(), "--reference", ref.toString(),
                "--data", data.toString(), "--out", cal.toString(), "-q");
        assertThat(ontoCalibration.code()).isEqualTo(1);
        assertThat(Files.readAllBytes(cal)).isEqualTo(calBefore);
        // an eval file of ours is replaced
        Path ours = dir.resolve("ours.json");
        for (int i = 0; i < 2; i++) {
            assertThat(sparker("eval", "--model", model.toString(), "--reference", ref.toString(), "--data",
                    data.toString(), "--out", ours.toString(), "-q").code()).isZero();
        }
        // run --out whose files are not ours
        Path busy = dir.resolve("busy");
        Files.createDirectories(busy);
        Files.writeString(busy.resolve("result.json"), "{\"mine\": 1}");
        SparkerCliTest.Run r = sparker(concat(new String[] {"run", "--reference", ref.toString(), "--data",
            data.toString(), "--toys", "4", "--out", busy.toString()}, FAST));
        assertThat(r.code()).isEqualTo(1);
        assertThat(Files.readString(busy.resolve("result.json"))).isEqualTo("{\"mine\": 1}");
        // a user's model.json beside our earlier run's files: the folder's manifest does not list it
        Files.writeString(dir.resolve("o/model.json"), "{\"sigma\": 1, \"centers\": [[0]], \"amplitudes\": [1]}");
        Files.writeString(dir.resolve("o/" + org.sparker.app.io.OutputFiles.MANIFEST),
                "{\"format\": \"sparker-output\", \"version\": 1, \"command\": \"run\", \"files\": [\"result.json\"]}");
        SparkerCliTest.Run mixed = sparker(concat(new String[] {"run", "--reference", ref.toString(), "--data",
            data.toString(), "--toys", "4", "--out", dir.resolve("o").toString()}, FAST));
        assertThat(mixed.code()).isEqualTo(1);
        assertThat(mixed.err()).contains("model.json").contains("sparker did not write there");
    }

    /**
     * An output set is replaced whole: a baseline run into the folder of an earlier SparKer run
     * leaves no model or report of the earlier run beside its result.
     */
    @Test
    void anOutputSetIsReplacedWhole() throws IOException {
        Path ref = reference();
        Path data = data();
        Path out = dir.resolve("o");
        assertThat(sparker(concat(new String[] {"run", "--reference", ref.toString(), "--data", data.toString(),
            "--toys", "4", "--out", out.toString()}, FAST)).code()).isZero();
        assertThat(out.resolve("model.json")).exists();
        SparkerCliTest.Run mmd = sparker("run", "--method", "mmd-fuse", "--mmd-permutations", "50", "--reference",
                ref.toString(), "--data", data.toString(), "--out", out.toString(), "-q", "--backend", "reference");
        assertThat(mmd.code()).as(mmd.err()).isZero();
        assertThat(out.resolve("result.json")).content().contains("mmd-fuse");
        assertThat(out.resolve("model.json")).doesNotExist();
        assertThat(out.resolve("report.html")).doesNotExist();
        assertThat(out.resolve("calibration.jsonl")).exists(); // not part of a set: resumable, kept
    }

    /**
     * A run with the default toy count, interrupted (its file cut to 31 toys and a torn line, as
     * kill -9 leaves it), and the same command again: it resumes to the 100 toys it was asked
     * for and reports what the uninterrupted run reports.
     */
    @Test
    void anInterruptedDefaultRunResumesToItsToyCount() throws IOException {
        Path ref = reference();
        Path data = data();
        String[] command = concat(new String[] {"run", "--reference", ref.toString(), "--data", data.toString(), "--out",
            dir.resolve("o").toString()}, FAST);
        assertThat(sparker(command).code()).isZero();
        JsonNode full = JSON.readTree(dir.resolve("o/result.json").toFile());
        assertThat(full.get("toys").asInt()).isEqualTo(100);
        Path cal = dir.resolve("o/calibration.jsonl");
        List<String> lines = Files.readAllLines(cal);
        assertThat(lines).hasSize(101);
        Files.writeString(cal, String.join("\n", lines.subList(0, 32)) + "\n" + lines.get(40).substring(0, 20),
                StandardCharsets.UTF_8);
        assertThat(sparker(command).code()).isZero();
        JsonNode again = JSON.readTree(dir.resolve("o/result.json").toFile());
        assertThat(again.get("toys").asInt()).isEqualTo(100);
        assertThat(again.get("p_value")).isEqualTo(full.get("p_value"));
        assertThat(Files.readAllLines(cal)).isEqualTo(lines);
    }

    @Test
    void aHeaderLeftByAFailedRunDoesNotBlockTheCorrectedOne() throws IOException {
        Path ref = reference();
        Path data = data();
        Path cal = dir.resolve("cal.jsonl");
        // a first attempt whose training diverges on its first toy leaves only the header
        SparkerCliTest.Run bad = sparker(concat(new String[] {"run", "--reference", ref.toString(), "--data",
            data.toString(), "--calibration", cal.toString(), "--toys", "4", "--learning-rate", "1e6", "--clip", "1e9",
            "--out", dir.resolve("o").toString()}, FAST));
        assertThat(bad.code()).isEqualTo(1);
        SparkerCliTest.Run good = sparker(concat(new String[] {"run", "--reference", ref.toString(), "--data",
            data.toString(), "--calibration", cal.toString(), "--toys", "4", "--out", dir.resolve("o").toString()}, FAST));
        assertThat(good.code()).as(good.err()).isZero();
    }

    @Test
    void corruptCalibrationLinesAreNamed() throws IOException {
        Path ref = reference();
        Path data = data();
        Path cal = dir.resolve("cal.jsonl");
        String[] command = concat(new String[] {"run", "--reference", ref.toString(), "--data", data.toString(),
            "--calibration", cal.toString(), "--toys", "4", "--out", dir.resolve("o").toString()}, FAST);
        assertThat(sparker(command).code()).isZero();
        List<String> good = Files.readAllLines(cal);
        String[][] corruptions = {
            {"seed", good.get(2).replaceFirst("\"seed\":-?\\d+", "\"seed\":12345")},
            {"statistic", good.get(2).replaceFirst("\"t\":\\[[^,]+", "\"t\":[\"abc\"")},
            {"twice", good.get(1)},
            {"toy", good.get(2).replaceFirst("\"toy\":1,", "")},
        };
        for (String[] c : corruptions) {
            List<String> lines = new ArrayList<>(good);
            lines.set(2, c[1]);
            Files.write(cal, lines);
            byte[] before = Files.readAllBytes(cal);
            SparkerCliTest.Run r = sparker(command);
            assertThat(r.code()).as(c[0]).isEqualTo(1);
            assertThat(r.err()).as(c[0]).contains(cal.toString()).doesNotContain("Exception");
            assertThat(Files.readAllBytes(cal)).as(c[0]).isEqualTo(before);
        }
    }

    @Test
    void aNpyFileCutShortOrExtendedIsRefused() throws IOException {
        Path ok = npy(dir.resolve("ok.npy"), "<f8", 50, 2, flat(gaussian(new SplittableRandom(5), 50, 2, 0)), false);
        byte[] bytes = Files.readAllBytes(ok);
        Path cut = dir.resolve("cut.npy");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 24));
        Path longer = dir.resolve("long.npy");
        Files.write(longer, java.util.Arrays.copyOf(bytes, bytes.length + 8));
        Path model = dir.resolve("m.json");
        Files.writeString(model, "{\"sigma\": 1, \"centers\": [[0, 0]], \"amplitudes\": [1]}");
        for (Path bad : List.of(cut, longer)) {
            byte[] before = Files.readAllBytes(bad);
            SparkerCliTest.Run r = sparker("score", "--model", model.toString(), "--input", bad.toString(), "--out",
                    dir.resolve("s.csv").toString(), "-q");
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).contains(bad.toString()).contains("800 bytes");
            assertThat(Files.readAllBytes(bad)).isEqualTo(before);
        }
        assertThat(dir.resolve("s.csv")).doesNotExist();
    }

    @Test
    void csvRules() throws IOException {
        Path model = dir.resolve("m.json");
        Files.writeString(model, "{\"sigma\": 1, \"centers\": [[0, 0]], \"amplitudes\": [1]}");
        String[][] files = {
            {"bom.csv", "\uFEFF1,2\n3,4\n", "2"},
            {"pandas.csv", "0,1\n1,2\n3,4\n", "2"},
            {"named.csv", "x,y\n1,2\n3,4\n", "2"},
            {"index.csv", ",0,1\n0,1,2\n1,3,4\n", "2"},
            {"quoted.csv", "\"a\",\"b\"\n\"1.5\",\"2\"\n3,4\n", "2"},
        };
        for (String[] f : files) {
            Path p = dir.resolve(f[0]);
            Files.writeString(p, f[1], StandardCharsets.UTF_8);
            Path out = dir.resolve(f[0] + ".scores.csv");
            SparkerCliTest.Run r = sparker("score", "--model", model.toString(), "--input", p.toString(), "--out",
                    out.toString(), "-q");
            assertThat(r.code()).as(f[0] + ": " + r.err()).isZero();
            assertThat(Files.readAllLines(out)).as(f[0]).hasSize(1 + Integer.parseInt(f[2]));
        }
        // a first row of numbers and text is neither a header nor data: one line naming it
        Path mixed = dir.resolve("mixed.csv");
        Files.writeString(mixed, "x,2\n1,2\n");
        SparkerCliTest.Run m = sparker("score", "--model", model.toString(), "--input", mixed.toString(), "--out",
                dir.resolve("m.csv").toString(), "-q");
        assertThat(m.code()).isEqualTo(1);
        assertThat(m.err()).contains(mixed + ": line 1 mixes numbers and text");
        Path ragged = dir.resolve("ragged.csv");
        Files.writeString(ragged, "1,2\n3\n");
        SparkerCliTest.Run r = sparker("score", "--model", model.toString(), "--input", ragged.toString(), "--out",
                dir.resolve("x.csv").toString(), "-q");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("line 2 has 1 columns, expected 2");
    }

    @Test
    void modelFilesAreReadStrictly() throws IOException {
        Path data = data();
        String[][] models = {
            {"{\"sigma\": 1, \"centers\": [[0, 0]], \"amplitudes\": [1], \"softmax\": \"no\"}", "softmax"},
            {"{\"sigma\": 1, \"sigma\": 2, \"centers\": [[0, 0]], \"amplitudes\": [1]}", "sigma"},
            {"{\"sigma\": 1, \"centers\": [[0, 0]], \"amplitudes\": [1], \"colour\": \"red\"}", "colour"},
            {"{\"sigma\": 1, \"centers\": [[0, 0]], \"amplitudes\": [1]} trailing", "JSON"},
            {"{\"sigma\": 1e-160, \"centers\": [[0, 0]], \"amplitudes\": [1]}", "sigma"},
            // every listed checkpoint is checked, used or not
            {"{\"sigma\": 1, \"centers\": [[0, 0]], \"amplitudes\": [1], \"checkpoints\": [{\"checkpoint\": 1, "
                + "\"sigma\": -1, \"centers\": [[0, 0]], \"amplitudes\": [1]}]}", "checkpoints[0].sigma"},
            {"{\"sigma\": 1, \"centers\": [[0, 0]], \"amplitudes\": [1], \"checkpoints\": [{\"checkpoint\": 1, "
                + "\"sigma\": 1, \"centers\": [[0, 0], [1, 1]], \"amplitudes\": [1]}]}", "checkpoints[0]: 2 centres but 1"},
            {"{\"sigma\": 1, \"centers\": [[0, 0]], \"amplitudes\": [1], \"checkpoints\": [{\"checkpoint\": 1, "
                + "\"sigma\": 1, \"centers\": [[0, 0, 0]], \"amplitudes\": [1]}]}", "1 kernels in 3 dimensions"},
            {"{\"sigma\": 1, \"centers\": [[0, 0]], \"amplitudes\": [1], \"checkpoints\": [{\"checkpoint\": 2, "
                + "\"sigma\": 1, \"centers\": [[0, 0]], \"amplitudes\": [1]}]}", "must have \"checkpoint\": 1"},
        };
        for (int i = 0; i < models.length; i++) {
            Path m = dir.resolve("m" + i + ".json");
            Files.writeString(m, models[i][0]);
            Path out = dir.resolve("s" + i + ".csv");
            SparkerCliTest.Run r = sparker("score", "--model", m.toString(), "--input", data.toString(), "--out",
                    out.toString(), "-q");
            assertThat(r.code()).as(models[i][0]).isEqualTo(1);
            assertThat(r.err()).as(models[i][0]).contains(m.toString()).contains(models[i][1]);
            assertThat(out).doesNotExist();
        }
    }

    /** An output named for another format is refused: CSV text in a .npy would be misread by the next reader. */
    @Test
    void anOutputNamedForAnotherFormatIsRefused() throws IOException {
        Path data = data();
        Path m = dir.resolve("m.json");
        Files.writeString(m, "{\"sigma\": 1, \"centers\": [[0, 0]], \"amplitudes\": [1]}");
        Path npy = dir.resolve("scores.npy");
        SparkerCliTest.Run r = sparker("score", "--model", m.toString(), "--input", data.toString(), "--out",
                npy.toString(), "-q");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("sparker: --out " + npy + ": this command writes CSV (columns f, score, f_0 … "
                + "f_{M−1}); give a name ending in .csv\n");
        assertThat(npy).doesNotExist();
        Path ok = dir.resolve("scores.CSV");
        assertThat(sparker("score", "--model", m.toString(), "--input", data.toString(), "--out", ok.toString(), "-q")
                .code()).isZero();
        SparkerCliTest.Run bench = sparker("bench", "--shape", "10,2,1", "--out", dir.resolve("b.txt").toString(), "-q");
        assertThat(bench.code()).isEqualTo(1);
        assertThat(bench.err()).contains("give a name ending in .json");
    }

    @Test
    void aSecondRunIntoTheSameCalibrationIsRefusedWhileTheFirstHoldsIt() throws Exception {
        Path ref = reference();
        Path data = data();
        Path cal = dir.resolve("cal.jsonl");
        Path lock = dir.resolve("cal.jsonl.lock");
        try (var ch = java.nio.channels.FileChannel.open(lock, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE); var held = ch.lock()) {
            // a lock held by this JVM stands in for another process's
            SparkerCliTest.Run r = sparker(concat(new String[] {"run", "--reference", ref.toString(), "--data",
                data.toString(), "--calibration", cal.toString(), "--toys", "4", "--out", dir.resolve("o").toString()},
                FAST));
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).contains("another run is writing this calibration");
        }
    }

    @Test
    void aPValueOfOneIsWrittenAsJsonNumbersOnly() throws IOException {
        // data far below the reference's excess: the observed statistic sits below every toy
        Path ref = reference();
        Path data = csv(dir.resolve("same.csv"), "a,b", gaussian(new SplittableRandom(1), 30, 2, 0));
        SparkerCliTest.Run r = sparker(concat(new String[] {"run", "--reference", ref.toString(), "--data",
            data.toString(), "--toys", "4", "--out", dir.resolve("o").toString()}, FAST));
        assertThat(r.code()).as(r.err()).isZero();
        String text = Files.readString(dir.resolve("o/result.json"));
        assertThat(text).doesNotContain("Infinity").doesNotContain("NaN");
        JsonNode j = JSON.readTree(text);
        assertThat(r.out()).doesNotContain("Infinity").doesNotContain("NaN");
        if (j.get("z").isNull()) {
            assertThat(j.get("z_note").asText()).contains("−∞");
            assertThat(r.out()).contains("p-value = 1.000, Z = −∞");
        } else {
            assertThat(Double.isFinite(j.get("z").asDouble())).isTrue();
        }
    }

    /**
     * The real thing: a {@code sparker run} process with the default toy count killed (SIGKILL)
     * during calibration, then the same command again: it resumes, recomputes nothing already on
     * disk, and ends with exactly the file and p-value of an uninterrupted run.
     */
    @Test
    void aRunKilledDuringCalibrationResumesToTheSameResult() throws Exception {
        Path ref = npy(dir.resolve("big.npy"), "<f4", 1000, 2, flat(gaussian(new SplittableRandom(7), 1000, 2, 0)), false);
        Path data = data();
        String[] options = {"--steps", "300", "--checkpoints", "2", "--backend", "reference", "--seed", "3", "-q",
            "--threads", "2"};
        String[] killed = concat(new String[] {"run", "--reference", ref.toString(), "--data", data.toString(), "--out",
            dir.resolve("killed").toString()}, options);
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                HeldRun.class.getName(), "10"));
        command.addAll(List.of(killed));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile())
                .start();
        Path cal = dir.resolve("killed/calibration.jsonl");
        // the child holds its calibration once 10 toys are on disk (HeldRun): killed there, every time
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline && p.isAlive()
                && !(Files.exists(cal) && Files.lines(cal).filter(l -> l.endsWith("}")).count() >= 11)) {
            Thread.sleep(20);
        }
        assertThat(p.isAlive()).as("the child is held in its calibration, not finished or dead: "
                + Files.readString(dir.resolve("log.txt"))).isTrue();
        p.destroyForcibly().waitFor();
        int onDisk = (int) Files.lines(cal).filter(l -> l.endsWith("}")).count() - 1;
        assertThat(onDisk).isEqualTo(10); // a toy finished beside the held one waits for the file's lock

        SparkerCliTest.Run rerun = sparker(killed);
        assertThat(rerun.code()).as(rerun.err()).isZero();
        SparkerCliTest.Run whole = sparker(concat(new String[] {"run", "--reference", ref.toString(), "--data",
            data.toString(), "--out", dir.resolve("whole").toString()}, options));
        assertThat(whole.code()).as(whole.err()).isZero();
        JsonNode a = JSON.readTree(dir.resolve("killed/result.json").toFile());
        JsonNode b = JSON.readTree(dir.resolve("whole/result.json").toFile());
        assertThat(a.get("toys").asInt()).isEqualTo(100);
        assertThat(a.get("p_value")).isEqualTo(b.get("p_value"));
        assertThat(a.get("checkpoints")).isEqualTo(b.get("checkpoints"));
        assertThat(Files.readAllBytes(cal)).isEqualTo(Files.readAllBytes(dir.resolve("whole/calibration.jsonl")));
    }

    /** Out of memory: one line with the heap this JVM may use and how to raise it, no stack trace. */
    @Test
    void outOfMemoryIsOneLine() throws Exception {
        int rows = 2000;
        int cols = 4000; // 32 MB of float32, more than a 24 MiB heap holds
        Path big = npy(dir.resolve("big.npy"), "<f4", rows, cols, new double[rows * cols], false);
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx24m", "-cp", System.getProperty("java.class.path"), "org.sparker.cli.SparkerCli", "score",
                "--model", dir.resolve("m.json").toString(), "--input", big.toString(), "--out",
                dir.resolve("s.csv").toString()));
        Files.writeString(dir.resolve("m.json"), "{\"sigma\": 1, \"centers\": [[0]], \"amplitudes\": [1]}");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isEqualTo(1);
        List<String> lines = out.lines().filter(l -> l.startsWith("sparker:")).toList();
        assertThat(lines).singleElement().satisfies(l -> assertThat(l).contains("out of memory").contains("-Xmx"));
        assertThat(out).doesNotContain("\tat ").doesNotContain("Exception in thread");
    }

    /** Every line of a calibration file carries its checksum: an edited statistic or setting is named, not used. */
    @Test
    void anEditedCalibrationLineIsNamed() throws IOException {
        Path ref = reference();
        Path cal = dir.resolve("cal.jsonl");
        String[] make = concat(new String[] {"calibrate", "--reference", ref.toString(), "--data-size", "40", "--toys",
            "4", "--out", cal.toString()}, FAST);
        assertThat(sparker(make).code()).isZero();
        List<String> lines = Files.readAllLines(cal);
        assertThat(lines).allSatisfy(l -> assertThat(l).matches(".*,\"crc\":\"[0-9a-f]{8}\"}"));
        // a statistic of toy 2 changed by hand
        List<String> edited = new ArrayList<>(lines);
        edited.set(3, lines.get(3).replaceFirst("\"t\":\\[(-?)\\d", "\"t\":[$19"));
        assertThat(edited.get(3)).isNotEqualTo(lines.get(3));
        Files.write(cal, edited);
        byte[] before = Files.readAllBytes(cal);
        SparkerCliTest.Run again = sparker(make);
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains(cal + ": line 4 does not match its checksum");
        assertThat(Files.readAllBytes(cal)).isEqualTo(before);
        // removing the line instead: that toy is trained again, the file is the original
        edited.remove(3);
        Files.write(cal, edited);
        assertThat(sparker(make).code()).isZero();
        assertThat(Files.readAllLines(cal)).isEqualTo(lines);
    }

    /** Settings that cannot work fail before anything is left behind, naming the option. */
    @Test
    void impossibleSettingsLeaveNothing() throws IOException {
        Path ref = reference();
        Path data = data();
        Path out = dir.resolve("o");
        SparkerCliTest.Run none = sparker(concat(new String[] {"run", "--reference", ref.toString(), "--data",
            data.toString(), "--toys", "0", "--out", out.toString()}, FAST));
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).contains("--toys must be at least 2");
        SparkerCliTest.Run many = sparker(concat(new String[] {"run", "--reference", ref.toString(), "--data",
            data.toString(), "--toys", "3", "--kernels", "500", "--out", out.toString()}, FAST));
        assertThat(many.code()).isEqualTo(1);
        assertThat(many.err()).startsWith("sparker: --kernels: ");
        assertThat(out.resolve("calibration.jsonl")).doesNotExist();
        assertThat(out).as("the output folder this failed run created").doesNotExist();
        // more toys than the JVM can hold: refused up front with the memory they need
        SparkerCliTest.Run huge = sparker(concat(new String[] {"run", "--reference", ref.toString(), "--data",
            data.toString(), "--toys", "2000000000", "--out", out.toString()}, FAST));
        assertThat(huge.code()).isEqualTo(1);
        assertThat(huge.err()).startsWith("sparker: --toys 2000000000: the toys' statistics alone take about ")
                .contains("GiB this JVM may use");
        assertThat(out).doesNotExist();
        // a folder that was there before a failed run stays
        Files.createDirectories(out);
        assertThat(sparker(concat(new String[] {"run", "--reference", ref.toString(), "--data", data.toString(),
            "--toys", "3", "--kernels", "500", "--out", out.toString()}, FAST)).code()).isEqualTo(1);
        assertThat(out).isDirectory();
    }
}
