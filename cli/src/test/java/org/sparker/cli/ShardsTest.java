package org.sparker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sparker.cli.SparkerCliTest.csv;
import static org.sparker.cli.SparkerCliTest.gaussian;
import static org.sparker.cli.SparkerCliTest.sparker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** calibrate --shard i/n and calibrate merge: the merged file is the single-machine file, byte for byte. */
class ShardsTest {

    @TempDir
    Path dir;

    private String[] common(Path r, String... more) {
        String[] base = {"--reference", r.toString(), "--data-size", "30", "--toys", "7", "--steps", "40", "--checkpoints",
            "2", "--backend", "reference", "--seed", "9", "-q"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void shardsMergeIntoTheSingleMachineFile() throws IOException {
        Path r = csv(dir.resolve("r.csv"), "a", gaussian(new SplittableRandom(3), 300, 1, 0));
        Path whole = dir.resolve("whole.jsonl");
        var one = sparker(SparkerCliTest.concat(new String[] {"calibrate", "--out", whole.toString()}, common(r)));
        assertThat(one.code()).as(one.err()).isZero();
        Path[] shards = new Path[3];
        for (int i = 0; i < 3; i++) {
            shards[i] = dir.resolve("shard" + i + ".jsonl");
            var s = sparker(SparkerCliTest.concat(new String[] {"calibrate", "--out", shards[i].toString(), "--shard",
                i + "/3"}, common(r)));
            assertThat(s.code()).as(s.err()).isZero();
        }
        assertThat(Files.readAllLines(shards[0])).hasSize(1 + 3); // toys 0, 3, 6
        Path merged = dir.resolve("merged.jsonl");
        var m = sparker("calibrate", "merge", shards[2].toString(), shards[0].toString(), shards[1].toString(), "--out",
                merged.toString());
        assertThat(m.code()).as(m.err()).isZero();
        assertThat(m.out()).contains("7 toys from 3 shards");
        assertThat(Files.readAllBytes(merged)).isEqualTo(Files.readAllBytes(whole));

        // a missing shard, a shard twice, a shard of other settings, and a shard used as a calibration
        var missing = sparker("calibrate", "merge", shards[0].toString(), shards[1].toString(), "--out",
                dir.resolve("m2.jsonl").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("shard 2/3 is missing");
        var twice = sparker("calibrate", "merge", shards[0].toString(), shards[0].toString(), shards[1].toString(),
                "--out", dir.resolve("m3.jsonl").toString());
        assertThat(twice.err()).contains("shard 0/3 is also");
        Path other = dir.resolve("other.jsonl");
        String[] otherArgs = common(r);
        otherArgs[otherArgs.length - 2] = "10"; // another seed
        var o = sparker(SparkerCliTest.concat(new String[] {"calibrate", "--out", other.toString(), "--shard", "2/3"},
                otherArgs));
        assertThat(o.code()).as(o.err()).isZero();
        var mixed = sparker("calibrate", "merge", shards[0].toString(), shards[1].toString(), other.toString(), "--out",
                dir.resolve("m4.jsonl").toString());
        assertThat(mixed.err()).contains("made with other settings");
        assertThat(Files.exists(dir.resolve("m2.jsonl"))).isFalse();
        assertThat(Files.exists(dir.resolve("m4.jsonl"))).isFalse();
        Path d = csv(dir.resolve("d.csv"), "a", gaussian(new SplittableRandom(4), 30, 1, 0));
        var asCalibration = sparker("run", "--reference", r.toString(), "--data", d.toString(), "--calibration",
                shards[0].toString(), "--out", dir.resolve("run").toString(), "--steps", "40", "--checkpoints", "2",
                "--backend", "reference", "--seed", "9", "-q");
        assertThat(asCalibration.code()).isEqualTo(1);
        assertThat(asCalibration.err()).contains("is shard 0/3 of a calibration; merge the shards first");
    }
}
