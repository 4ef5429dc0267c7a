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
    @ValueSource(strings = {"table1", "table2", "table4", "table5", "fig4", "fig5", "fig6", "fig7", "fig14"})
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
}
