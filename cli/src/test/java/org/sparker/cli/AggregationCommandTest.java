package org.sparker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sparker.cli.SparkerCliTest.csv;
import static org.sparker.cli.SparkerCliTest.gaussian;
import static org.sparker.cli.SparkerCliTest.sparker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparker.app.Sparker;
import org.sparker.app.io.DataFiles;
import org.sparker.engine.train.TrainerConfig;
import org.sparker.app.Workflows;
import org.sparker.stats.Aggregation;

/**
 * {@code --aggregation} for SparKer: the same training and calibration, the checkpoints' p-values
 * combined by another rule; recorded in result.json and the report, and the Java API's
 * {@code aggregation} gives the command's p-value.
 */
class AggregationCommandTest {

    @TempDir
    Path dir;

    @Test
    void minPCombinesTheSameCheckpointsAndTheApiAgrees() throws IOException {
        SplittableRandom rng = new SplittableRandom(31);
        double[][] ref = gaussian(rng, 500, 2, 0);
        double[][] data = gaussian(rng, 50, 2, 0);
        for (int i = 0; i < 5; i++) {
            data[i][0] = 2.0 + 0.05 * i;
        }
        Path r = csv(dir.resolve("r.csv"), "a,b", ref);
        Path d = csv(dir.resolve("d.csv"), "a,b", data);
        String[] common = {"--reference", r.toString(), "--data", d.toString(), "--steps", "60", "--checkpoints", "4",
            "--toys", "9", "--seed", "7", "--backend", "reference", "--threads", "2", "-q"};
        Path first = dir.resolve("algorithm-1");
        var run = sparker(concat(new String[] {"run", "--out", first.toString(), "--aggregation", "sparker"}, common));
        assertThat(run.code()).as(run.err()).isZero();
        Path second = dir.resolve("min-p");
        var minP = sparker(concat(new String[] {"run", "--out", second.toString(), "--aggregation", "min-p",
            "--calibration", first.resolve("calibration.jsonl").toString()}, common));
        assertThat(minP.code()).as(minP.err()).isZero();
        assertThat(minP.out()).contains("; combined statistic (min-p) ");
        assertThat(run.out()).contains("; combined statistic (sparker) ");
        assertThat(second.resolve("calibration.jsonl")).doesNotExist();

        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(first.resolve("result.json").toFile());
        JsonNode b = json.readTree(second.resolve("result.json").toFile());
        assertThat(a.get("aggregation").asText()).isEqualTo("sparker");
        assertThat(b.get("aggregation").asText()).isEqualTo("min-p");
        assertThat(b.get("p_value_is").asText()).contains("-log min p");
        // the same training against the same toys: only the combination differs
        JsonNode ca = a.get("checkpoints");
        JsonNode cb = b.get("checkpoints");
        assertThat(cb.size()).isEqualTo(4);
        double minLogP = Double.POSITIVE_INFINITY;
        double sumLogP = 0;
        for (int j = 0; j < cb.size(); j++) {
            assertThat(cb.get(j).get("t").asDouble()).isEqualTo(ca.get(j).get("t").asDouble());
            double p = cb.get(j).get("p_value").asDouble();
            assertThat(p).isEqualTo(ca.get(j).get("p_value").asDouble());
            minLogP = Math.min(minLogP, Math.log(p));
            sumLogP += Math.log(p);
        }
        assertThat(b.get("combined_statistic").asDouble()).isCloseTo(-minLogP, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(a.get("combined_statistic").asDouble())
                .isCloseTo(-0.5 * minLogP - sumLogP / (2.0 * cb.size()), org.assertj.core.data.Offset.offset(1e-12));
        boolean minPIsDefault = Workflows.DEFAULT_AGGREGATION == Aggregation.MIN_P;
        assertThat(Files.readString(second.resolve("report.html"))).contains("T = −log min p(σ)")
                .contains(minPIsDefault ? "(the default, not Algorithm 1's rule)"
                        : "(chosen with <code>--aggregation min-p</code>, not Algorithm 1's rule)");
        assertThat(Files.readString(first.resolve("report.html"))).contains("T = −½ min log p(σ)")
                .contains(minPIsDefault ? "(chosen with <code>--aggregation sparker</code>, Algorithm 1's rule)"
                        : "(the default, Algorithm 1's rule)");

        // without --aggregation: the default rule, the same p-value as the run that named it
        Path third = dir.resolve("default");
        var plain = sparker(concat(new String[] {"run", "--out", third.toString(),
            "--calibration", first.resolve("calibration.jsonl").toString()}, common));
        assertThat(plain.code()).as(plain.err()).isZero();
        JsonNode c = json.readTree(third.resolve("result.json").toFile());
        assertThat(c.get("aggregation").asText()).isEqualTo(Workflows.DEFAULT_AGGREGATION.cliName());
        assertThat(c.get("p_value").asDouble())
                .isEqualTo((Workflows.DEFAULT_AGGREGATION == Aggregation.MIN_P ? b : a).get("p_value").asDouble());
        assertThat(Files.readString(third.resolve("report.html"))).contains("(the default, ");

        // the Java API with the command's calibration file and the same rule: the command's p-value
        Sparker.Result api = Sparker.builder().reference(DataFiles.read(r)).data(DataFiles.read(d)).toys(9).seed(7)
                .backend("reference").threads(2).training(TrainerConfig.builder().steps(60).checkpoints(4).build())
                .calibrationFile(first.resolve("calibration.jsonl")).aggregation(Aggregation.MIN_P).build().run();
        assertThat(api.aggregation()).isEqualTo(Aggregation.MIN_P);
        assertThat(api.pValue()).isEqualTo(b.get("p_value").asDouble());
        // and without a rule, the command's default
        Sparker.Result plainApi = Sparker.builder().reference(DataFiles.read(r)).data(DataFiles.read(d)).toys(9).seed(7)
                .backend("reference").threads(2).training(TrainerConfig.builder().steps(60).checkpoints(4).build())
                .calibrationFile(first.resolve("calibration.jsonl")).build().run();
        assertThat(plainApi.aggregation()).isEqualTo(Workflows.DEFAULT_AGGREGATION);
        assertThat(plainApi.pValue()).isEqualTo(c.get("p_value").asDouble());
    }

    @Test
    void anUnknownRuleIsNamedBeforeAnythingIsWritten() throws IOException {
        SplittableRandom rng = new SplittableRandom(32);
        Path r = csv(dir.resolve("r.csv"), "a", gaussian(rng, 100, 1, 0));
        Path d = csv(dir.resolve("d.csv"), "a", gaussian(rng, 20, 1, 0));
        Path out = dir.resolve("out");
        var run = sparker("run", "--reference", r.toString(), "--data", d.toString(), "--out", out.toString(),
                "--aggregation", "median", "-q");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("sparker: --aggregation: unknown rule 'median'; expected min-p, "
                + "product, fuse or sparker");
        assertThat(out).doesNotExist();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
