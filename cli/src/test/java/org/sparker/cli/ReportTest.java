package org.sparker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sparker.cli.SparkerCliTest.concat;
import static org.sparker.cli.SparkerCliTest.flat;
import static org.sparker.cli.SparkerCliTest.gaussian;
import static org.sparker.cli.SparkerCliTest.npy;
import static org.sparker.cli.SparkerCliTest.sparker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html, parsed: its sections in order, the headline it states, and the rows in the file's units. */
class ReportTest {

    @TempDir
    Path dir;

    @Test
    void theReportExplainsItself() throws Exception {
        SplittableRandom rnd = new SplittableRandom(11);
        int d = 3;
        // columns in three different units: the rows must come back in them
        double[] ref = flat(gaussian(rnd, 400, d, 0));
        double[] data = flat(gaussian(rnd, 60, d, 0.5));
        for (double[] v : new double[][] {ref, data}) {
            for (int i = 0; i < v.length; i += d) {
                v[i] = 1000 + 100 * v[i];
                v[i + 2] = 0.01 * v[i + 2];
            }
        }
        Path r = npy(dir.resolve("r.npy"), "<f8", 400, d, ref, false);
        Path x = npy(dir.resolve("x.npy"), "<f8", 60, d, data, false);
        Path out = dir.resolve("out");
        SparkerCliTest.Run run = sparker(concat(new String[] {"run", "--reference", r.toString(), "--data", x.toString(),
            "--toys", "5", "--out", out.toString(), "-q"}, new String[] {"--steps", "40", "--checkpoints", "3",
            "--backend", "reference", "--seed", "2"}));
        assertThat(run.code()).as(run.err()).isZero();
        String html = Files.readString(out.resolve("report.html"));
        List<String> sections = Pattern.compile("<h2>([^<(]*)").matcher(html).results()
                .map(m -> m.group(1).trim()).toList();
        assertThat(sections).containsExactly("Test statistic at each checkpoint", "The combined statistic",
                "The kernels at checkpoint " + sections.get(2).substring("The kernels at checkpoint ".length()),
                "Anomaly score", "Components of the most anomalous points", "The most anomalous data points",
                "The kernels over the data", "Projection on the two most active components");
        JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        // the headline, stated once, as result.json states it
        assertThat(html).contains(String.format("p-value <b>%s %.4g</b>", result.get("upper_limit").asBoolean() ? "≤"
                : "=", result.get("p_value").asDouble()));
        assertThat(html).contains("The p-value is " + result.get("p_value_is").asText());
        assertThat(html).doesNotContain("Eq. ").doesNotContain("docs/").doesNotContain("t under H0");
        // the most anomalous rows: every column, in the file's units (column 0 near 1000, column 2 near 0)
        Matcher row = Pattern.compile("<tr><td>(\\d+)</td><td>[^<]*</td><td>[^<]*</td><td>([^<]*)</td><td>([^<]*)</td>"
                + "<td>([^<]*)</td></tr>").matcher(html);
        assertThat(row.find()).isTrue();
        int i = Integer.parseInt(row.group(1));
        assertThat(Double.parseDouble(row.group(2))).isCloseTo(data[i * d], org.assertj.core.data.Offset.offset(0.01));
        assertThat(Double.parseDouble(row.group(4))).isCloseTo(data[i * d + 2], org.assertj.core.data.Offset.offset(1e-5));
        // duplicate kernels are reported either way
        assertThat(result.get("duplicate_kernels").isArray()).isTrue();
        if (!result.get("duplicate_kernels").isEmpty()) {
            assertThat(html).contains("ended on one centre");
        }
    }

    /** A CSV with a header: the most anomalous rows are labelled with its column names. */
    @Test
    void theRowsOfACsvAreLabelledWithItsHeader() throws Exception {
        SplittableRandom rnd = new SplittableRandom(12);
        Path r = SparkerCliTest.csv(dir.resolve("r.csv"), "mass,p_T,\"η<1\"", gaussian(rnd, 300, 3, 0));
        Path x = SparkerCliTest.csv(dir.resolve("x.csv"), "mass,p_T,\"η<1\"", gaussian(rnd, 40, 3, 0.5));
        Path out = dir.resolve("named");
        SparkerCliTest.Run run = sparker(concat(new String[] {"run", "--reference", r.toString(), "--data", x.toString(),
            "--toys", "3", "--out", out.toString(), "-q"}, new String[] {"--steps", "20", "--checkpoints", "2",
            "--backend", "reference"}));
        assertThat(run.code()).as(run.err()).isZero();
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("<th>f(x)</th><th>mass</th><th>p_T</th><th>η&lt;1</th></tr>")
                .contains("columns named as in its header");
    }
}
