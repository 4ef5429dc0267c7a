package org.sparker.cli;

import org.sparker.app.io.DataFiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sparker.cli.SparkerCliTest.npy;
import static org.sparker.cli.SparkerCliTest.sparker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparker.engine.FloatMatrix;
import org.sparker.sampling.Seeds;
import org.sparker.transport.ImageGrid;
import org.sparker.transport.JetImages;

/** {@code sparker medoids} and {@code sparker radot} on temporary files, as a user runs them. */
class TransportCommandsTest {

    @TempDir
    Path dir;

    private Path jets(String name, int[] prongs, long seed) throws IOException {
        var rng = Seeds.stream(seed);
        int px = ImageGrid.JETS.pixels();
        double[] flat = new double[prongs.length * px];
        for (int i = 0; i < prongs.length; i++) {
            System.arraycopy(JetImages.sample(prongs[i], ImageGrid.JETS, rng), 0, flat, i * px, px);
        }
        return npy(dir.resolve(name), "<f8", prongs.length, px, flat, false);
    }

    @Test
    void medoidsScoresThreeProngJetsAboveOneProngJets() throws IOException {
        int[] ref = new int[40];
        java.util.Arrays.fill(ref, 1);
        int[] data = new int[40];
        double[] labels = new double[40];
        for (int i = 0; i < 40; i++) {
            data[i] = i % 2 == 0 ? 1 : 3;
            labels[i] = i % 2 == 0 ? 0 : 1;
        }
        Path r = jets("ref.npy", ref, 1);
        Path x = jets("x.npy", data, 2);
        Path y = npy(dir.resolve("y.npy"), "<f8", 40, 0, labels, false);
        Path out = dir.resolve("w1");
        var run = sparker("medoids", "--reference", r.toString(), "--data", x.toString(), "--labels", y.toString(),
                "--metric", "wass:1", "--k", "3", "--combine", "min", "--out", out.toString(), "-q");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.resolve("medoids.json").toFile());
        assertThat(json.get("medoids")).hasSize(3);
        assertThat(json.get("auc").asDouble()).isGreaterThan(0.8);
        assertThat(Files.readAllLines(out.resolve("scores.csv"))).hasSize(41).first().isEqualTo("f,score,row,label");

        // Sinkhorn at its default ε (pitch/8 for W_1): every problem converges, the same medoids, each
        // distance within the entropic bias (2% and ε/10) of the exact one
        Path entropic = dir.resolve("sk");
        var sk = sparker("medoids", "--reference", r.toString(), "--data", x.toString(), "--labels", y.toString(),
                "--metric", "wass:1", "--k", "3", "--combine", "min", "--solver", "sinkhorn", "--out",
                entropic.toString(), "-q");
        assertThat(sk.code()).as(sk.err()).isZero();
        assertThat(sk.err()).doesNotContain("Sinkhorn problems stopped");
        JsonNode skJson = new ObjectMapper().readTree(entropic.resolve("medoids.json").toFile());
        assertThat(skJson.get("eps").asDouble()).isEqualTo(0.01);
        assertThat(skJson.get("sinkhorn_unconverged").asLong()).isZero();
        assertThat(skJson.get("medoids")).isEqualTo(json.get("medoids"));
        List<String> exact = Files.readAllLines(out.resolve("scores.csv"));
        List<String> approx = Files.readAllLines(entropic.resolve("scores.csv"));
        for (int i = 1; i < exact.size(); i++) {
            double e = Double.parseDouble(exact.get(i).split(",")[0]);
            assertThat(Double.parseDouble(approx.get(i).split(",")[0])).as("row %d", i).isCloseTo(e,
                    org.assertj.core.api.Assertions.within(0.02 * e + 0.001)); // 2% and ε/10
        }

