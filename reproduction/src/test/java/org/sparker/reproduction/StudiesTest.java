package org.sparker.reproduction;

import org.sparker.app.BaselineSettings;
import org.sparker.app.Reporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparker.baselines.Method;
import org.sparker.engine.train.TrainerConfig;
import org.sparker.stats.Power;
import org.sparker.toys.ExponentialToy;

/**
 * Every study in its quick, seeded form: its JSON and plots, and numbers that say the science
 * ran (a kernel reaching an anomaly, a too-narrow kernel not moving, medians falling with the
 * width, a type-I error inside its binomial band, a strong signal found).
 */
class StudiesTest {

    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    private StudyContext context(StudyOptions options) {
        return new StudyContext(System.getProperty("sparker.backend", "auto"), 2, 1, options, dir, Reporter.silent());
    }

    private JsonNode runQuick(String name) throws Exception {
        Study study = Studies.find(name).orElseThrow();
        Studies.run(study, context(StudyOptions.of(true, TrainerConfig.builder().build())));
        JsonNode j = JSON.readTree(dir.resolve(name + ".json").toFile());
        assertThat(j.get("study").asText()).isEqualTo(name);
        assertThat(j.get("quick").asBoolean()).isTrue();
        assertThat(j.get("seed").asLong()).isEqualTo(1);
        assertThat(j.get("methods").get(0).asText()).isEqualTo("sparker");
        assertThat(j.get("plots").size()).isPositive();
        for (JsonNode plot : j.get("plots")) {
            byte[] png = Files.readAllBytes(dir.resolve(plot.asText()));
            assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        }
        return j;
    }

    /**
     * The RAD-OT study's quick form (seeded): every row present, and on the same toys the
     * random-pairing templates (too narrow) give p-values unlike the calibration's (KS p < 0.05)
     * while the optimal templates' p-values are further from rejection than theirs.
     */
    @Test
    void radotStudyHasItsRowsAndRandomPairingIsNoBetter() throws Exception {
        JsonNode j = runQuick("radot");
        JsonNode typeI = j.get("type_i");
        assertThat(typeI).hasSize(2);
        assertThat(typeI.get(0).get("variant").asText()).isEqualTo("radot");
        assertThat(typeI.get(1).get("variant").asText()).isEqualTo("random-pairing");
        double radotKs = typeI.get(0).get("ks_exchangeable_pvalue").asDouble();
        double randomKs = typeI.get(1).get("ks_exchangeable_pvalue").asDouble();
        assertThat(randomKs).isLessThan(0.05).isLessThan(radotKs);
        assertThat(j.get("power")).hasSize(2);
        for (JsonNode row : j.get("power")) {
            assertThat(row.get("toys").asInt()).isPositive();
            // the power and its intervals: nested, the 68% one inside the 95% one
            double power = row.get("power").asDouble();
            assertThat(row.get("ci95_low").asDouble()).isLessThanOrEqualTo(row.get("ci68_low").asDouble())
                    .isLessThanOrEqualTo(power);
            assertThat(row.get("ci95_high").asDouble()).isGreaterThanOrEqualTo(row.get("ci68_high").asDouble())
                    .isGreaterThanOrEqualTo(power);
        }
    }

