package org.sparker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Every reproduction study runs in its quick form and writes its JSON and plots. */
class StudiesSmokeTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"table1", "table2", "table4", "table5", "fig4", "fig5", "fig6", "fig7", "fig14", "kernel-np-reference"})
    void quickStudyWritesResultsAndPlots(String study) throws Exception {
        var r = SparkerCliTest.sparker("toy", study, "--quick", "-q", "--backend", "reference", "--out", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(dir.resolve(study + ".json").toFile());
        assertThat(j.get("study").asText()).isEqualTo(study);
        assertThat(j.get("quick").asBoolean()).isTrue();
        assertThat(j.get("plots").size()).isPositive();
        for (JsonNode plot : j.get("plots")) {
            assertThat(Files.size(dir.resolve(plot.asText()))).isGreaterThan(1000);
        }
        if (study.equals("table4") || study.equals("table5")) {
            // the variants share their signal toys: compared toy by toy
            assertThat(j.get("paired_comparisons")).hasSize(study.equals("table4") ? 3 : 1);
            for (JsonNode c : j.get("paired_comparisons")) {
                assertThat(c.get("both").asInt() + c.get("only_first").asInt() + c.get("only_second").asInt()
                        + c.get("neither").asInt()).isEqualTo(4);
                assertThat(c.get("mcnemar_p_value").asDouble()).isBetween(0.0, 1.0);
            }
        }
        if (study.startsWith("table")) {
            for (JsonNode row : j.get("rows")) {
                double power = row.get("power").asDouble();
                assertThat(power).isBetween(0.0, 1.0);
                assertThat(row.get("ci68_low").asDouble()).isLessThanOrEqualTo(power);
                assertThat(row.get("ci68_high").asDouble()).isGreaterThanOrEqualTo(power);
                assertThat(row.get("signal_toys").asInt()).isEqualTo(4);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"table1", "table2"})
    void powerTablesCompareTheThreeMethods(String study) throws Exception {
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
        // every variant of Table I/II shares one null: one kernel-np calibration file
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().matches(study + "-null-.*-kernel-np\\.jsonl")).count())
                    .isEqualTo(1);
        }
        var bad = SparkerCliTest.sparker("toy", "fig5", "--quick", "-q", "--methods", "kernel-np", "--out",
                dir.resolve("x").toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("--methods");
    }
}
