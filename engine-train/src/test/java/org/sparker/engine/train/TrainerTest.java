package org.sparker.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.KernelModel;
import org.sparker.engine.Loss;
import org.sparker.engine.TrainingSamples;
import org.sparker.engine.reference.ReferenceBackend;
import org.sparker.sampling.Seeds;

/** The trainer of docs/design.md §4 on the reference backend. */
class TrainerTest {

    /** The paper's 1D set-up in small: Exp(1) reference of 1,000, data of 100 Exp(1) plus 5 at N(6.4, 0.16). */
    private static final TrainingSamples SAMPLES = exponentialWithBump(1000, 100, 5, Seeds.stream(1));

    static TrainingSamples exponentialWithBump(int nReference, int nBackground, int nSignal,
            org.apache.commons.rng.UniformRandomProvider rng) {
        var exp = org.apache.commons.rng.sampling.distribution.AhrensDieterExponentialSampler.of(rng, 1.0);
        var gauss = org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian.of(rng);
        double[] ref = new double[nReference];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = exp.sample();
        }
        double[] data = new double[nBackground + nSignal];
        for (int i = 0; i < data.length; i++) {
            data[i] = i < nBackground ? exp.sample() : 6.4 + 0.16 * gauss.sample();
        }
        return TrainingSamples.of(FloatMatrix.column(ref), FloatMatrix.column(data), (double) nBackground / nReference);
    }

    /**
     * k-means++ seeding: distinct data rows, reproducible per seed, and a far cluster of 5 points
     * among 1,000 is seeded far more often than a uniform draw (5 kernels: about 2.5% of seeds)
     * would.
     */
    @Test
    void spreadSeedingReachesAFarClusterThatUniformDrawsMiss() {
        var rng = Seeds.stream(3);
        double[] x = new double[1005];
        for (int i = 0; i < 1000; i++) {
            x[i] = rng.nextDouble();
        }
        for (int i = 1000; i < 1005; i++) {
            x[i] = 9 + 0.01 * i / 1000.0;
        }
        FloatMatrix data = FloatMatrix.column(x);
        int spreadHits = 0;
        int uniformHits = 0;
        for (long seed = 0; seed < 200; seed++) {
            int[] rows = Trainer.spread(data, 5, Seeds.stream(seed));
            assertThat(Arrays.stream(rows).distinct().count()).isEqualTo(5);
            assertThat(Trainer.spread(data, 5, Seeds.stream(seed))).containsExactly(rows);
            if (Arrays.stream(rows).anyMatch(r -> r >= 1000)) {
                spreadHits++;
            }
            int[] uniform = new org.apache.commons.rng.sampling.PermutationSampler(Seeds.stream(seed), 1005, 5).sample();
            if (Arrays.stream(uniform).anyMatch(r -> r >= 1000)) {
                uniformHits++;
            }
        }
        // the cluster holds 5 × 81 of a squared-distance mass ≈ 5 × 81 + 1000 / 6 after a bulk centre
        assertThat(spreadHits).as("seeds of 200 with a kernel on the far cluster").isGreaterThan(180);
        assertThat(uniformHits).isLessThan(15);
    }

    /** Pooled seeding starts kernels on the reference's support too: here on points only the reference has. */
    @Test
    void pooledSpreadSeedingCanStartOnReferencePoints() {
        // data in [0, 1]; the reference also has a far group at 20 the data lacks
        double[] ref = new double[200];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = i < 190 ? i / 190.0 : 20 + i / 1000.0;
        }
        double[] data = new double[50];
        for (int i = 0; i < data.length; i++) {
            data[i] = i / 50.0;
        }
        TrainingSamples s = TrainingSamples.of(FloatMatrix.column(ref), FloatMatrix.column(data), 0.25);
        int far = 0;
        for (long seed = 0; seed < 20; seed++) {
            TrainerConfig c = TrainerConfig.builder().steps(1).checkpoints(1).centerRate(0)
                    .initialization(TrainerConfig.Initialization.SPREAD_POOLED).widthRange(new WidthRange(1, 0.1))
                    .seed(seed).build();
            double[] mu = new Trainer(new ReferenceBackend(), c).train(s).checkpoints().get(0).model().centers();
            if (Arrays.stream(mu).anyMatch(x -> x > 19)) {
                far++;
            }
            TrainerConfig fromData = c.toBuilder().initialization(TrainerConfig.Initialization.SPREAD).build();
            double[] mu2 = new Trainer(new ReferenceBackend(), fromData).train(s).checkpoints().get(0).model().centers();
            assertThat(Arrays.stream(mu2).max().getAsDouble()).as("largest centre seeded from the data").isLessThan(1.0);
        }
        assertThat(far).as("seeds of 20 with a kernel on the reference-only group").isGreaterThan(15);
    }

    /** Coincident data points: the seeding still returns distinct rows (uniform among the rest). */
    @Test
    void spreadSeedingOnCoincidentPointsGivesDistinctRows() {
        FloatMatrix data = FloatMatrix.column(1, 1, 1, 1, 2);
        for (long seed = 0; seed < 20; seed++) {
            int[] rows = Trainer.spread(data, 5, Seeds.stream(seed));
            assertThat(Arrays.stream(rows).sorted().toArray()).containsExactly(0, 1, 2, 3, 4);
        }
    }

    /** Exploration: hybrid centres move by Adam steps first (about the amplitude rate times σ_t each), then by gradient descent. */
    @Test
    void hybridExplorationMovesCentresByAdamStepsFirst() {
        WidthRange range = new WidthRange(2.0, 0.2);
        TrainerConfig.Builder b = TrainerConfig.builder().steps(10).checkpoints(1).widthRange(range)
                .optimizer(TrainerConfig.Optimizer.HYBRID).centerUnits(TrainerConfig.CenterUnits.WIDTH)
                .centerRate(0).amplitudeRate(0.05).initialCenters(0.5, 1.0, 2.0, 3.0, 6.0).seed(4);
        TrainingResult calm = new Trainer(new ReferenceBackend(), b.build()).train(SAMPLES);
        // a centre rate of 0: gradient-descent centres stay put
        assertThat(calm.model().centers()).containsExactly(0.5, 1.0, 2.0, 3.0, 6.0);
        TrainerConfig explore = b.exploreFraction(0.5).build();
        assertThat(explore.exploreSteps()).isEqualTo(5);
        TrainingResult moved = new Trainer(new ReferenceBackend(), explore).train(SAMPLES);
        double[] mu = moved.model().centers();
        double[] start = {0.5, 1.0, 2.0, 3.0, 6.0};
        for (int i = 0; i < mu.length; i++) {
            // five Adam steps of at most ≈ 0.05 σ_t ≤ 0.1 each (Adam's first step is exactly ±η)
            assertThat(Math.abs(mu[i] - start[i])).as("centre %d", i).isGreaterThan(0.05).isLessThan(0.55);
        }
        assertThatThrownBy(() -> b.exploreFraction(1.5).build()).hasMessageContaining("exploreFraction");
    }

    /**
     * The centre-step cap shortens a gradient-descent step that would overshoot to {@code cap · σ}
     * along the same direction, leaves shorter steps alone, and with 0 changes nothing.
     */
    @Test
    void centreStepCapShortensLongGradientStepsOnly() {
        double sigma = 0.5;
        // a large amplitude on a kernel near the bump: a long gradient-descent step at rate 30
        KernelModel start = KernelModel.of(new double[] {4.0, 1.0}, 1, new double[] {5.0, 0.1}, sigma, true);
        TrainerConfig.Builder b = TrainerConfig.builder().steps(10).checkpoints(1).widthRange(new WidthRange(1, 0.1))
                .optimizer(TrainerConfig.Optimizer.GRADIENT_DESCENT).centerRate(30).amplitudeRate(1e-9).kernels(2);
        ReferenceBackend backend = new ReferenceBackend();
        org.sparker.engine.PreparedSamples prepared = backend.prepare(SAMPLES);
        double[][] moved = new double[3][];
        double[] caps = {0, 0.2, 1e6};
        for (int c = 0; c < caps.length; c++) {
            org.sparker.engine.ModelState state = org.sparker.engine.ModelState.copyOf(start);
            new TrainingStep(backend, prepared, state, b.centerStepCap(caps[c]).build()).run(1, sigma);
            moved[c] = state.centers.clone();
        }
        double free0 = moved[0][0] - 4.0;
        double free1 = moved[0][1] - 1.0;
        assertThat(Math.abs(free0)).as("the uncapped step of kernel 0").isGreaterThan(0.2 * sigma);
        assertThat(Math.abs(moved[1][0] - 4.0)).isCloseTo(0.2 * sigma, within(1e-12));
        assertThat(Math.signum(moved[1][0] - 4.0)).isEqualTo(Math.signum(free0));
        if (Math.abs(free1) <= 0.2 * sigma) {
            assertThat(moved[1][1]).isEqualTo(moved[0][1]); // a short step is not touched
        }
        assertThat(moved[2]).containsExactly(moved[0]); // a cap no step reaches changes no bit
        assertThatThrownBy(() -> b.centerStepCap(-1).build()).hasMessageContaining("centerStepCap: must be ≥ 0");
    }

    @Test
    void sameSeedAndBackendGiveIdenticalResults() {
        TrainerConfig config = TrainerConfig.builder().steps(200).seed(9).build();
        TrainingResult a = new Trainer(new ReferenceBackend(), config).train(SAMPLES);
        TrainingResult b = new Trainer(new ReferenceBackend(), config).train(SAMPLES);
        assertThat(b.checkpoints()).isEqualTo(a.checkpoints());
        TrainingResult c = new Trainer(new ReferenceBackend(), config.withSeed(10)).train(SAMPLES);
        assertThat(c.model()).isNotEqualTo(a.model());
    }

    @Test
    void checkpointsFollowTheLinearAnnealingDownToTheFinalWidth() {
        WidthRange range = new WidthRange(4, 0.5);
        TrainerConfig config = TrainerConfig.builder().steps(100).checkpoints(4).widthRange(range)
                .annealing(TrainerConfig.Annealing.LINEAR).build();
        TrainingResult r = new Trainer(new ReferenceBackend(), config).train(SAMPLES);
        assertThat(r.checkpoints()).extracting(Checkpoint::step).containsExactly(25, 50, 75, 100);
        assertThat(r.widths()).containsExactly(4 - 3.5 * 0.25, 4 - 3.5 * 0.5, 4 - 3.5 * 0.75, 0.5);
        for (Checkpoint c : r.checkpoints()) {
            assertThat(c.model().width()).isEqualTo(c.width());
        }
        assertThat(r.model()).isEqualTo(r.checkpoints().get(3).model());
    }

    @Test
    void geometricAnnealingAndAHoldAtTheFinalWidth() {
        WidthRange range = new WidthRange(8, 0.5);
        TrainerConfig geometric = TrainerConfig.builder().steps(100).checkpoints(4).widthRange(range)
                .annealing(TrainerConfig.Annealing.GEOMETRIC).build();
        // 8 · (1/16)^{t/100}: a factor 2 per quarter
        assertThat(geometric.widthAt(25)).isCloseTo(4, within(1e-12));
        assertThat(geometric.widthAt(50)).isCloseTo(2, within(1e-12));
        assertThat(geometric.widthAt(100)).isEqualTo(0.5);
        TrainerConfig hold = TrainerConfig.builder().steps(100).checkpoints(4).widthRange(range).annealFraction(0.6)
                .annealing(TrainerConfig.Annealing.LINEAR).build();
        assertThat(hold.annealingSteps()).isEqualTo(60);
        assertThat(hold.checkpointSteps()).containsExactly(15, 30, 45, 100);
        assertThat(hold.widthAt(60)).isEqualTo(0.5);
        assertThat(hold.widthAt(80)).isEqualTo(0.5);
        assertThat(hold.widthAt(30)).isCloseTo(8 - 7.5 * 0.5, within(1e-12));
        TrainingResult r = new Trainer(new ReferenceBackend(), hold).train(SAMPLES);
        assertThat(r.widths()).containsExactly(hold.widthAt(15), hold.widthAt(30), hold.widthAt(45), 0.5);
    }

    @Test
    void scheduleFactorsFallFromOne() {
        assertThat(TrainerConfig.Schedule.CONSTANT.factor(70, 100)).isEqualTo(1.0);
        assertThat(TrainerConfig.Schedule.LINEAR.factor(1, 100)).isEqualTo(1.0);
        assertThat(TrainerConfig.Schedule.LINEAR.factor(100, 100)).isCloseTo(0.01, within(1e-12));
        assertThat(TrainerConfig.Schedule.COSINE.factor(51, 100)).isCloseTo(0.5, within(1e-12));
        assertThat(TrainerConfig.Schedule.COSINE.factor(100, 100)).isPositive().isLessThan(0.001);
    }

    @Test
    void startsNullOnDistinctDataPointsAndRecordsTrajectories() {
        TrajectoryRecorder recorder = new TrajectoryRecorder(1);
        TrainerConfig config = TrainerConfig.builder().steps(5).checkpoints(1).learningRate(1e-9).seed(3).build();
        new Trainer(new ReferenceBackend(), config).train(SAMPLES, recorder);
        TrajectoryRecorder.Frame first = recorder.frames().get(0);
        assertThat(recorder.frames()).hasSize(5);
        for (double a : first.amplitudes()) {
            assertThat(Math.abs(a)).isLessThan(1e-8); // zero plus one tiny Adam step
        }
        float[] data = SAMPLES.data().data();
        double[] centres = first.centers();
        assertThat(Arrays.stream(centres).distinct().count()).isEqualTo(centres.length);
        for (double c : centres) {
            boolean onData = false;
            for (float x : data) {
                onData |= Math.abs(x - c) < 1e-6;
            }
            assertThat(onData).as("centre %s starts on a data point", c).isTrue();
        }
    }

    @Test
    void explicitInitialCentresReplaceTheRandomChoice() {
        TrajectoryRecorder recorder = new TrajectoryRecorder(1);
        TrainerConfig config = TrainerConfig.builder().kernels(2).steps(3).checkpoints(1).learningRate(1e-9)
                .initialCenters(-3.0, 5.5).build();
        new Trainer(new ReferenceBackend(), config).train(SAMPLES, recorder);
        assertThat(recorder.frames().get(0).centers()).containsExactly(new double[] {-3.0, 5.5},
                org.assertj.core.api.Assertions.within(1e-6));
        assertThatThrownBy(() -> TrainerConfig.builder().kernels(2).initialCenters(1.0, 2.0, 3.0).build())
                .hasMessageContaining("initialCenters");
        TrainerConfig threeD = TrainerConfig.builder().kernels(1).initialCenters(1.0, 2.0, 3.0).build();
        assertThatThrownBy(() -> new Trainer(new ReferenceBackend(), threeD).train(SAMPLES))
                .hasMessageContaining("initialCenters");
    }

    @Test
    void widthRangeComesFromPairwiseDistancePercentiles() {
        // points 0, 1, …, 9: pairwise distances 1..9, P1 ≈ 1 and P99 ≈ 9
        double[] x = new double[10];
        for (int i = 0; i < 10; i++) {
            x[i] = i;
        }
        WidthRange r = WidthRange.fromPairwiseDistances(FloatMatrix.column(x), 2000, Seeds.stream(0));
        assertThat(r.initial()).isCloseTo(2 * 9, within(0.5));
        assertThat(r.last()).isCloseTo(0.5 * 1, within(1e-9));
        assertThat(r.at(0, 10)).isEqualTo(r.initial());
        assertThat(r.at(10, 10)).isEqualTo(r.last());
    }

    /** Other quantiles: on 0, 1, …, 100 the pairwise distances' median is 30 (of the 5,050 pairs). */
    @Test
    void otherQuantilesSetTheRangeAndBadOnesAreNamed() {
        double[] x = new double[101];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        FloatMatrix line = FloatMatrix.column(x);
        WidthRange paper = WidthRange.fromPairwiseDistances(line, 101, null);
        WidthRange narrow = WidthRange.fromPairwiseDistances(line, 101, null, WidthRange.Quantiles.parse("0.01, 0.5"));
        assertThat(narrow.last()).isEqualTo(paper.last());
        assertThat(narrow.initial()).isCloseTo(2 * 30, within(1.0));
        assertThat(paper.initial()).isCloseTo(2 * 90, within(2.0));
        // the setting reaches a training that estimates its own range, and the calibration's estimate
        TrainerConfig c = TrainerSettings.apply(TrainerConfig.builder(), "width-quantiles", "0.01,0.5").build();
        assertThat(c.widthQuantiles()).isEqualTo(new WidthRange.Quantiles(0.01, 0.5));
        assertThat(TrainerConfig.builder().build().widthQuantiles()).isEqualTo(WidthRange.Quantiles.PAPER);
        assertThatThrownBy(() -> TrainerSettings.apply(TrainerConfig.builder(), "width-quantiles", "0.5,0.01"))
                .hasMessage("width-quantiles: width quantiles: need 0 < LOW ≤ HIGH < 1, got 0.5 and 0.01");
        assertThatThrownBy(() -> TrainerSettings.apply(TrainerConfig.builder(), "width-quantiles", "0.5"))
                .hasMessage("width-quantiles: expected LOW,HIGH (two quantiles, e.g. 0.01,0.99), got '0.5'");
        assertThatThrownBy(() -> TrainerSettings.apply(TrainerConfig.builder(), "width-quantiles", "a,b"))
                .hasMessage("width-quantiles: expected LOW,HIGH (two numbers, e.g. 0.01,0.99), got 'a,b'");
    }

    @Test
    void amplitudesAreClippedAndL2Shrinks() {
        TrainerConfig clipped = TrainerConfig.builder().steps(300).amplitudeClip(0.25).learningRate(0.1).seed(2).build();
        KernelModel m = new Trainer(new ReferenceBackend(), clipped).train(SAMPLES).model();
        for (double a : m.amplitudes()) {
            assertThat(Math.abs(a)).isLessThanOrEqualTo(0.25);
        }
        TrainerConfig free = clipped.toBuilder().amplitudeClip(100).build();
        TrainerConfig shrunk = free.toBuilder().l2(50).build();
        double normFree = norm(new Trainer(new ReferenceBackend(), free).train(SAMPLES).model().amplitudes());
        double normShrunk = norm(new Trainer(new ReferenceBackend(), shrunk).train(SAMPLES).model().amplitudes());
        assertThat(normShrunk).isLessThan(normFree);
    }

    @Test
    void divergenceNamesTheStepAndWidth() {
        // all points on the kernel's centre (so it cannot move) and w_R = ½: the NP optimum is
        // f = log 2, and Adam steps of ~2000 overshoot it until e^f overflows
        FloatMatrix same = FloatMatrix.column(new double[10]);
        TrainingSamples degenerate = TrainingSamples.of(same, same, 0.5);
        TrainerConfig wild = TrainerConfig.builder().kernels(1).steps(50).checkpoints(1).learningRate(2000)
                .amplitudeClip(1e6).loss(Loss.NP).widthRange(new WidthRange(1, 0.5)).build();
        assertThatThrownBy(() -> new Trainer(new ReferenceBackend(), wild).train(degenerate))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("training diverged at step")
                .hasMessageContaining("σ = ");
    }

    @Test
    void badConfigurationsAreNamed() {
        assertThatThrownBy(() -> TrainerConfig.builder().kernels(0).build()).hasMessageContaining("kernels");
        assertThatThrownBy(() -> TrainerConfig.builder().learningRate(-1).build()).hasMessageContaining("centerRate");
        assertThatThrownBy(() -> TrainerConfig.builder().amplitudeRate(0).build()).hasMessageContaining("amplitudeRate");
        assertThatThrownBy(() -> TrainerConfig.builder().annealFraction(1.5).build()).hasMessageContaining("annealFraction");
        assertThatThrownBy(() -> TrainerConfig.builder().steps(100).annealFraction(0.05).checkpoints(10).build())
                .hasMessageContaining("checkpoints");
        assertThatThrownBy(() -> TrainerConfig.builder().steps(5).checkpoints(10).build())
                .hasMessageContaining("checkpoints");
        assertThatThrownBy(() -> new WidthRange(1, 2)).hasMessageContaining("σ_T");
        TrainingSamples tiny = TrainingSamples.of(FloatMatrix.column(0, 1, 2), FloatMatrix.column(0.5, 1.5));
        assertThatThrownBy(() -> new Trainer(new ReferenceBackend(), TrainerConfig.builder().build()).train(tiny))
                .hasMessageContaining("kernels: M = 5");
        TrainerConfig preset = TrainerConfig.builder().preset(TrainerConfig.Preset.PARTICLE_JETS).build();
        assertThat(preset.steps()).isEqualTo(100_000);
        assertThat(preset.l2()).isEqualTo(1e-3);
        assertThat(preset.amplitudeClip()).isEqualTo(100);
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