    /**
     * Kasieczka et al. (arXiv:2209.06225): in every coordinate system SparKer's AUC (median of 3 trials at the study's full
     * sizes, d = 1) stays within 0.10 of the likelihood ratio's, Φ(√½) = 0.760, while the exact
     * density score falls to 0.50 (Φ), 0.25 (tanh) or 0.36 (e^{−x}). The tolerance comes from 20
     * trials (seed 2026, `sparker invariance --trials 20`, docs/reproduction.md "Coordinate
     * invariance"): the worst median of 3 disjoint trials was 0.064 below the ratio (Φ); 0.10 is
     * 1.5 times that.
     */
    @Test
    void sparkerStaysNearTheLikelihoodRatioInEveryCoordinateSystem() throws Exception {
        InvarianceStudy study = new InvarianceStudy(List.of(1), List.of(org.sparker.app.preprocess.CoordinateMap.IDENTITY,
                org.sparker.app.preprocess.CoordinateMap.PHI, org.sparker.app.preprocess.CoordinateMap.TANH_SHIFT,
                org.sparker.app.preprocess.CoordinateMap.EXP_NEG), List.of("ratio", "density", "sparker"), 3, null, null,
                null);
        Studies.run(study, context(StudyOptions.of(false, TrainerConfig.builder().build())));
        JsonNode rows = JSON.readTree(dir.resolve("invariance.json").toFile()).get("rows");
        int checked = 0;
        for (JsonNode row : rows) {
            double[] a = new double[3];
            for (int k = 0; k < 3; k++) {
                a[k] = row.get("aucs").get(k).asDouble();
            }
            java.util.Arrays.sort(a);
            String cell = row.get("map").asText() + " " + row.get("score").asText();
            switch (row.get("score").asText()) {
                case "ratio" -> assertThat(a[1]).as(cell).isCloseTo(0.760250, org.assertj.core.api.Assertions.within(0.01));
                case "sparker" -> {
                    assertThat(a[1]).as(cell).isCloseTo(0.760250, org.assertj.core.api.Assertions.within(0.10));
                    checked++;
                }
                case "density" -> assertThat(a[1]).as(cell).isCloseTo(row.get("exact").asDouble(),
                        org.assertj.core.api.Assertions.within(0.01));
                default -> throw new AssertionError(cell);
            }
        }
        assertThat(checked).isEqualTo(4);
    }

    @Test
    void theRegistryHoldsEveryStudyOnce() {
        assertThat(Studies.ALL).extracting(Study::name).containsExactly("table1", "table2", "table4", "table5", "type1", "fig4",
                "fig5", "fig6", "fig7", "kernel-np-reference", "fig14", "tune", "real-data", "radot", "invariance");
        assertThat(Studies.ALL).filteredOn(Study::comparesMethods).extracting(Study::name)
                .containsExactly("table1", "table2", "type1", "tune", "real-data");
        assertThat(Studies.find("nope")).isEmpty();
    }

    @Test
    void fig4EndsWithAKernelOnAClusterAndNoneFarOutside() throws Exception {
        JsonNode j = runQuick("fig4");
        double best = Double.POSITIVE_INFINITY;
        for (JsonNode d : j.get("nearest_kernel_to_each_cluster")) {
            best = Math.min(best, d.asDouble());
        }
        assertThat(best).as("distance of the closest kernel to a cluster (clusters have σ = 0.05)").isLessThan(0.15);
        for (JsonNode k : j.get("kernels")) {
            for (JsonNode c : k.get("end")) {
                assertThat(Math.abs(c.asDouble())).as("kernel end within reach of the [-1, 1]² data").isLessThan(5);
            }
        }
    }

    @Test
    void fig5TooNarrowAKernelDoesNotMoveAndAnnealingMovesTowardsTheAnomaly() throws Exception {
        JsonNode runs = runQuick("fig5").get("runs");
        assertThat(runs).hasSize(5);
        double narrow = runs.get(3).get("final_distance").asDouble();
        double annealing = runs.get(4).get("final_distance").asDouble();
        assertThat(runs.get(3).get("label").asText()).isEqualTo("σ = 0.05");
        // the start −3 is 7 from the anomaly; at σ = 0.05 the anomaly's gradient is e^{−9800}
        assertThat(narrow).isBetween(6.8, 7.2);
        assertThat(annealing).as("annealing from σ = 5 feels the anomaly").isLessThan(narrow - 0.5);
    }

