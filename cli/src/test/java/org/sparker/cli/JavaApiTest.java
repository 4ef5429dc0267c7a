package org.sparker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sparker.cli.SparkerCliTest.csv;
import static org.sparker.cli.SparkerCliTest.gaussian;
import static org.sparker.cli.SparkerCliTest.sparker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparker.app.Sparker;
import org.sparker.app.preprocess.Spherical;
import org.sparker.app.io.DataFiles;
import org.sparker.engine.train.TrainerConfig;

/** The Java API (the application layer called directly) gives the numbers of {@code sparker run} with the same inputs, seed and settings. */
class JavaApiTest {

    @TempDir
    Path dir;

    @Test
    void sameNumbersAsTheCommand() throws IOException {
        SplittableRandom rng = new SplittableRandom(21);
        double[][] ref = gaussian(rng, 600, 2, 0);
        double[][] data = gaussian(rng, 60, 2, 0);
        for (int i = 0; i < 6; i++) {
            data[i][0] = 2.2 + 0.05 * i;
            data[i][1] *= 30; // a second column in other units, so that standardizing matters
        }
        for (double[] row : ref) {
            row[1] *= 30;
        }
        Path r = csv(dir.resolve("r.csv"), "a,b", ref);
        Path d = csv(dir.resolve("d.csv"), "a,b", data);
        double[] firstWidth = new double[4];
        // the default (standardized, as --standardize), the input's units (--no-standardize),
        // projected onto the reference's first principal axis and standardized (--pca 1), then in
        // polar coordinates about the reference's mean and standardized (--spherical)
        for (int pass = 0; pass < 4; pass++) {
            boolean standardize = pass != 1;
            int pca = pass == 2 ? 1 : 0;
            Spherical.Center spherical = pass == 3 ? Spherical.Center.MEAN : null;
            Path out = dir.resolve("out" + pass);
            String[] args = {"run", "--reference", r.toString(), "--data", d.toString(), "--out", out.toString(), "--steps",
                    "80", "--checkpoints", "4", "--toys", "6", "--seed", "5", "--backend", "reference", "--threads", "2", "-q"};
            if (!standardize) {
                args = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--no-standardize"))
                        .toArray(String[]::new);
            }
            if (pca > 0) {
                args = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--pca", "1"))
                        .toArray(String[]::new);
            }
            if (spherical != null) {
                args = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--spherical"))
                        .toArray(String[]::new);
            }
            var run = sparker(args);
            assertThat(run.code()).as(run.err()).isZero();
            JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
            assertThat(result.get("standardized").asBoolean()).isEqualTo(standardize);
            assertThat(result.has("pca")).isEqualTo(pca > 0);
            assertThat(result.path("spherical").asText(null)).isEqualTo(spherical == null ? null : "mean");

            // the same rows as the command read them (through float), the same settings
            Sparker.Result api = Sparker.builder().reference(DataFiles.read(r)).data(DataFiles.read(d)).toys(6)
                    .seed(5).backend("reference").threads(2).standardize(standardize).pca(pca).spherical(spherical)
                    .training(TrainerConfig.builder().steps(80).checkpoints(4).build()).build().run();
            assertThat(api.standardization() != null).isEqualTo(standardize);
            assertThat(api.projection() == null ? 0 : api.projection().dimension()).isEqualTo(pca);
            assertThat(api.spherical() != null).isEqualTo(spherical != null);
            assertThat(api.model().dimension()).isEqualTo(pca > 0 ? 1 : 2);
            assertThat(api.pValue()).isEqualTo(result.get("p_value").asDouble());
            assertThat(api.toys()).isEqualTo(6);
            JsonNode ex = result.get("extrapolated");
            assertThat(api.extrapolated().accepted()).isEqualTo(ex.get("accepted").asBoolean());
            assertThat(api.extrapolated().reason()).isEqualTo(ex.get("reason").asText());
            assertThat(api.extrapolated().statistic()).isEqualTo(ex.get("statistic").asDouble());
            JsonNode cps = result.get("checkpoints");
            assertThat(api.checkpoints()).hasSize(cps.size());
            for (int j = 0; j < cps.size(); j++) {
                assertThat(api.checkpoints().get(j).t()).isEqualTo(cps.get(j).get("t").asDouble());
                assertThat(api.checkpoints().get(j).width()).isEqualTo(cps.get(j).get("sigma").asDouble());
            }
            firstWidth[pass] = api.checkpoints().get(0).width();
            // and the command's calibration file, resumed by the API, is the same calibration
            Sparker.Result fromFile = Sparker.builder().reference(DataFiles.read(r)).data(DataFiles.read(d)).toys(6)
                    .seed(5).backend("reference").threads(2).standardize(standardize).pca(pca).spherical(spherical)
                    .training(TrainerConfig.builder().steps(80).checkpoints(4).build())
                    .calibrationFile(out.resolve("calibration.jsonl")).build().run();
            assertThat(fromFile.pValue()).isEqualTo(api.pValue());
        }
        // standardized widths are in units of the reference's spread (about 1); the raw ones follow the column ×30
        assertThat(firstWidth[0]).isLessThan(firstWidth[1] / 5);
    }
}