        // the elbow, the mean image and the pixel metric run too; the same inputs give the same scores
        var elbow = sparker("medoids", "--reference", r.toString(), "--data", x.toString(), "--metric", "mpe:2",
                "--k", "elbow", "--max-k", "5", "--out", dir.resolve("mpe").toString(), "-q");
        assertThat(elbow.code()).as(elbow.err()).isZero();
        JsonNode e = new ObjectMapper().readTree(dir.resolve("mpe/medoids.json").toFile());
        assertThat(e.get("elbow")).hasSize(5);
        assertThat(e.get("k").asInt()).isBetween(1, 5);
        var avg = sparker("medoids", "--reference", r.toString(), "--data", x.toString(), "--labels", y.toString(),
                "--combine", "avg", "--solver", "sinkhorn", "--eps", "0.002", "--out", dir.resolve("avg").toString(), "-q");
        assertThat(avg.code()).as(avg.err()).isZero();
        // the 2-prong signal images lie farther from the mean image than the 1-prong background
        assertThat(new ObjectMapper().readTree(dir.resolve("avg/medoids.json").toFile()).get("auc").asDouble())
                .isGreaterThan(0.5);
    }

    @Test
    void medoidsNamesBadInput() throws IOException {
        Path r = jets("ref.npy", new int[] {1, 1, 1, 1, 1}, 3);
        Path bad = npy(dir.resolve("bad.npy"), "<f8", 2, 3, new double[] {1, 2, 3, 4, 5, 6}, false);
        var wrongWidth = sparker("medoids", "--reference", r.toString(), "--data", bad.toString(), "--k", "2",
                "--out", dir.resolve("o").toString(), "-q");
        assertThat(wrongWidth.code()).isEqualTo(1);
        assertThat(wrongWidth.err()).contains("bad.npy: rows have 3 values but the grid 40×40 has 1600 pixels");
        var badMetric = sparker("medoids", "--reference", r.toString(), "--data", r.toString(), "--metric", "wass:-1",
                "--k", "2", "--out", dir.resolve("o").toString(), "-q");
        assertThat(badMetric.err()).contains("--metric: the exponent must be finite and > 0");
        var badK = sparker("medoids", "--reference", r.toString(), "--data", r.toString(), "--k", "9",
                "--out", dir.resolve("o").toString(), "-q");
        assertThat(badK.err()).contains("--k: must be between 1 and the 5 reference images");
        assertThat(Files.exists(dir.resolve("o"))).isFalse();
    }

    /** Events: mass uniform on [0, 3), one feature x = m + N(0, 0.1²), another N(0, 1). */
    private Path resonantEvents(int n) throws IOException {
        SplittableRandom rnd = new SplittableRandom(5);
        double[] ev = new double[n * 3];
        for (int i = 0; i < n; i++) {
            double m = 3 * rnd.nextDouble();
            ev[3 * i] = m;
            ev[3 * i + 1] = m + 0.1 * rnd.nextGaussian();
            ev[3 * i + 2] = rnd.nextGaussian();
        }
        return npy(dir.resolve("events.npy"), "<f8", n, 3, ev, false);
    }

    @Test
    void radotWritesATemplateThatRunAccepts() throws IOException {
        Path ev = resonantEvents(3000);
        Path t = dir.resolve("template.npy");
        var run = sparker("radot", "--events", ev.toString(), "--mass-column", "0", "--sr", "1:2", "--sb1", "0:1",
                "--sb2", "2:3", "--batch", "300", "--batches", "3", "--seed", "7", "--out", t.toString(),
                "--masses-out", dir.resolve("m.npy").toString(), "-q");
        assertThat(run.code()).as(run.err()).isZero();
        FloatMatrix template = DataFiles.read(t);
        assertThat(template.rows()).isEqualTo(900);
        assertThat(template.cols()).isEqualTo(2);
        FloatMatrix masses = DataFiles.read(dir.resolve("m.npy"));
        // the interpolated first feature follows the sampled mass, as the sidebands' does
        double err = 0;
        for (int i = 0; i < 900; i++) {
            assertThat(masses.data()[i]).isBetween(1f, 2f);
            err += Math.abs(template.data()[2 * i] - masses.data()[i]);
        }
        assertThat(err / 900).isLessThan(0.2);
        // the same seed gives the same bytes
        Path t2 = dir.resolve("template2.npy");
        sparker("radot", "--events", ev.toString(), "--sr", "1:2", "--sb1", "0:1", "--sb2", "2:3", "--batch", "300",
                "--batches", "3", "--seed", "7", "--out", t2.toString(), "-q");
        assertThat(Files.readAllBytes(t2)).isEqualTo(Files.readAllBytes(t));
        // the dijet mass model, fitted to the sidebands (masses here in arbitrary units: √s = 10)
        Path t3 = dir.resolve("template3.npy");
        var dijet = sparker("radot", "--events", ev.toString(), "--sr", "1:2", "--sb1", "0.5:1", "--sb2", "2:2.5",
                "--batch", "300", "--batches", "2", "--mass-model", "dijet", "--sqrt-s", "10", "--out", t3.toString());
        assertThat(dijet.code()).as(dijet.err()).isZero();
        assertThat(dijet.out()).contains("dijet fit p2, p3, p4");
        assertThat(DataFiles.read(t3).rows()).isEqualTo(600);
    }

    @Test
    void radotNamesBadInput() throws IOException {
        Path ev = resonantEvents(500);
        Path t = dir.resolve("t.npy");
        var big = sparker("radot", "--events", ev.toString(), "--sr", "1:2", "--sb1", "0:1", "--sb2", "2:3",
                "--batch", "400", "--batches", "1", "--out", t.toString(), "-q");
        assertThat(big.code()).isEqualTo(1);
        assertThat(big.err()).contains("--batch: 400 events per sideband per batch, but SB1 has");
        var order = sparker("radot", "--events", ev.toString(), "--sr", "0:1", "--sb1", "1:2", "--sb2", "2:3",
                "--out", t.toString(), "-q");
        assertThat(order.err()).contains("SB1 below the SR below SB2");
        var col = sparker("radot", "--events", ev.toString(), "--mass-column", "3", "--sr", "1:2", "--sb1", "0:1",
                "--sb2", "2:3", "--out", t.toString(), "-q");
        assertThat(col.err()).contains("--mass-column: ").contains("has columns 0 to 2, got 3");
        var name = sparker("radot", "--events", ev.toString(), "--sr", "1:2", "--sb1", "0:1", "--sb2", "2:3",
                "--out", dir.resolve("t.csv").toString(), "-q");
        assertThat(name.err()).contains("give a name ending in .npy");
        assertThat(Files.exists(t)).isFalse();
        // an existing .npy (here the user's own events, copied) is never overwritten
        Path mine = Files.copy(ev, dir.resolve("mine.npy"));
        byte[] before = Files.readAllBytes(mine);
        var over = sparker("radot", "--events", ev.toString(), "--sr", "1:2", "--sb1", "0:1", "--sb2", "2:3",
                "--batch", "100", "--batches", "1", "--out", mine.toString(), "-q");
        assertThat(over.code()).isEqualTo(1);
        assertThat(over.err()).contains("--out " + mine + " exists; this command writes only new files there");
        assertThat(Files.readAllBytes(mine)).isEqualTo(before);
    }
}
