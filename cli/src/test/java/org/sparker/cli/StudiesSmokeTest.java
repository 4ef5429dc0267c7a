package org.sparker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sparker toy STUDY} looks the study up in the reproduction module's registry and runs it
 * with the command's options (the studies' own numbers are tested in {@code reproduction}).
 */
class StudiesSmokeTest {

    @TempDir
    Path dir;

    @Test
    void aStudyRunsFromTheCommandLine() throws Exception {
        var r = SparkerCliTest.sparker("toy", "fig5", "--quick", "-q", "--backend", "reference", "--seed", "3", "--out",
                dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("fig5.json");
        JsonNode j = new ObjectMapper().readTree(dir.resolve("fig5.json").toFile());
        assertThat(j.get("backend").asText()).isEqualTo("reference");
        assertThat(j.get("seed").asLong()).isEqualTo(3);
        assertThat(j.get("runs")).hasSize(5);
        var list = SparkerCliTest.sparker("toy", "--list");
        for (var study : org.sparker.reproduction.Studies.ALL) {
            assertThat(list.out()).contains(study.name());
        }
    }

    @Test
    void powerTableComparesTheThreeMethods() throws Exception {
        String study = "table1";
        var r = SparkerCliTest.sparker("toy", study, "--quick", "-q", "--backend", "reference", "--methods",
                "sparker,kernel-np,mmd-fuse", "--out", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(dir.resolve(study + ".json").toFile());
        assertThat(j.get("rows")).hasSize(12);
        java.util.Set<String> methods = new java.util.HashSet<>();
        for (JsonNode row : j.get("rows")) {
            methods.add(row.get("method").asText());
            assertThat(row.get("signal_toys").asInt()).isEqualTo(4);
            assertThat(row.get("null_toys").asInt()).isEqualTo(row.get("method").asText().equals("mmd-fuse") ? 0 : 6);
        }
        assertThat(methods).containsExactlyInAnyOrder("sparker", "kernel-np", "mmd-fuse");
        assertThat(j.get("paired_comparisons")).hasSize(12); // three pairs of methods per signal
        // every variant of Table I shares one null: one kernel-np calibration file
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().matches(study + "-null-.*-kernel-np\\.jsonl")).count())
                    .isEqualTo(1);
        }
    }

    @Test
    void badStudyOptionsAreOneLine() {
        var bad = SparkerCliTest.sparker("toy", "fig5", "--quick", "-q", "--methods", "kernel-np", "--out",
                dir.resolve("x").toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("--methods");
        var unknown = SparkerCliTest.sparker("toy", "table1", "--quick", "-q", "--methods", "falkon", "--out",
                dir.resolve("y").toString());
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("--methods:").contains("falkon").contains("kernel-np");
        assertThat(unknown.err().strip().lines().count()).isEqualTo(1);
        var toys = SparkerCliTest.sparker("toy", "table1", "--quick", "-q", "--null-toys", "1", "--out",
                dir.resolve("z").toString());
        assertThat(toys.code()).isEqualTo(1);
        assertThat(toys.err()).contains("--null-toys");
    }
}
