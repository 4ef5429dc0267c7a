package org.sparker.cli;

import org.sparker.app.Calibrations;
import org.sparker.app.io.DataFiles;
import org.sparker.app.io.ModelFiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.ForwardResult;
import org.sparker.engine.KernelModel;
import org.sparker.engine.Loss;
import org.sparker.engine.LossGradient;
import org.sparker.engine.PreparedSamples;
import org.sparker.engine.TrainingSamples;
import org.sparker.engine.reference.ReferenceBackend;

/** The sparker commands on temporary .npy and .csv files, through picocli, as a user runs them. */
class SparkerCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run sparker(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SparkerCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /** Writes a little-endian float32 or float64 .npy file by hand (format version 1.0). */
    static Path npy(Path file, String descr, int rows, int cols, double[] values, boolean fortran) throws IOException {
        String shape = cols == 0 ? "(" + rows + ",)" : "(" + rows + ", " + cols + ")";
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': "
                + shape + ", }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        int size = descr.endsWith("8") ? 8 : 4;
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + values.length * size).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        for (double v : values) {
            if (descr.equals("<f8")) {
                b.putDouble(v);
            } else if (descr.equals("<f4")) {
                b.putFloat((float) v);
            } else {
                b.putInt((int) v);
            }
        }
        Files.write(file, b.array());
        return file;
    }

    static Path csv(Path file, String header, double[][] rows) throws IOException {
        StringBuilder s = new StringBuilder(header == null ? "" : header + "\n");
        for (double[] r : rows) {
            for (int k = 0; k < r.length; k++) {
                s.append(k == 0 ? "" : ",").append(r[k]);
            }
            s.append('\n');
        }
        Files.writeString(file, s);
        return file;
    }

    static double[][] gaussian(SplittableRandom rng, int n, int d, double shift) {
        double[][] x = new double[n][d];
        for (double[] r : x) {
            for (int k = 0; k < d; k++) {
                r[k] = rng.nextGaussian() + shift;
            }
        }
        return x;
    }

    static double[] flat(double[][] x) {
        return Stream.of(x).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    private Path model2d() throws IOException {
        Path m = dir.resolve("model.json");
        Files.writeString(m, "{\"sigma\": 0.8, \"centers\": [[0, 0], [1, -1], [2, 2]], \"amplitudes\": [0.5, -1.2, 2.0], \"softmax\": true}");
        return m;
    }

    @Test
    void helpListsEveryCommand() {
        Run r = sparker("--help");
        assertThat(r.code()).isZero();
        for (String c : List.of("demo", "run", "calibrate", "score", "eval", "toy", "bench")) {
            assertThat(r.out()).contains(c);
            Run h = sparker(c, "--help");
            assertThat(h.code()).as(c + " --help").isZero();
            assertThat(h.out()).contains("Usage: sparker " + c);
        }
    }

    @Test
    void scoreWritesOneRowPerPointForNpyAndCsv() throws IOException {
        SplittableRandom rng = new SplittableRandom(1);
        double[][] x = gaussian(rng, 37, 2, 0);
        Path model = model2d();
        for (Path input : List.of(npy(dir.resolve("x.npy"), "<f4", 37, 2, flat(x), false),
                npy(dir.resolve("x64.npy"), "<f8", 37, 2, flat(x), false), csv(dir.resolve("x.csv"), "a,b", x),
                csv(dir.resolve("xn.csv"), null, x))) {
            Path out = dir.resolve(input.getFileName() + ".scores.csv");
            Run r = sparker("score", "--model", model.toString(), "--input", input.toString(), "--out", out.toString(),
                    "--backend", "reference");
            assertThat(r.code()).as(r.err()).isZero();
            List<String> lines = Files.readAllLines(out);
            assertThat(lines.get(0)).isEqualTo("f,score,f_0,f_1,f_2");
            assertThat(lines).hasSize(38);
            // the numbers are the reference backend's
            KernelModel m = ModelFiles.read(model).model();
            ForwardResult expected = ForwardResult.allocate(37, 3);
            new ReferenceBackend().forward(FloatMatrix.of(x), m, expected);
            String[] row5 = lines.get(6).split(",");
            assertThat(Double.parseDouble(row5[0])).isEqualTo(expected.logRatio()[5]);
            assertThat(Double.parseDouble(row5[1])).isEqualTo(expected.score()[5]);
            assertThat(Double.parseDouble(row5[4])).isEqualTo(expected.components()[5 * 3 + 2]);
        }
    }

    @Test
    void fortranOrderedNpyIsTransposed() throws IOException {
        // rows (1,2,3), (4,5,6) stored column by column
        Path f = npy(dir.resolve("f.npy"), "<f8", 2, 3, new double[] {1, 4, 2, 5, 3, 6}, true);
        FloatMatrix m = DataFiles.read(f);
        assertThat(m.row(1)).containsExactly(4f, 5f, 6f);
        Path one = npy(dir.resolve("v.npy"), "<f4", 4, 0, new double[] {1, 2, 3, 4}, false);
        assertThat(DataFiles.read(one).cols()).isEqualTo(1);
    }

    @Test
    void evalMatchesTheReferenceBackend() throws IOException {
        SplittableRandom rng = new SplittableRandom(2);
        Path ref = npy(dir.resolve("r.npy"), "<f4", 50, 2, flat(gaussian(rng, 50, 2, 0)), false);
        Path data = csv(dir.resolve("d.csv"), null, gaussian(rng, 9, 2, 0.5));
        Path out = dir.resolve("eval.json");
        Run r = sparker("eval", "--model", model2d().toString(), "--reference", ref.toString(), "--data",
                data.toString(), "--loss", "bce", "--out", out.toString(), "--backend", "reference");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(out.toFile());
        TrainingSamples s = TrainingSamples.of(DataFiles.read(ref), DataFiles.read(data));
        LossGradient g = LossGradient.allocate(3, 2);
        try (ReferenceBackend b = new ReferenceBackend(); PreparedSamples p = b.prepare(s)) {
            b.lossAndGradient(p, ModelFiles.read(model2d()).model(), Loss.BCE, g);
        }
        assertThat(j.get("loss").asDouble()).isEqualTo(g.loss());
        assertThat(j.get("t").asDouble()).isEqualTo(g.testStatistic());
        assertThat(j.get("grad_amplitudes").get(2).asDouble()).isEqualTo(g.amplitudeGradient()[2]);
        assertThat(j.get("grad_centers").get(1).get(1).asDouble()).isEqualTo(g.centerGradient()[3]);
        assertThat(j.get("reference_weight").asDouble()).isEqualTo(9.0 / 50);
    }

    @Test
    void runWithTheBaselineMethods() throws IOException {
        SplittableRandom rng = new SplittableRandom(4);
        Path ref = csv(dir.resolve("ref.csv"), "x,y", gaussian(rng, 700, 2, 0));
        Path data = csv(dir.resolve("data.csv"), "x,y", gaussian(rng, 70, 2, 1.0));
        String[] common = {"--backend", "reference", "--seed", "3", "-q"};
        Path np = dir.resolve("np");
        Run r = sparker(concat(new String[] {"run", "--method", "kernel-np", "--reference", ref.toString(), "--data",
            data.toString(), "--toys", "19", "--np-centres", "200", "--np-percentiles", "20,60", "--out", np.toString()},
            common));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("kernel-np: p-value");
        JsonNode a = JSON.readTree(np.resolve("result.json").toFile());
        assertThat(a.get("method").asText()).isEqualTo("kernel-np");
        assertThat(a.get("widths")).hasSize(2);
        assertThat(a.get("aggregation").asText()).isEqualTo("min-p");
        assertThat(a.get("p_value").asDouble()).isEqualTo(1.0 / 20); // a unit shift in one coordinate: beyond every toy
        assertThat(np.resolve("calibration.jsonl")).exists();

        Path mmd = dir.resolve("mmd");
        Run m = sparker(concat(new String[] {"run", "--method", "mmd-fuse", "--reference", ref.toString(), "--data",
            data.toString(), "--mmd-permutations", "99", "--mmd-features", "20", "--out", mmd.toString()}, common));
        assertThat(m.code()).as(m.err()).isZero();
        JsonNode b = JSON.readTree(mmd.resolve("result.json").toFile());
        assertThat(b.get("p_value").asDouble()).isEqualTo(0.01);
        assertThat(b.get("kernels")).hasSize(20);
        Run again = sparker(concat(new String[] {"run", "--method", "mmd-fuse", "--reference", ref.toString(), "--data",
            data.toString(), "--mmd-permutations", "99", "--mmd-features", "20", "--out", dir.resolve("mmd2").toString()},
            common));
        assertThat(again.code()).isZero();
        assertThat(JSON.readTree(dir.resolve("mmd2/result.json").toFile()).get("fused_statistic"))
                .isEqualTo(b.get("fused_statistic"));

        Run bad = sparker("run", "--method", "falkon", "--reference", ref.toString(), "--data", data.toString(), "--out",
                dir.resolve("bad").toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("--method").contains("falkon").doesNotContain("\tat ");
        Run badKernel = sparker("run", "--method", "mmd-fuse", "--mmd-kernels", "cauchy", "--reference", ref.toString(),
                "--data", data.toString(), "--out", dir.resolve("bad2").toString());
        assertThat(badKernel.code()).isEqualTo(1);
        assertThat(badKernel.err()).contains("cauchy");
    }

    /**
     * A calibration made in the input's units (--no-standardize) does not silently serve a run
     * that standardizes (the default): the error names the setting and the option that matches.
     */
    @Test
    void aCalibrationInOtherUnitsNamesTheChangedDefault() throws IOException {
        SplittableRandom rng = new SplittableRandom(13);
        double[][] ref = gaussian(rng, 400, 2, 0);
        for (double[] row : ref) {
            row[1] *= 30;
        }
        Path r = csv(dir.resolve("cr.csv"), "a,b", ref);
        Path x = csv(dir.resolve("cd.csv"), "a,b", java.util.Arrays.copyOf(ref, 40));
        Path cal = dir.resolve("raw.jsonl");
        Run made = sparker("calibrate", "--reference", r.toString(), "--data-size", "40", "--toys", "3", "--steps", "20",
                "--checkpoints", "2", "--backend", "reference", "--no-standardize", "--out", cal.toString(), "-q");
        assertThat(made.code()).as(made.err()).isZero();
        String[] run = {"run", "--reference", r.toString(), "--data", x.toString(), "--calibration", cal.toString(),
            "--steps", "20", "--checkpoints", "2", "--backend", "reference", "-q", "--out"};
        Run standardized = sparker(concat(run, new String[] {dir.resolve("o1").toString()}));
        assertThat(standardized.code()).isEqualTo(1);
        assertThat(standardized.err()).contains("another configuration (toys.units is missing)")
                .contains("made with --no-standardize and without --pca or --spherical, so use those settings");
        Run raw = sparker(concat(run, new String[] {dir.resolve("o2").toString(), "--no-standardize"}));
        assertThat(raw.code()).as(raw.err()).isZero();
        assertThat(Calibrations.changedDefaultHint("f: this calibration was made with another configuration "
                + "(trainer.center_step_cap: file has 0.0, now 0.5); use another file or the same settings"))
                .contains("--center-step-cap");
        assertThat(Calibrations.changedDefaultHint("f: this calibration was made with another configuration "
                + "(trainer.width_initial: file has 3.1, now 2.0); use another file or the same settings"))
                .contains("--no-standardize").contains("--width-quantiles");
        assertThat(Calibrations.changedDefaultHint("f: this calibration was made with another configuration "
                + "(toys.units is not expected); use another file or the same settings")).contains("drop --no-standardize");
        assertThat(Calibrations.changedDefaultHint("f: unrelated")).isEmpty();
    }

    /**
     * --standardize: the model file records the units, scoring applies them, and with width-unit
     * steps the same table in units 1,000 times larger gives the same p-value and statistics.
     */
    @Test
    void standardizedRunsDoNotDependOnTheUnits() throws IOException {
        SplittableRandom rng = new SplittableRandom(11);
        double[][] ref = gaussian(rng, 400, 2, 0);
        double[][] d = gaussian(rng, 50, 2, 0);
        for (int i = 0; i < 8; i++) {
            d[i][0] = 2.5 + 0.05 * i;
        }
        for (double[] row : ref) {
            row[1] *= 100; // a second column in other units
        }
        for (double[] row : d) {
            row[1] *= 100;
        }
        String[] common = {"--steps", "60", "--checkpoints", "3", "--toys", "5", "--backend", "reference", "--seed", "2",
            "--center-units", "width", "--standardize", "-q"};
        double[] pValue = new double[2];
        JsonNode[] checkpoints = new JsonNode[2];
        for (int u = 0; u < 2; u++) {
            double factor = u == 0 ? 1 : 1000;
            Path r = csv(dir.resolve("r" + u + ".csv"), "a,b", scale(ref, factor));
            Path x = csv(dir.resolve("d" + u + ".csv"), "a,b", scale(d, factor));
            Path out = dir.resolve("std" + u);
            Run run = sparker(concat(new String[] {"run", "--reference", r.toString(), "--data", x.toString(), "--out",
                out.toString()}, common));
            assertThat(run.code()).as(run.err()).isZero();
            JsonNode result = JSON.readTree(out.resolve("result.json").toFile());
            assertThat(result.get("standardized").asBoolean()).isTrue();
            pValue[u] = result.get("p_value").asDouble();
            checkpoints[u] = result.get("checkpoints");
            JsonNode model = JSON.readTree(out.resolve("model.json").toFile());
            assertThat(model.get("standardization").get("scale").get(1).asDouble())
                    .isCloseTo(100 * factor, org.assertj.core.api.Assertions.withinPercentage(20));
            assertThat(model.get("centers_in_input_units")).hasSize(5);
            // scoring the data with the model applies the standardization
            Run score = sparker("score", "--model", out.resolve("model.json").toString(), "--input", x.toString(),
                    "--out", out.resolve("s.csv").toString(), "--backend", "reference", "-q");
            assertThat(score.code()).as(score.err()).isZero();
        }
        assertThat(pValue[1]).isEqualTo(pValue[0]);
        for (int j = 0; j < 3; j++) {
            assertThat(checkpoints[1].get(j).get("t").asDouble()).isCloseTo(checkpoints[0].get(j).get("t").asDouble(),
                    org.assertj.core.api.Assertions.within(1e-4 * Math.max(1, Math.abs(checkpoints[0].get(j).get("t").asDouble()))));
        }
        List<String> s0 = Files.readAllLines(dir.resolve("std0/s.csv"));
        List<String> s1 = Files.readAllLines(dir.resolve("std1/s.csv"));
        assertThat(s1).hasSameSizeAs(s0);
        double f0 = Double.parseDouble(s0.get(1).split(",")[0]);
        double f1 = Double.parseDouble(s1.get(1).split(",")[0]);
        assertThat(f1).isCloseTo(f0, org.assertj.core.api.Assertions.within(1e-4 * Math.max(1, Math.abs(f0))));
    }

    /**
     * {@code --map}: run trains in the mapped coordinates and records the map; scoring the raw
     * input with that model gives the same f as scoring pre-mapped input with a map-free copy.
     */
    @Test
    void aCoordinateMapIsAppliedRecordedAndReappliedWhenScoring() throws IOException {
        SplittableRandom rng = new SplittableRandom(12);
        double[][] ref = gaussian(rng, 400, 1, 0);
        double[][] d = gaussian(rng, 50, 1, 0.5);
        Path r = csv(dir.resolve("r.csv"), "a", ref);
        Path x = csv(dir.resolve("d.csv"), "a", d);
        Path out = dir.resolve("mapped");
        Run run = sparker("run", "--reference", r.toString(), "--data", x.toString(), "--out", out.toString(), "--map",
                "phi", "--steps", "60", "--checkpoints", "3", "--toys", "5", "--backend", "reference", "-q");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(JSON.readTree(out.resolve("result.json").toFile()).get("map").asText()).isEqualTo("phi");
        JsonNode model = JSON.readTree(out.resolve("model.json").toFile());
        assertThat(model.get("map").asText()).isEqualTo("phi");
        // standardized by default: the centres in the input's units (after the map) live in Φ
        // coordinates, inside (0, 1)
        assertThat(model.has("standardization")).isTrue();
        for (JsonNode c : model.get("centers_in_input_units")) {
            assertThat(c.get(0).asDouble()).isBetween(-0.5, 1.5);
        }
        Run score = sparker("score", "--model", out.resolve("model.json").toString(), "--input", x.toString(), "--out",
                out.resolve("s.csv").toString(), "--backend", "reference", "-q");
        assertThat(score.code()).as(score.err()).isZero();
        // the same model without its map, on inputs mapped by hand
        com.fasterxml.jackson.databind.node.ObjectNode plain = (com.fasterxml.jackson.databind.node.ObjectNode) model.deepCopy();
        plain.remove("map");
        Path plainModel = dir.resolve("plain.json");
        Files.writeString(plainModel, plain.toString());
        double[][] mapped = new double[d.length][1];
        for (int i = 0; i < d.length; i++) {
            mapped[i][0] = (float) org.sparker.app.preprocess.CoordinateMap.PHI.apply((float) d[i][0]);
        }
        Path xm = csv(dir.resolve("dm.csv"), "a", mapped);
        Run score2 = sparker("score", "--model", plainModel.toString(), "--input", xm.toString(), "--out",
                dir.resolve("s2.csv").toString(), "--backend", "reference", "-q");
        assertThat(score2.code()).as(score2.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("s2.csv"))).isEqualTo(Files.readAllLines(out.resolve("s.csv")));
        // a bad map is named, and a map that leaves the floats names the row and column
        Run bad = sparker("run", "--reference", r.toString(), "--data", x.toString(), "--out", dir.resolve("b").toString(),
                "--map", "log", "-q");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("--map: unknown 'log'");
        double[][] far = {{-200}};
        Path farFile = csv(dir.resolve("far.csv"), "a", far);
        Run overflow = sparker("score", "--model", out.resolve("model.json").toString(), "--input", farFile.toString(),
                "--out", dir.resolve("s3.csv").toString(), "-q");
        assertThat(overflow.code()).isZero(); // Φ(−200) = 0 is a finite float: scored
        Files.writeString(plainModel, plain.put("map", "exp-neg").toString());
        Run overflow2 = sparker("score", "--model", plainModel.toString(), "--input", farFile.toString(), "--out",
                dir.resolve("s4.csv").toString(), "-q");
        assertThat(overflow2.code()).isEqualTo(1);
        assertThat(overflow2.err()).contains("far.csv: the map exp-neg sends row 0, column 0");
    }

    /** model.json and the report show the most significant checkpoint by default; --checkpoint picks another. */
    @Test
    void theModelShownIsTheMostSignificantCheckpointUnlessAnotherIsAsked() throws IOException {
        SplittableRandom rng = new SplittableRandom(13);
        double[][] ref = gaussian(rng, 400, 1, 0);
        double[][] d = gaussian(rng, 50, 1, 0);
        for (int i = 0; i < 10; i++) {
            d[i][0] = 2.5 + 0.02 * i;
        }
        Path r = csv(dir.resolve("r.csv"), "a", ref);
        Path x = csv(dir.resolve("d.csv"), "a", d);
        String[] common = {"--reference", r.toString(), "--data", x.toString(), "--steps", "60", "--checkpoints", "4",
            "--toys", "5", "--backend", "reference", "-q"};
        Path best = dir.resolve("best");
        Run run = sparker(concat(new String[] {"run", "--out", best.toString()}, common));
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode result = JSON.readTree(best.resolve("result.json").toFile());
        JsonNode which = result.get("model_checkpoint");
        assertThat(which.get("selected_by").asText()).isEqualTo("best");
        double minP = 1;
        for (JsonNode c : result.get("checkpoints")) {
            minP = Math.min(minP, c.get("p_value").asDouble());
        }
        assertThat(which.get("p_value").asDouble()).isEqualTo(minP);
        int k = which.get("checkpoint").asInt();
        assertThat(JSON.readTree(best.resolve("model.json").toFile()).get("checkpoint").asInt()).isEqualTo(k);
        assertThat(JSON.readTree(best.resolve("model.json").toFile()).get("sigma").asDouble())
                .isEqualTo(result.get("checkpoints").get(k - 1).get("sigma").asDouble());
        String report = Files.readString(best.resolve("report.html"));
        assertThat(report).contains("The kernels at checkpoint " + k).contains("The most anomalous data points");
        // the injected rows (0–9, at x ≈ 2.5) lead the list of most anomalous rows
        String table = report.substring(report.indexOf("The most anomalous data points"));
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("<tr><td>(\\d+)</td>").matcher(table);
        assertThat(row.find()).isTrue();
        assertThat(Integer.parseInt(row.group(1))).isBetween(0, 9);
        Path last = dir.resolve("last");
        Run runLast = sparker(concat(new String[] {"run", "--out", last.toString(), "--checkpoint", "last"}, common));
        assertThat(runLast.code()).as(runLast.err()).isZero();
        assertThat(JSON.readTree(last.resolve("model.json").toFile()).get("checkpoint").asInt()).isEqualTo(4);
        // every checkpoint's model is in model.json: score --checkpoint 4 on the best run's file scores
        // like the last run's model (the same training, so the same models)
        assertThat(JSON.readTree(best.resolve("model.json").toFile()).get("checkpoints")).hasSize(4);
        Run s4 = sparker("score", "--model", best.resolve("model.json").toString(), "--checkpoint", "4", "--input",
                x.toString(), "--out", dir.resolve("s4.csv").toString(), "--backend", "reference", "-q");
        Run sLast = sparker("score", "--model", last.resolve("model.json").toString(), "--input", x.toString(), "--out",
                dir.resolve("sl.csv").toString(), "--backend", "reference", "-q");
        assertThat(s4.code()).as(s4.err()).isZero();
        assertThat(sLast.code()).as(sLast.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("s4.csv"))).isEqualTo(Files.readAllLines(dir.resolve("sl.csv")));
        Run s9 = sparker("score", "--model", best.resolve("model.json").toString(), "--checkpoint", "9", "--input",
                x.toString(), "--out", dir.resolve("s9.csv").toString(), "-q");
        assertThat(s9.err()).contains("has checkpoints 1 to 4, not 9");
        Run bad = sparker(concat(new String[] {"run", "--out", dir.resolve("bad").toString(), "--checkpoint", "9"}, common));
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("--checkpoint: the training has checkpoints 1 to 4, got 9");
    }

    /** --target-z adds toys while the observed statistic is beyond every toy and Z is not yet resolved. */
    @Test
    void targetZExtendsTheCalibrationUntilZCanBeResolved() throws IOException {
        SplittableRandom rng = new SplittableRandom(14);
        double[][] ref = gaussian(rng, 600, 1, 0);
        double[][] d = gaussian(rng, 40, 1, 0);
        for (int i = 0; i < 15; i++) {
            d[i][0] = 3.0 + 0.02 * i; // a strong excess: beyond every toy
        }
        Path r = csv(dir.resolve("r.csv"), "a", ref);
        Path x = csv(dir.resolve("d.csv"), "a", d);
        Path out = dir.resolve("z");
        Run run = sparker("run", "--reference", r.toString(), "--data", x.toString(), "--out", out.toString(), "--steps",
                "60", "--checkpoints", "3", "--toys", "3", "--target-z", "1.5", "--backend", "reference", "-q");
        assertThat(run.code()).as(run.err()).isZero();
        // Z = 1.5: p = 0.0668, so 1/p − 1 = 13.97 → 14 toys; 3 → 12 → 14
        // what the run did goes to stderr; stdout holds the result line and the path written
        assertThat(run.err()).contains("needs at least 14 calibration toys; starting with 3")
                .contains("extending the calibration to 12").contains("extending the calibration to 14");
        assertThat(run.out().lines().toList()).hasSize(2).first().asString().startsWith("p-value ≤ ");
        JsonNode result = JSON.readTree(out.resolve("result.json").toFile());
        assertThat(result.get("toys").asInt()).isEqualTo(14);
        // the model-based extrapolation is reported, labelled, with every checkpoint's standardisation; 14 toys
        // are too few to fit a tail, and it says so
        JsonNode ex = result.get("extrapolated");
        assertThat(ex.get("method").asText()).contains("a model of a different statistic")
                .contains("beside the empirical p-value, not instead of it");
        assertThat(ex.get("checkpoints")).hasSize(3);
        assertThat(ex.get("accepted").asBoolean()).isFalse();
        assertThat(ex.get("p_value").isNull()).isTrue();
        assertThat(ex.get("z").isNull()).isTrue();
        assertThat(ex.get("reason").asText()).isEqualTo("only 14 toys: the tail is fitted from 100 on");
        assertThat(ex.get("statistic_empirical_p_value").asDouble()).isBetween(1.0 / 15, 1.0);
        assertThat(result.get("p_value_is").asText()).startsWith("the share of the anomaly-free calibration toys");
        // the tail model is shown only when the data lie beyond every toy
        assertThat(run.out()).contains(result.get("upper_limit").asBoolean()
                ? "beyond every toy, and no tail model (only 14 toys" : "calibration toys; combined statistic")
                .doesNotContain("extrapolated");
        assertThat(result.get("toys_for_target_z").asInt()).isEqualTo(14);
        Run bad = sparker("run", "--reference", r.toString(), "--data", x.toString(), "--out", dir.resolve("b").toString(),
                "--target-z", "9", "-q");
        assertThat(bad.err()).contains("--target-z must be in (0, 8]");
    }

    @Test
    void trainingOptionsAreValidatedByName() {
        String[][] bad = {
            {"--optimizer", "sgd"}, {"--center-units", "metres"}, {"--schedule", "step"}, {"--annealing", "cubic"},
            {"--anneal-fraction", "0"}, {"--center-rate", "-1"}, {"--amplitude-rate", "0"}, {"--learning-rate", "nan"},
            {"--steps", "0"}, {"--kernels", "0"}, {"--clip", "-3"}, {"--loss", "hinge"},
        };
        for (String[] b : bad) {
            Run r = sparker(concat(new String[] {"toy", "exp1d-tail", "--toys", "2", "-q", "--out",
                dir.resolve("never").toString()}, b));
            // 1: our one-line error; 2: picocli's, for a value that is not even a number
            assertThat(r.code()).as(String.join(" ", b)).isIn(1, 2);
            assertThat(r.err()).as(String.join(" ", b)).contains(b[0]).doesNotContain("Exception");
        }
        assertThat(dir.resolve("never")).doesNotExist();
    }

    private static double[][] scale(double[][] x, double factor) {
        double[][] y = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i].clone();
            for (int k = 0; k < y[i].length; k++) {
                y[i][k] *= factor;
            }
        }
        return y;
    }

    @Test
    void runWritesResultModelAndReportAndReusesItsCalibration() throws IOException {
        SplittableRandom rng = new SplittableRandom(3);
        Path ref = npy(dir.resolve("ref.npy"), "<f4", 600, 1, flat(gaussian(rng, 600, 1, 0)), false);
        double[][] d = gaussian(rng, 60, 1, 0);
        for (int i = 0; i < 8; i++) {
            d[i][0] = 3.5 + 0.05 * i; // a small excess in the tail
        }
        Path data = csv(dir.resolve("data.csv"), "x", d);
        Path out = dir.resolve("out");
        String[] common = {"--steps", "80", "--checkpoints", "4", "--backend", "reference", "--seed", "5", "-q"};
        Run r = sparker(concat(new String[] {"run", "--reference", ref.toString(), "--data", data.toString(), "--toys",
            "6", "--out", out.toString()}, common));
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode result = JSON.readTree(out.resolve("result.json").toFile());
        for (String field : List.of("p_value", "z", "upper_limit", "checkpoints", "combined_statistic", "backend", "seed",
                "seconds")) {
            assertThat(result.has(field)).as(field).isTrue();
        }
        assertThat(result.get("checkpoints")).hasSize(4);
        assertThat(result.get("checkpoints").get(0).has("sigma")).isTrue();
        assertThat(result.get("backend").asText()).isEqualTo("reference");
        assertThat(result.get("n_reference").asInt()).isEqualTo(540); // N_R* = N_R − N_D, as the toys
        KernelModel model = ModelFiles.read(out.resolve("model.json")).model();
        assertThat(model.kernels()).isEqualTo(5);
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("<img").contains("The p-value is the share of the anomaly-free calibration toys").contains("Kernel trajectories");

        // same settings and seed: the calibration file is reused, and the numbers repeat
        Path again = dir.resolve("again");
        Run r2 = sparker(concat(new String[] {"run", "--reference", ref.toString(), "--data", data.toString(),
            "--calibration", out.resolve("calibration.jsonl").toString(), "--out", again.toString()}, common));
        assertThat(r2.code()).as(r2.err()).isZero();
        assertThat(r2.err()).contains("reusing 6 toys from " + out.resolve("calibration.jsonl"));
        assertThat(r2.out().lines().findFirst()).hasValueSatisfying(l -> assertThat(l).startsWith("p-value "));
        JsonNode result2 = JSON.readTree(again.resolve("result.json").toFile());
        assertThat(result2.get("p_value")).isEqualTo(result.get("p_value"));
        assertThat(result2.get("checkpoints")).isEqualTo(result.get("checkpoints"));

        // another configuration with that file: one line naming the file and the setting, no output
        Path third = dir.resolve("third");
        Run bad = sparker(concat(new String[] {"run", "--reference", ref.toString(), "--data", data.toString(),
            "--calibration", out.resolve("calibration.jsonl").toString(), "--l2", "0.5", "--out", third.toString()},
            common));
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("calibration.jsonl").contains("trainer.l2").doesNotContain("\tat ");
        assertThat(bad.err().strip().lines().count()).isEqualTo(1);
        assertThat(third.resolve("result.json")).doesNotExist();
    }

    @Test
    void calibrateThenRunWithThatFile() throws IOException {
        SplittableRandom rng = new SplittableRandom(4);
        Path ref = csv(dir.resolve("ref.csv"), null, gaussian(rng, 300, 2, 0));
        Path data = csv(dir.resolve("data.csv"), null, gaussian(rng, 30, 2, 0));
        Path cal = dir.resolve("cal.jsonl");
        String[] common = {"--steps", "40", "--checkpoints", "2", "--backend", "reference", "-q"};
        Run c = sparker(concat(new String[] {"calibrate", "--reference", ref.toString(), "--data-size", "30", "--toys",
            "4", "--out", cal.toString()}, common));
        assertThat(c.code()).as(c.err()).isZero();
        assertThat(Files.readAllLines(cal)).hasSize(5);
        Run r = sparker(concat(new String[] {"run", "--reference", ref.toString(), "--data", data.toString(),
            "--calibration", cal.toString(), "--out", dir.resolve("o").toString()}, common));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAllLines(cal)).hasSize(5); // nothing recomputed
    }

    @Test
    void toyListAndASmallToy() throws IOException {
        Run list = sparker("toy", "--list");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("exp1d-tail").contains("gauss2d-bulk").contains("gauss2d-squeezing");
        Path out = dir.resolve("toy");
        Run r = sparker("toy", "gauss2d-bulk", "--reference-size", "1500", "--expected-data", "150", "--toys", "3",
                "--steps", "40", "--checkpoints", "2", "--backend", "reference", "-q", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(out.resolve("report.html")).exists();
        assertThat(JSON.readTree(out.resolve("result.json").toFile()).get("toy").get("signal").asText())
                .isEqualTo("cluster");
        assertThat(sparker("toy", "nope").code()).isEqualTo(1);
    }

    @Test
    void benchWritesTheFieldsScriptsRelyOn() throws IOException {
        Path out = dir.resolve("bench.json");
        Run r = sparker("bench", "--shape", "300,3,2", "--backends", "reference,cuda", "--steps", "3", "--repeat", "3",
                "--warmup", "0", "-q", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("bench:"); // --quiet
        JsonNode j = JSON.readTree(out.toFile());
        for (String field : List.of("date", "host", "options", "cases")) {
            assertThat(j.has(field)).as(field).isTrue();
        }
        assertThat(j.get("host").get("vector_flags").isArray()).isTrue();
        assertThat(j.get("options").get("rounds").asInt()).isEqualTo(3);
        JsonNode c = j.get("cases").get(0);
        for (String field : List.of("n", "d", "m", "point_bytes_per_step", "flops_per_point", "stream_gb_per_s",
                "stream_level", "backends")) {
            assertThat(c.has(field)).as(field).isTrue();
        }
        assertThat(c.get("point_bytes_per_step").asLong()).isEqualTo(4L * 300 * 3);
        JsonNode ref = c.get("backends").get(0);
        assertThat(ref.get("backend").asText()).isEqualTo("reference");
        JsonNode ms = ref.get("ms_per_step");
        assertThat(ms.get("rounds").asInt()).isEqualTo(3);
        assertThat(ms.get("min").asDouble()).isPositive().isLessThanOrEqualTo(ms.get("median").asDouble());
        assertThat(ms.get("max").asDouble()).isGreaterThanOrEqualTo(ms.get("median").asDouble());
        // the ratio is taken round by round: the reference against itself is exactly 1
        assertThat(ref.get("speedup_over_reference").get("min").asDouble()).isEqualTo(1.0);
        assertThat(ref.get("stream_fraction").get("median").asDouble()).isPositive();
        // the host's ceilings, measured in the same rounds: the FMA peak, the floor it and the stream set
        assertThat(j.get("format").asText()).isEqualTo("sparker-bench");
        assertThat(c.get("fmas_per_step").asLong()).isEqualTo(2L * 300 * 2 * 3);
        assertThat(c.get("fma_peak_g_per_s").get("median").asDouble()).isPositive();
        assertThat(c.get("floor_ms").get("rounds").asInt()).isEqualTo(3);
        // the floor is at least one read of the points at the round's stream rate, so no step beats it by much
        double streamMs = 4.0 * 300 * 3 / (c.get("stream_gb_per_s").get("max").asDouble() * 1e9) * 1e3;
        assertThat(c.get("floor_ms").get("min").asDouble()).isGreaterThanOrEqualTo(streamMs * 0.999);
        assertThat(ref.get("fraction_of_floor").get("median").asDouble()).isPositive();
        if (c.has("skipped")) {
            assertThat(c.get("skipped").has("cuda")).isTrue(); // no GPU here: reported, not fatal
            assertThat(r.out()).contains("cuda").contains("skipped");
        }
    }

    @Test
    void benchRefusesBadOptions() {
        String[][] bad = {
            {"--backends", "bogus", "--shape", "300,3,2"},
            {"--threads", "-1", "--shape", "300,3,2"},
            {"--repeat", "0", "--shape", "300,3,2"},
            {"--steps", "0", "--shape", "300,3,2"},
            {"--shape", "300,3"},
            {"--shape", "3000000000,3,2"},
            {"--shape", "100000,100000,5"},
            {"--warmup", "-1", "--shape", "300,3,2"},
            {},
        };
        String[] named = {"--backends", "--threads", "--repeat", "--steps", "--shape", "--shape", "--shape", "--warmup",
            "--shape"};
        for (int i = 0; i < bad.length; i++) {
            String[] args = new String[bad[i].length + 3];
            args[0] = "bench";
            System.arraycopy(bad[i], 0, args, 1, bad[i].length);
            args[args.length - 2] = "--out";
            args[args.length - 1] = dir.resolve("never.json").toString();
            Run r = sparker(args);
            assertThat(r.code()).as(String.join(" ", args)).isNotZero();
            assertThat(r.err()).as(String.join(" ", args)).contains(named[i]).doesNotContain("Exception");
        }
        assertThat(dir.resolve("never.json")).doesNotExist();
    }

    @Test
    void badInputGetsOneLineAndExitCodeOne() throws IOException {
        Path model = model2d();
        Path out = dir.resolve("s.csv");
        Files.writeString(dir.resolve("ragged.csv"), "1,2\n3,4\n5\n");
        Files.writeString(dir.resolve("nan.csv"), "x,y\n1,2\n3,NaN\n");
        Files.writeString(dir.resolve("word.csv"), "1,2\n3,four\n");
        Files.writeString(dir.resolve("empty.csv"), "a,b\n");
        Files.writeString(dir.resolve("three.csv"), "1,2,3\n");
        Files.writeString(dir.resolve("bad.json"), "{\"sigma\": -1, \"centers\": [[0, 0]], \"amplitudes\": [1]}");
        Files.writeString(dir.resolve("junk.npy"), "not an npy file");
        npy(dir.resolve("ints.npy"), "<i4", 2, 2, new double[] {1, 2, 3, 16777217}, false); // 2^24 + 1: not a float32
        npy(dir.resolve("inf.npy"), "<f8", 2, 2, new double[] {1, 2, Double.POSITIVE_INFINITY, 4}, false);
        String[][] cases = {
            {"missing.csv", "no such file"},
            {"ragged.csv", "line 3 has 1 columns, expected 2"},
            {"nan.csv", "line 3, column 1"},
            {"word.csv", "'four' is not a number"},
            {"empty.csv", "no data rows"},
            {"three.csv", "dimension mismatch"},
            {"junk.npy", "not a .npy file"},
            {"ints.npy", "dtype"},
            {"inf.npy", "row 1, column 0"},
        };
        for (String[] c : cases) {
            Run r = sparker("score", "--model", model.toString(), "--input", dir.resolve(c[0]).toString(), "--out",
                    out.toString(), "--backend", "reference");
            assertThat(r.code()).as(c[0]).isEqualTo(1);
            assertThat(r.err()).as(c[0]).contains(c[1]).contains(c[0]).doesNotContain("\tat ").startsWith("sparker: ");
            assertThat(r.err().strip().lines().count()).as(c[0]).isEqualTo(1);
            assertThat(out).as(c[0]).doesNotExist();
        }
        Run badModel = sparker("score", "--model", dir.resolve("bad.json").toString(), "--input",
                dir.resolve("three.csv").toString(), "--out", out.toString());
        assertThat(badModel.code()).isEqualTo(1);
        assertThat(badModel.err()).contains("bad.json").contains("width");
        Run unknownBackend = sparker("score", "--model", model.toString(), "--input", dir.resolve("nan.csv").toString(),
                "--out", out.toString(), "--backend", "tpu");
        assertThat(unknownBackend.code()).isEqualTo(1);
        assertThat(sparker("score", "--model").code()).isEqualTo(2); // usage
        Path small = csv(dir.resolve("small.csv"), null, new double[][] {{1, 1}, {2, 2}});
        Run tooSmall = sparker("run", "--reference", small.toString(), "--data", small.toString(), "--out",
                dir.resolve("x").toString(), "--backend", "reference", "-q");
        assertThat(tooSmall.code()).isEqualTo(1);
        assertThat(tooSmall.err()).contains("small.csv");
    }

    static String[] concat(String[] a, String[] b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
