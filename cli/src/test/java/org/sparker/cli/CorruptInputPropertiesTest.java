package org.sparker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * Generated corrupt inputs (issue 15): .npy, .csv, model JSON and calibration JSON Lines,
 * truncated, extended, with wrong headers, dtypes, column counts, types, keys or non-finite
 * values. Every case must end with exit code 1 (or picocli's 2), one line naming the file,
 * no output file, and every input byte-identical afterwards.
 */
class CorruptInputPropertiesTest {

    private Path base;
    private Path dir;

    @BeforeProperty
    void makeFolder() throws IOException {
        base = Files.createTempDirectory("sparker-corrupt");
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

    /** The corruptions of a data file and a model file. */
    enum Corruption {
        NPY_CUT, NPY_EXTENDED, NPY_BAD_MAGIC, NPY_INT_DTYPE, NPY_NAN, NPY_HEADER_SHAPE,
        CSV_RAGGED, CSV_WORD, CSV_INF, CSV_EMPTY, CSV_UNCLOSED_QUOTE, CSV_SUFFIX, CSV_MIXED_FIRST_ROW, CSV_UTF16,
        NPZ_FLIP, NPZ_CUT,
        MODEL_DUPLICATE_KEY, MODEL_STRING_SIGMA, MODEL_BOOLEAN_AS_TEXT, MODEL_UNKNOWN_KEY, MODEL_TRAILING,
        MODEL_NAN_AMPLITUDE, MODEL_SHAPE_MISMATCH,
        CAL_NOT_CALIBRATION, CAL_BAD_LINE, CAL_DUPLICATE_TOY, CAL_NON_FINITE, CAL_WRONG_SEED, CAL_EDITED_STATISTIC
    }

    @Provide
    Arbitrary<Corruption> corruptions() {
        return Arbitraries.of(Corruption.class);
    }

    @Property(tries = 70, seed = "20261203")
    void corruptInputIsRefusedAndLeftAsItWas(@ForAll("corruptions") Corruption c, @ForAll long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        Path model = dir.resolve("model.json");
        Files.writeString(model, "{\"sigma\": 1.0, \"centers\": [[0.0, 0.0], [1.0, 1.0]], \"amplitudes\": [0.5, -0.2], "
                + "\"softmax\": true}");
        double[][] points = SparkerCliTest.gaussian(rng, 40, 2, 0);
        Path npy = SparkerCliTest.npy(dir.resolve("x.npy"), "<f8", 40, 2, SparkerCliTest.flat(points), false);
        Path csv = SparkerCliTest.csv(dir.resolve("x.csv"), "a,b", points);
        Path bad;
        String[] command;
        Path out = dir.resolve("out.csv");
        switch (c) {
            case NPY_CUT, NPY_EXTENDED, NPY_BAD_MAGIC, NPY_INT_DTYPE, NPY_NAN, NPY_HEADER_SHAPE -> {
                byte[] b = Files.readAllBytes(npy);
                int header = b.length - 40 * 2 * 8;
                bad = dir.resolve("bad.npy");
                switch (c) {
                    case NPY_CUT -> b = java.util.Arrays.copyOf(b, b.length - 1 - rng.nextInt(300));
                    case NPY_EXTENDED -> b = java.util.Arrays.copyOf(b, b.length + 1 + rng.nextInt(64));
                    case NPY_BAD_MAGIC -> b[1 + rng.nextInt(5)] ^= 0x20;
                    case NPY_INT_DTYPE -> replace(b, "<f8", "<i8");
                    case NPY_NAN -> {
                        long nan = Double.doubleToRawLongBits(Double.NaN);
                        int at = header + 8 * rng.nextInt(80);
                        for (int k = 0; k < 8; k++) {
                            b[at + k] = (byte) (nan >>> (8 * k));
                        }
                    }
                    default -> replace(b, "(40, 2)", "(41, 2)");
                }
                Files.write(bad, b);
                command = new String[] {"score", "--model", model.toString(), "--input", bad.toString(), "--out",
                    out.toString(), "-q"};
            }
            case NPZ_FLIP, NPZ_CUT -> {
                byte[] member = Files.readAllBytes(npy);
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(member);
                java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
                try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(zipped)) {
                    java.util.zip.ZipEntry e = new java.util.zip.ZipEntry("x.npy");
                    e.setMethod(java.util.zip.ZipEntry.STORED);
                    e.setSize(member.length);
                    e.setCrc(crc.getValue());
                    zip.putNextEntry(e);
                    zip.write(member);
                    zip.closeEntry();
                }
                byte[] b = zipped.toByteArray();
                if (c == Corruption.NPZ_FLIP) {
                    int payload = 30 + "x.npy".length() + member.length - 8 * (1 + rng.nextInt(70)); // inside the floats
                    b[payload] ^= (byte) (1 << rng.nextInt(8));
                } else {
                    b = java.util.Arrays.copyOf(b, 40 + rng.nextInt(b.length - 60));
                }
                bad = dir.resolve("bad.npz");
                Files.write(bad, b);
                command = new String[] {"score", "--model", model.toString(), "--input", bad.toString(), "--out",
                    out.toString(), "-q"};
            }
            case CSV_RAGGED, CSV_WORD, CSV_INF, CSV_EMPTY, CSV_UNCLOSED_QUOTE, CSV_SUFFIX, CSV_MIXED_FIRST_ROW,
                CSV_UTF16 -> {
                java.util.List<String> lines = new java.util.ArrayList<>(Files.readAllLines(csv));
                int row = 1 + rng.nextInt(lines.size() - 1);
                switch (c) {
                    case CSV_RAGGED -> lines.set(row, lines.get(row) + ",7");
                    case CSV_WORD -> lines.set(row, "abc," + lines.get(row).split(",")[1]);
                    case CSV_INF -> lines.set(row, "Infinity,1");
                    case CSV_EMPTY -> lines = new java.util.ArrayList<>(java.util.List.of("a,b"));
                    case CSV_SUFFIX -> lines.set(row, lines.get(row).split(",")[0] + ",2.5" + "fdx".charAt(rng.nextInt(3)));
                    case CSV_MIXED_FIRST_ROW -> lines.set(0, "1 000.5,2"); // a malformed first data row, not a header
                    default -> lines.set(row, "\"1.5,2");
                }
                bad = dir.resolve("bad.csv");
                Files.write(bad, lines, c == Corruption.CSV_UTF16 ? StandardCharsets.UTF_16 : StandardCharsets.UTF_8);
                command = new String[] {"score", "--model", model.toString(), "--input", bad.toString(), "--out",
                    out.toString(), "-q"};
            }
            case CAL_NOT_CALIBRATION, CAL_BAD_LINE, CAL_DUPLICATE_TOY, CAL_NON_FINITE, CAL_WRONG_SEED -> {
                Path ref = SparkerCliTest.npy(dir.resolve("r.npy"), "<f4", 120, 2,
                        SparkerCliTest.flat(SparkerCliTest.gaussian(rng, 120, 2, 0)), false);
                bad = dir.resolve("cal.jsonl");
                command = new String[] {"run", "--reference", ref.toString(), "--data", csv.toString(), "--calibration",
                    bad.toString(), "--toys", "3", "--steps", "10", "--checkpoints", "2", "--backend", "reference", "-q",
                    "--out", dir.resolve("o").toString()};
                SparkerCliTest.Run setup = SparkerCliTest.sparker(command);
                assertThat(setup.code()).as(setup.err()).isZero();
                out = dir.resolve("o2");
                command[command.length - 1] = out.toString();
                java.util.List<String> lines = new java.util.ArrayList<>(Files.readAllLines(bad));
                switch (c) {
                    case CAL_NOT_CALIBRATION -> lines.set(0, "{\"format\": \"something-else\"}");
                    case CAL_BAD_LINE -> lines.set(2, lines.get(2).substring(0, lines.get(2).length() / 2) + "}");
                    case CAL_DUPLICATE_TOY -> lines.add(lines.get(1));
                    case CAL_NON_FINITE -> lines.set(2, lines.get(2).replaceFirst("\"t\":\\[[^,\\]]+", "\"t\":[1e999"));
                    case CAL_EDITED_STATISTIC -> lines.set(2, lines.get(2).replaceFirst("\"t\":\\[(-?)(\\d)",
                            "\"t\":[$1" + (1 + rng.nextInt(8)) + "$2"));
                    default -> lines.set(3, lines.get(3).replaceFirst("\"seed\":-?\\d+", "\"seed\":" + rng.nextInt()));
                }
                Files.write(bad, lines);
            }
            default -> {
                String text = switch (c) {
                    case MODEL_DUPLICATE_KEY -> "{\"sigma\": 1, \"sigma\": 2, \"centers\": [[0, 0]], \"amplitudes\": [1]}";
                    case MODEL_STRING_SIGMA -> "{\"sigma\": \"1\", \"centers\": [[0, 0]], \"amplitudes\": [1]}";
                    case MODEL_BOOLEAN_AS_TEXT -> "{\"sigma\": 1, \"centers\": [[0, 0]], \"amplitudes\": [1], \"softmax\": \"no\"}";
                    case MODEL_UNKNOWN_KEY -> "{\"sigma\": 1, \"centers\": [[0, 0]], \"amplitudes\": [1], \"width\": 3}";
                    case MODEL_TRAILING -> "{\"sigma\": 1, \"centers\": [[0, 0]], \"amplitudes\": [1]}}";
                    case MODEL_NAN_AMPLITUDE -> "{\"sigma\": 1, \"centers\": [[0, 0]], \"amplitudes\": [NaN]}";
                    default -> "{\"sigma\": 1, \"centers\": [[0, 0], [1]], \"amplitudes\": [1, 2]}";
                };
                bad = dir.resolve("bad-model.json");
                Files.writeString(bad, text, StandardCharsets.UTF_8);
                command = new String[] {"score", "--model", bad.toString(), "--input", csv.toString(), "--out",
                    out.toString(), "-q"};
            }
        }
        byte[] before = Files.readAllBytes(bad);
        SparkerCliTest.Run r = SparkerCliTest.sparker(command);
        assertThat(r.code()).as("%s: %s", c, r.err()).isIn(1, 2);
        assertThat(r.err()).as("%s", c).contains(bad.getFileName().toString()).doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(r.err().strip().lines().count()).as("one line: %s", r.err()).isEqualTo(1);
        assertThat(Files.readAllBytes(bad)).as("%s left as it was", c).isEqualTo(before);
        assertThat(out.resolve("result.json")).doesNotExist();
        assertThat(Files.exists(out) && !Files.isDirectory(out)).as("no output file for %s", c).isFalse();
    }

    /**
     * One flipped bit anywhere in an HDF5 file whose dataset has Fletcher-32 chunk checksums: the
     * dataset is read as it was written, or refused in one line naming the file. The one damage a
     * checksum cannot see is a chunk address moved onto bytes that are all zero (a chunk of zeros
     * has checksum zero): those rows read as zeros, and nothing else may differ.
     */
    @Property(tries = 200, seed = "20261204")
    void aFlippedBitInAnHdf5FileIsReadAsWrittenOrRefused(@ForAll("offsets") int at, @ForAll("bits") int bit)
            throws IOException {
        byte[] file;
        try (var in = getClass().getResourceAsStream("/inputs/checksummed.h5")) {
            file = in.readAllBytes();
        }
        Path model = dir.resolve("model.json");
        Files.writeString(model, "{\"sigma\": 1.0, \"centers\": [[0.0, 0.0, 0.0]], \"amplitudes\": [0.5], "
                + "\"softmax\": true}");
        Path good = dir.resolve("good.h5");
        Files.write(good, file);
        Path zero = SparkerCliTest.csv(dir.resolve("zero.csv"), "a,b,c", new double[][] {{0, 0, 0}});
        for (Path p : new Path[] {good, zero}) {
            assertThat(SparkerCliTest.sparker("score", "--model", model.toString(), "--input",
                    p + (p == good ? ":/good" : ""), "--out", p + ".csv", "-q").code()).isZero();
        }
        List<String> expected = Files.readAllLines(Path.of(good + ".csv"));
        String zeroRow = Files.readAllLines(Path.of(zero + ".csv")).get(1);

        byte[] damaged = file.clone();
        int offset = at % damaged.length;
        damaged[offset] ^= (byte) (1 << bit);
        Path bad = dir.resolve("bad.h5");
        Files.write(bad, damaged);
        Path out = dir.resolve("out.csv");
        SparkerCliTest.Run r = SparkerCliTest.sparker("score", "--model", model.toString(), "--input", bad + ":/good",
                "--out", out.toString(), "-q");
        assertThat(r.code()).as("byte %d bit %d: %s", offset, bit, r.err()).isIn(0, 1);
        if (r.code() == 1) {
            assertThat(r.err()).as("byte %d bit %d", offset, bit).contains("bad.h5").doesNotContain("Exception")
                    .doesNotContain("\tat ");
            assertThat(r.err().strip().lines().count()).as("one line: %s", r.err()).isEqualTo(1);
            assertThat(out).doesNotExist();
        } else {
            List<String> read = Files.readAllLines(out);
            assertThat(read).hasSameSizeAs(expected);
            for (int i = 0; i < read.size(); i++) {
                if (!read.get(i).equals(expected.get(i))) {
                    assertThat(read.get(i)).as("byte %d bit %d, line %d: only a chunk of zeros goes unseen", offset,
                            bit, i).isEqualTo(zeroRow);
                }
            }
        }
    }

    /** The damages of one shard file before {@code calibrate merge}. */
    enum ShardDamage {
        FLIPPED_BYTE, CUT, TOY_LINE_DROPPED, TOY_LINE_TWICE, TOY_OF_ANOTHER_SHARD, HEADER_SHARD_EDITED, EMPTY
    }

    private Path[] shards;
    private Path whole;

    /** Three shards of a small calibration and the single-machine file they merge into, made once. */
    private void makeShards() throws IOException {
        if (shards != null) {
            return;
        }
        Path r = SparkerCliTest.csv(base.resolve("r.csv"), "a", SparkerCliTest.gaussian(new SplittableRandom(3), 200, 1, 0));
        String[] common = {"--reference", r.toString(), "--data-size", "20", "--toys", "6", "--steps", "30",
            "--checkpoints", "2", "--backend", "reference", "--seed", "5", "-q"};
        whole = base.resolve("whole.jsonl");
        assertThat(SparkerCliTest.sparker(SparkerCliTest.concat(new String[] {"calibrate", "--out", whole.toString()},
                common)).code()).isZero();
        shards = new Path[3];
        for (int i = 0; i < 3; i++) {
            shards[i] = base.resolve("shard" + i + ".jsonl");
            assertThat(SparkerCliTest.sparker(SparkerCliTest.concat(new String[] {"calibrate", "--out",
                shards[i].toString(), "--shard", i + "/3"}, common)).code()).isZero();
        }
    }

    /**
     * One shard damaged in one way: {@code calibrate merge} refuses in one line naming that
     * shard's file, writes nothing, and leaves every shard as it was; the undamaged shards merge
     * into the single-machine file byte for byte.
     */
    @Property(tries = 40, seed = "20261204")
    void aDamagedShardIsNamedByMerge(@ForAll ShardDamage damage, @ForAll("shardIndex") int which, @ForAll long seed)
            throws IOException {
        makeShards();
        SplittableRandom rng = new SplittableRandom(seed);
        Path[] copies = new Path[3];
        for (int i = 0; i < 3; i++) {
            copies[i] = dir.resolve("part" + i + ".jsonl");
            Files.copy(shards[i], copies[i]);
        }
        Path out = dir.resolve("merged.jsonl");
        SparkerCliTest.Run clean = SparkerCliTest.sparker("calibrate", "merge", copies[0].toString(), copies[1].toString(),
                copies[2].toString(), "--out", out.toString());
        assertThat(clean.code()).as(clean.err()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(whole));
        Files.delete(out);

        Path bad = copies[which];
        byte[] bytes = Files.readAllBytes(bad);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(bad));
        switch (damage) {
            case FLIPPED_BYTE -> {
                bytes[rng.nextInt(bytes.length - 1)] ^= (byte) (1 << rng.nextInt(7)); // the final newline kept
                Files.write(bad, bytes);
            }
            case CUT -> Files.write(bad, java.util.Arrays.copyOf(bytes, 1 + rng.nextInt(bytes.length - 2)));
            case TOY_LINE_DROPPED -> {
                lines.remove(1 + rng.nextInt(lines.size() - 1));
                Files.write(bad, lines);
            }
            case TOY_LINE_TWICE -> {
                lines.add(lines.get(1 + rng.nextInt(lines.size() - 1)));
                Files.write(bad, lines);
            }
            case TOY_OF_ANOTHER_SHARD -> {
                List<String> other = Files.readAllLines(shards[(which + 1) % 3]);
                lines.set(1 + rng.nextInt(lines.size() - 1), other.get(1 + rng.nextInt(other.size() - 1)));
                Files.write(bad, lines);
            }
            case HEADER_SHARD_EDITED -> {
                lines.set(0, lines.get(0).replace("\"shard\":\"" + which + "/3\"", "\"shard\":\"" + (which + 1) % 3 + "/3\""));
                Files.write(bad, lines);
            }
            default -> Files.write(bad, new byte[0]);
        }
        byte[] before = Files.readAllBytes(bad);
        SparkerCliTest.Run r = SparkerCliTest.sparker("calibrate", "merge", copies[0].toString(), copies[1].toString(),
                copies[2].toString(), "--out", out.toString());
        assertThat(r.code()).as("%s of shard %d: %s", damage, which, r.err()).isEqualTo(1);
        assertThat(r.err()).as("%s of shard %d", damage, which).contains(bad.getFileName().toString())
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.err().strip().lines().count()).as("one line: %s", r.err()).isEqualTo(1);
        assertThat(out).doesNotExist();
        assertThat(Files.readAllBytes(bad)).isEqualTo(before);
    }

    @Provide
    Arbitrary<Integer> shardIndex() {
        return Arbitraries.integers().between(0, 2);
    }

    @Provide
    Arbitrary<Integer> offsets() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE);
    }

    @Provide
    Arbitrary<Integer> bits() {
        return Arbitraries.integers().between(0, 7);
    }

    private static void replace(byte[] b, String from, String to) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int at = s.indexOf(from);
        byte[] t = to.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(t, 0, b, at, t.length);
    }
}
