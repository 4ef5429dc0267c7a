package org.sparker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * Every command that writes, pointed at a path that holds something sparker did not write there:
 * a user's file of any content (JSON with the keys sparker's own files have among them), a link
 * to one of the command's inputs, or a folder with a user's file named like one of the outputs.
 * The command refuses in one line naming the path, and every byte that was there is still there.
 */
class OutputPathPropertiesTest {

    private Path base;
    private Path dir;

    @BeforeProperty
    void makeFolder() throws IOException {
        base = Files.createTempDirectory("sparker-outputs");
    }

    @BeforeTry
    void freshFolderPerTry() throws IOException {
        dir = Files.createTempDirectory(base, "try");
    }

    @AfterProperty
    void removeFolder() throws IOException {
        try (var files = Files.walk(base)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The writing commands, each with what it writes: one file or a folder of named files. */
    enum Command {
        EVAL(false, "e.json"), CALIBRATE(false, "c.jsonl"), SCORE(false, "s.csv"), RADOT(false, "t.npy"),
        RUN(true, "result.json", "model.json", "report.html", "calibration.jsonl"),
        TOY(true, "result.json", "model.json", "report.html", "calibration.jsonl"),
        MEDOIDS(true, "medoids.json", "scores.csv");

        final boolean folder;
        final String[] names;

        Command(boolean folder, String... names) {
            this.folder = folder;
            this.names = names;
        }
    }

    /** What the output path holds before the command runs. */
    enum Occupant {
        RANDOM_BYTES, USER_JSON_WITH_OUR_KEYS, JSON_OF_ANOTHER_KIND, LINK_TO_AN_INPUT
    }

    @Property(tries = 60, seed = "20261204")
    void nothingADifferentWriterLeftIsWrittenOver(@ForAll Command command, @ForAll Occupant occupant, @ForAll long seed)
            throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        Path ref = SparkerCliTest.npy(dir.resolve("r.npy"), "<f8", 120, 2,
                SparkerCliTest.flat(SparkerCliTest.gaussian(rng, 120, 2, 0)), false);
        Path data = SparkerCliTest.npy(dir.resolve("d.npy"), "<f8", 20, 2,
                SparkerCliTest.flat(SparkerCliTest.gaussian(rng, 20, 2, 0)), false);
        Path model = dir.resolve("m.json");
        Files.writeString(model, "{\"sigma\": 1.0, \"centers\": [[0.0, 0.0]], \"amplitudes\": [0.5]}");
        double[] pixels = new double[12 * 16];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = rng.nextInt(3) == 0 ? rng.nextDouble() : 0;
        }
        Path images = SparkerCliTest.npy(dir.resolve("img.npy"), "<f8", 12, 16, pixels, false);
        double[] events = new double[3 * 600];
        for (int i = 0; i < 600; i++) {
            events[3 * i] = 3 * rng.nextDouble();
            events[3 * i + 1] = events[3 * i] + 0.1 * rng.nextGaussian();
            events[3 * i + 2] = rng.nextGaussian();
        }
        Path ev = SparkerCliTest.npy(dir.resolve("ev.npy"), "<f8", 600, 3, events, false);

        Path out = dir.resolve(command.folder ? "out" : command.names[0]);
        Path occupied = command.folder ? out.resolve(command.names[rng.nextInt(command.names.length)]) : out;
        Files.createDirectories(occupied.getParent());
        List<Path> inputs = List.of(ref, data, model, images, ev);
        switch (occupant) {
            case RANDOM_BYTES -> {
                byte[] b = new byte[1 + rng.nextInt(300)];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) rng.nextInt(256);
                }
                Files.write(occupied, b);
            }
            case USER_JSON_WITH_OUR_KEYS -> Files.writeString(occupied, "{\"loss\": \"NP\", \"sigma\": 2, \"p_value\": 0.5, "
                    + "\"host\": \"mine\", \"my_notes\": " + rng.nextInt() + "}", StandardCharsets.UTF_8);
            case JSON_OF_ANOTHER_KIND -> {
                String[] kinds = {"sparker-result", "sparker-model", "sparker-eval", "sparker-bench", "sparker-medoids",
                    "sparker-study"};
                String kind = kinds[rng.nextInt(kinds.length)];
                // of the right kind for this very file it would be ours: make it another
                String own = occupied.getFileName().toString();
                if (own.equals("e.json") && kind.equals("sparker-eval") || own.equals("result.json")
                        && kind.equals("sparker-result") || own.equals("model.json") && kind.equals("sparker-model")
                        || own.equals("medoids.json") && kind.equals("sparker-medoids")) {
                    kind = "sparker-study";
                }
                Files.writeString(occupied, "{\"format\": \"" + kind + "\", \"version\": 1}");
            }
            default -> Files.createSymbolicLink(occupied, inputs.get(rng.nextInt(inputs.size())));
        }
        Path target = Files.isSymbolicLink(occupied) ? occupied.toRealPath() : occupied;
        byte[] before = Files.readAllBytes(target);

        List<String> args = new ArrayList<>();
        switch (command) {
            case EVAL -> args.addAll(List.of("eval", "--model", model.toString(), "--reference", ref.toString(), "--data",
                    data.toString()));
            case CALIBRATE -> args.addAll(List.of("calibrate", "--reference", ref.toString(), "--data-size", "20",
                    "--toys", "2", "--steps", "20", "--checkpoints", "2"));
            case SCORE -> args.addAll(List.of("score", "--model", model.toString(), "--input", data.toString()));
            case RADOT -> args.addAll(List.of("radot", "--events", ev.toString(), "--sr", "1:2", "--sb1", "0:1", "--sb2",
                    "2:3", "--batch", "100", "--batches", "2"));
            case RUN -> args.addAll(List.of("run", "--reference", ref.toString(), "--data", data.toString(), "--toys",
                    "2", "--steps", "20", "--checkpoints", "2"));
            case TOY -> args.addAll(List.of("toy", "exp1d-tail", "--toys", "2", "--steps", "20", "--checkpoints", "2"));
            default -> args.addAll(List.of("medoids", "--reference", images.toString(), "--data", images.toString(),
                    "--grid", "4x4:1", "--k", "2"));
        }
        args.addAll(List.of("--out", out.toString(), "-q"));
        SparkerCliTest.Run r = SparkerCliTest.sparker(args.toArray(String[]::new));
        String what = command + " onto " + occupant + " at " + dir.relativize(occupied);
        assertThat(r.code()).as("%s: %s", what, r.err()).isEqualTo(1);
        assertThat(r.err()).as(what).containsAnyOf(occupied.getFileName().toString(), out.toString())
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.err().strip().lines().count()).as("one line: %s", r.err()).isEqualTo(1);
        assertThat(Files.readAllBytes(target)).as("%s: unchanged", what).isEqualTo(before);
        if (Files.isSymbolicLink(occupied)) {
            assertThat(occupied.toRealPath()).as(what).isEqualTo(target);
        }
        // the same command to a new path works: the refusal was the occupant's doing
        Path fresh = dir.resolve("fresh").resolve(out.getFileName());
        args.set(args.size() - 2, fresh.toString());
        SparkerCliTest.Run ok = SparkerCliTest.sparker(args.toArray(String[]::new));
        assertThat(ok.code()).as("%s to a new path: %s", command, ok.err()).isZero();
    }
}