    @Test
    void fig6SoftmaxPutsAKernelOnAnAnomaly() throws Exception {
        JsonNode runs = runQuick("fig6").get("runs");
        JsonNode softmax = runs.get(0);
        assertThat(softmax.get("variant").asText()).isEqualTo("softmax");
        double nearest = Math.min(softmax.get("nearest_kernel_to_each_target").get(0).asDouble(),
                softmax.get("nearest_kernel_to_each_target").get(1).asDouble());
        assertThat(nearest).isLessThan(0.5);
    }

    @Test
    void fig7TrainsSevenKernelsInBothVariants() throws Exception {
        JsonNode runs = runQuick("fig7").get("runs");
        for (JsonNode r : runs) {
            assertThat(r.get("final_centers")).hasSize(7);
            // the kernels start on data points of the ±3 mixture and the −5 signal: 200 steps of
            // at most η = 0.05 keep them within 10 of where they began
            for (JsonNode c : r.get("final_centers")) {
                assertThat(Math.abs(c.asDouble())).isLessThan(20);
            }
        }
    }

    @Test
    void fig14ComparesWithTheUniformMean() throws Exception {
        JsonNode j = runQuick("fig14");
        // Darling's asymptotic mean of Moran's statistic for 5 uniform positions: 6γ − ½ − 1/72
        assertThat(j.get("uniform_mean").asDouble()).isCloseTo(6 * 0.5772156649015329 - 0.5 - 1.0 / 72,
                org.assertj.core.api.Assertions.within(1e-12));
        for (JsonNode c : j.get("curves")) {
            assertThat(c.get("final_mean").asDouble()).isPositive();
            assertThat(c.get("mean")).hasSize(c.get("steps").size());
        }
        // the paired comparison is made from the same toys' final values as the curves' ends
        JsonNode paired = j.get("paired");
        JsonNode soft = paired.get("softmax_final");
        JsonNode none = paired.get("no_softmax_final");
        assertThat(soft).hasSize(j.get("toys").asInt());
        double meanSoft = 0;
        double meanDiff = 0;
        for (int k = 0; k < soft.size(); k++) {
            meanSoft += soft.get(k).asDouble() / soft.size();
            meanDiff += (soft.get(k).asDouble() - none.get(k).asDouble()) / soft.size();
        }
        assertThat(meanSoft).isCloseTo(j.get("curves").get(0).get("final_mean").asDouble(),
                org.assertj.core.api.Assertions.within(1e-9));
        assertThat(paired.get("mean_difference").asDouble()).isCloseTo(meanDiff, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(paired.get("softmax_lower").asInt() + paired.get("no_softmax_lower").asInt()).isLessThanOrEqualTo(soft.size());
        double[] softValues = new double[soft.size()];
        double[] noneValues = new double[soft.size()];
        for (int k = 0; k < softValues.length; k++) {
            softValues[k] = soft.get(k).asDouble();
            noneValues[k] = none.get(k).asDouble();
        }
        // the study's paired test is Wilcoxon's signed-rank test of these pairs (1 when every pair ties)
        boolean allTie = java.util.Arrays.equals(softValues, noneValues);
        assertThat(paired.get("p_value_wilcoxon").asDouble()).isCloseTo(allTie ? 1.0 : org.apache.commons.statistics
                .inference.WilcoxonSignedRankTest.withDefaults().test(softValues, noneValues).getPValue(),
                org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void fig14PairedComparisonOfKnownValues() {
        // softmax lower on 9 of 10 toys by 1 … 9, higher on one by 0.5: the signed-rank p is small
        double[] soft = new double[10];
        double[] none = new double[10];
        for (int k = 0; k < 9; k++) {
            soft[k] = 10;
            none[k] = 11 + k;
        }
        soft[9] = 10.5;
        none[9] = 10;
        Fig14Study.Paired p = Fig14Study.paired(soft, none);
        assertThat(p.softmaxLower()).isEqualTo(9);
        assertThat(p.noSoftmaxLower()).isEqualTo(1);
        assertThat(p.medianDifference()).isEqualTo(-4.5);
        assertThat(p.pValueWilcoxon()).isLessThan(0.01);
        assertThat(Fig14Study.paired(soft, soft.clone()).pValueWilcoxon()).isEqualTo(1.0);
    }

    @Test
    void kernelNpNullMediansFallWithTheWidth() throws Exception {
        JsonNode rows = runQuick("kernel-np-reference").get("rows");
        assertThat(rows).hasSize(6);
        double previous = Double.POSITIVE_INFINITY;
        for (JsonNode r : rows) {
            double median = r.get("null_median").asDouble();
            assertThat(median).as("σ = %s", r.get("sigma")).isPositive().isLessThan(previous);
            previous = median;
            assertThat(r.get("published_null_median").asDouble()).isPositive();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"table1", "table2", "table4", "table5"})
    void powerTablesWriteEveryRowAndTheirPairedComparisons(String name) throws Exception {
        JsonNode j = runQuick(name);
        int variants = name.equals("table4") ? 3 : name.equals("table5") ? 2 : 4;
        assertThat(j.get("rows")).hasSize(variants);
        for (JsonNode row : j.get("rows")) {
            double power = row.get("power").asDouble();
            assertThat(power).isEqualTo(row.get("detected").asDouble() / row.get("signal_toys").asInt());
            assertThat(row.get("ci68_low").asDouble()).isLessThanOrEqualTo(power);
            assertThat(row.get("ci68_high").asDouble()).isGreaterThanOrEqualTo(power);
            assertThat(row.get("signal_toys").asInt()).isEqualTo(4);
            assertThat(row.get("p_value_floor").asDouble()).isEqualTo(1.0 / 7);
        }
        if (name.equals("table4") || name.equals("table5")) {
            // the variants share their signal toys: compared toy by toy, and the paper's value beside ours
            assertThat(j.get("paired_comparisons")).hasSize(name.equals("table4") ? 3 : 1);
            assertThat(j.get("rows").get(0).get("paper_power").asDouble()).isEqualTo(0.86);
        }
    }

    /**
     * The power machinery end to end at a size where the answer is known: without a signal the
     * "power" is the type-I error, inside its binomial band around α; a 5% bump at 6.4 (ten
     * events where the reference expects almost none) is found far more often than α.
     */
    @Test
    void aPowerTableHasTheTypeOneErrorAtAlphaAndFindsAStrongSignal() throws Exception {
        var toy = ExponentialToy.bump(6.4, 0.16, 0.05);
        PowerTableStudy study = new PowerTableStudy("check", "type-I error and a strong signal", false,
                List.of(new PowerTableStudy.Variant("none", toy.withoutSignal(), null),
                        new PowerTableStudy.Variant("bump", toy, null)));
        StudyOptions options = new StudyOptions(true, 39, 40, List.of(Method.SPARKER), TrainerConfig.builder().build(),
                BaselineSettings.defaults(), null, null, null);
        PowerTableStudy.Result r = study.run(context(options));
        PowerTableStudy.PowerRow none = r.rows().get(0);
        PowerTableStudy.PowerRow bump = r.rows().get(1);
        // P(X ≥ 7) = 0.0017 for X ~ Binomial(40, 0.05): a valid calibration stays below 7
        assertThat(none.detected()).as("false detections of 40 anomaly-free toys at α = 0.05").isLessThan(7);
        // P(X ≥ 10) = 1e-5 by chance: found far more often than α
        assertThat(bump.detected()).as("power on the strong bump %s", Power.of(bump.detected(), 40, 0.05, 0.68))
                .isGreaterThanOrEqualTo(10);
        assertThat(r.pairedComparisons()).isEmpty(); // different toys: no pairing
        // the anomaly-free row is the type-I error: its fresh toys' p-values, with a KS test
        assertThat(r.typeI()).singleElement().satisfies(t -> {
            assertThat(t.variant()).isEqualTo("none");
            assertThat(t.toys()).isEqualTo(40);
            assertThat(t.nullToys()).isEqualTo(39);
            assertThat(t.rate()).isEqualTo(none.power());
            assertThat(t.ci95Low()).isLessThanOrEqualTo(t.rate());
            assertThat(t.ci95High()).isGreaterThanOrEqualTo(t.rate());
            assertThat(t.ksExchangeablePValue()).as("KS p-value, fresh against calibration toys").isGreaterThan(0.001);
            // a calibration's own leave-one-out p-values are uniform
            assertThat(t.ksUniformPValue()).isGreaterThan(0.001);
        });
    }

    /**
     * The type-I row: uniform p-values give a rate near α whose 95% interval holds α and large
     * KS p-values; p-values piled near 0 (a miscalibrated test) give a high rate and tiny ones.
     */
    @Test
    void typeOneRowOfFreshNullPValues() {
        java.util.Random rng = new java.util.Random(5);
        double[] uniform = new double[400];
        double[] piled = new double[400];
        double[] grid = new double[300];
        for (int k = 0; k < uniform.length; k++) {
            uniform[k] = (1 + rng.nextInt(300)) / 301.0;
            piled[k] = Math.pow(uniform[k], 3);
        }
        for (int k = 0; k < grid.length; k++) {
            grid[k] = (k + 1) / 300.0; // leave-one-out p-values of 300 toys without ties
        }
        PowerTableStudy.TypeIRow ok = PowerTableStudy.typeI("x", Method.SPARKER, 300, uniform, grid);
        assertThat(ok.toys()).isEqualTo(400);
        assertThat(ok.rate()).isBetween(0.02, 0.08);
        assertThat(ok.ci95Low()).isLessThan(0.05);
        assertThat(ok.ci95High()).isGreaterThan(0.05);
        assertThat(ok.ksUniformPValue()).isGreaterThan(0.01);
        assertThat(ok.ksExchangeablePValue()).isGreaterThan(0.01);
        PowerTableStudy.TypeIRow bad = PowerTableStudy.typeI("x", Method.SPARKER, 300, piled, grid);
        assertThat(bad.ci95Low()).isGreaterThan(0.05);
        assertThat(bad.ksUniformPValue()).isLessThan(1e-6);
        assertThat(bad.ksExchangeablePValue()).isLessThan(1e-6);
    }

    /**
     * The real-data study on a committed extract of the breast-cancer table (see
     * README-breast-cancer.md): every method at every k (SparKer under both aggregation rules), and
     * with centre steps in width units the same p-values when every feature is 1,000 times larger.
     */
    @Test
    void realDataPValuesDoNotDependOnTheUnits() throws Exception {
        Path table = Path.of(StudiesTest.class.getResource("breast_cancer_extract.csv").toURI());
        // the former default's optimiser with centre steps in σ_0 units: equivariant, and on
        // these three trials the p-values are the same to the last bit
        TrainerConfig training = TrainerConfig.builder().optimizer(TrainerConfig.Optimizer.ADAM)
                .initialization(TrainerConfig.Initialization.DATA).annealing(TrainerConfig.Annealing.LINEAR)
                .amplitudeClip(100).learningRate(0.05).centerUnits(TrainerConfig.CenterUnits.INITIAL_WIDTH)
                .centerRate(0.01).build();
        StudyOptions options = new StudyOptions(true, null, null, null, training, BaselineSettings.defaults(), null,
                null, table);
        Studies.run(Studies.find("real-data").orElseThrow(), context(options));
        JsonNode j = JSON.readTree(dir.resolve("real-data.json").toFile());
        assertThat(j.get("benign").asInt()).isEqualTo(60);
        assertThat(j.get("malignant_available").asInt()).isEqualTo(20);
        assertThat(j.get("dimension").asInt()).isEqualTo(30);
        assertThat(j.get("rows")).hasSize(2 * 6);
        assertThat(j.get("rows")).extracting(r -> r.get("method").asText()).containsOnly("sparker", "sparker-min-p",
                "sparker-standardized", "sparker-standardized-min-p", "kernel-np", "mmd-fuse");
        for (JsonNode r : j.get("rows")) {
            for (JsonNode p : r.get("p_values")) {
                // an empirical p-value (1 + #toys beyond) / (K + 1) or a permutation one: a count over K + 1
                double counted = p.asDouble() * (j.get("calibration_toys").asInt() + 1);
                if (r.get("method").asText().startsWith("sparker")) {
                    assertThat(counted).isCloseTo(Math.rint(counted), org.assertj.core.api.Assertions.within(1e-6));
                }
                assertThat(p.asDouble()).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
            }
        }
        for (JsonNode u : j.get("units_check")) {
            if (u.get("method").asText().startsWith("sparker")) {
                assertThat(u.get("identical").asInt()).as("%s", u).isEqualTo(u.get("trials").asInt());
            }
        }
    }

    /**
     * {@code --methods kernel-np}: that column alone, on the trials of the full run (they depend
     * on the seed alone), so its p-values are the full run's to the last bit.
     */
    @Test
    void realDataRunsTheMethodsAskedForOnTheSameTrials() throws Exception {
        Path table = Path.of(StudiesTest.class.getResource("breast_cancer_extract.csv").toURI());
        Studies.run(Studies.find("real-data").orElseThrow(), context(new StudyOptions(true, null, null,
                List.of(Method.KERNEL_NP), TrainerConfig.builder().build(), BaselineSettings.defaults(), null, null, table)));
        JsonNode alone = JSON.readTree(dir.resolve("real-data.json").toFile());
        assertThat(alone.get("methods")).extracting(JsonNode::asText).containsExactly("kernel-np");
        assertThat(alone.get("rows")).extracting(r -> r.get("method").asText()).containsOnly("kernel-np");
        assertThat(alone.get("paired_comparisons")).isEmpty();
        Path both = dir.resolve("both");
        Studies.run(Studies.find("real-data").orElseThrow(), new StudyContext(System.getProperty("sparker.backend", "auto"), 2, 1,
                new StudyOptions(true, null, null, List.of(Method.KERNEL_NP, Method.MMD_FUSE),
                        TrainerConfig.builder().build(), BaselineSettings.defaults(), null, null, table), both,
                Reporter.silent()));
        JsonNode j = JSON.readTree(both.resolve("real-data.json").toFile());
        assertThat(j.get("rows")).extracting(r -> r.get("method").asText()).containsOnly("kernel-np", "mmd-fuse");
        for (int i = 0; i < alone.get("rows").size(); i++) {
            JsonNode np = j.get("rows").get(2 * i);
            assertThat(np.get("method").asText()).isEqualTo("kernel-np");
            assertThat(np.get("p_values")).isEqualTo(alone.get("rows").get(i).get("p_values"));
        }
    }

    @Test
    void onlyThePowerTablesCompareMethods() {
        StudyOptions options = new StudyOptions(true, null, null, List.of(Method.KERNEL_NP),
                TrainerConfig.builder().build(), BaselineSettings.defaults(), null, null, null);
        assertThatThrownBy(() -> Studies.run(Studies.find("fig5").orElseThrow(), context(options)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--methods");
    }

    @Test
    void publishedValuesComeFromTheResourceFile() {
        assertThat(PublishedValues.power("table4", "MSE")).hasValue(0.61);
        assertThat(PublishedValues.power("table5", "no softmax")).hasValue(0.72);
        assertThat(PublishedValues.power("table1", "bulk")).isEmpty();
        assertThat(PublishedValues.kernelNpReference()).hasSize(6)
                .first().isEqualTo(new PublishedValues.KernelNpRow(0.1, 131.8, 0.22));
    }
}
