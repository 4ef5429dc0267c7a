package org.sparker.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparker.engine.BackendOptions;
import org.sparker.engine.Backends;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.KernelModel;
import org.sparker.engine.Loss;
import org.sparker.engine.LossGradient;
import org.sparker.engine.PreparedSamples;
import org.sparker.engine.Tolerances;
import org.sparker.engine.TrainingSamples;
import org.sparker.engine.reference.ReferenceBackend;

/**
 * The SIMD backend against the reference; skipped where it is not registered or available. The
 * build also runs this class with {@code -Dsparker.simd.bits=128}, forcing the smallest species.
 */
class SimdAgreementTest extends BackendAgreementTestCase {

    @Override
    String backendName() {
        return "simd";
    }

    /**
     * Every tail length of the point tiles (the vector has at most 8 double lanes, so 1 … 17
     * points cover every tail and the two-tile cases), for both samples, odd and even d.
     */
    static Stream<BackendComparison.Case> everyTail() {
        List<BackendComparison.Case> cases = new ArrayList<>();
        long seed = 9000;
        for (int n = 1; n <= 17; n++) {
            for (int d : new int[] {1, 2, 5}) {
                cases.add(new BackendComparison.Case(n * 10 + (n % 3), d, 1 + n % 6, 0.3 + n % 4, 1, 0, seed++));
            }
            cases.add(new BackendComparison.Case(n, 3, 4, 1, 1, 0, seed++));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyTail")
    void agreesAtEveryTailLength(BackendComparison.Case shape) {
        agreesWithReference(shape);
    }

    /**
     * Both sides of the switch between the dot-product distances {@code ‖x‖² − 2 x·μ + ‖μ‖²} and the
     * direct differences (d ≥ 16): a tile takes the dot products when {@code 2 γ_{d+3} (max ‖x‖² +
     * max ‖μ‖²) ≤ 1e-8 · 2σ²} (engine-simd's {@code TileKernels.dotProductAccurate}). Data far from
     * the origin (offsets up to 300, spread 1) puts the switching width where the kernels are
     * neither flat nor vanishing; σ 1% below the switch of the smallest-norm point takes the
     * differences in every tile, 1% above that of the largest the dot products in every tile
     * (engine-simd's DotProductSwitchTest checks the paths taken), and both sides must agree with
     * the reference within docs/design.md §6.
     */
    @ParameterizedTest(name = "d = {0}")
    @ValueSource(ints = {16, 129, 1000})
    void agreesOnBothSidesOfTheDotProductSwitch(int d) {
        SplittableRandom rng = new SplittableRandom(31L * d);
        int nRef = 203;
        FloatMatrix all = TestData.points(rng, nRef + 27, d, 1, 300);
        FloatMatrix ref = all.selectRows(java.util.stream.IntStream.range(0, nRef).toArray());
        FloatMatrix data = all.selectRows(java.util.stream.IntStream.range(nRef, all.rows()).toArray());
        KernelModel near = TestData.modelNear(rng, all, 5, 1.0, 2.0, true);
        double[] centers = new double[5 * d];
        double[] amplitudes = new double[5];
        near.copyCentersTo(centers);
        near.copyAmplitudesTo(amplitudes);
        double centerNorm = 0;
        for (int i = 0; i < 5; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += centers[i * d + k] * centers[i * d + k];
            }
            centerNorm = Math.max(centerNorm, s);
        }
        double minNorm = Double.POSITIVE_INFINITY;
        double maxNorm = 0;
        for (int p = 0; p < all.rows(); p++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += (double) all.get(p, k) * all.get(p, k);
            }
            minNorm = Math.min(minNorm, s);
            maxNorm = Math.max(maxNorm, s);
        }
        double gamma = (d + 3) * 0x1p-53 / (1 - (d + 3) * 0x1p-53);
        double below = 0.99 * Math.sqrt(2 * gamma * (minNorm + centerNorm) / (2 * 1e-8));
        double above = 1.01 * Math.sqrt(2 * gamma * (maxNorm + centerNorm) / (2 * 1e-8));
        try (KernelBackend simd = Backends.get("simd", new BackendOptions(2)); ReferenceBackend reference = new ReferenceBackend()) {
            for (double sigma : new double[] {below, above}) {
                for (boolean softmax : new boolean[] {true, false}) {
                    KernelModel model = KernelModel.of(centers, d, amplitudes, sigma, softmax);
                    assertThat(BackendComparison.compare(simd, reference, ref, data, model))
                            .as("d = %d, σ = %s (switch between %s and %s), softmax %s", d, sigma, below / 0.99,
                                    above / 1.01, softmax)
                            .isEmpty();
                }
            }
        }
    }

    /**
     * The backend runs with the vectors asked for: the forced size in the forced run, else the
     * hardware's preferred size (from the Vector API, read reflectively: this module does not
     * compile against the incubator module).
     */
    @Test
    void speciesFollowsTheTestPropertyOrTheHardware() throws ReflectiveOperationException {
        String bits = System.getProperty("sparker.simd.bits");
        String reason = Backends.provider("simd").availability().reason();
        Object shape = Class.forName("jdk.incubator.vector.VectorShape").getMethod("preferredShape").invoke(null);
        int preferred = (int) shape.getClass().getMethod("vectorBitSize").invoke(shape);
        assertThat(reason).contains((bits != null ? bits : String.valueOf(preferred)) + "-bit vectors");
        // the no-FMA run really takes the multiply-then-add path
        boolean fma = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
                .stream().noneMatch(a -> a.equals("-XX:-UseFMA"));
        assertThat(reason).contains(fma ? "fused multiply-add" : "no fused multiply-add");
    }

    /** Fixed blocks reduced in block order: the same bits for 1, 2 or 3 threads and on every run. */
    @Test
    void resultsAreBitIdenticalAcrossThreadCountsAndRuns() {
        SplittableRandom rng = new SplittableRandom(77);
        FloatMatrix ref = TestData.points(rng, 5000, 7, 1, 0);
        FloatMatrix data = TestData.points(rng, 600, 7, 1, 0);
        KernelModel model = TestData.modelNear(rng, ref, 5, 0.4, 2, true);
        TrainingSamples samples = TrainingSamples.of(ref, data);
        LossGradient first = null;
        for (int threads : new int[] {1, 2, 3, 2}) {
            try (KernelBackend b = Backends.get("simd", new BackendOptions(threads));
                    PreparedSamples p = b.prepare(samples)) {
                LossGradient g = LossGradient.allocate(5, 7);
                b.lossAndGradient(p, model, Loss.NP, g);
                b.lossAndGradient(p, model, Loss.NP, g);
                if (first == null) {
                    first = g;
                } else {
                    assertThat(g.loss()).isEqualTo(first.loss());
                    assertThat(g.testStatistic()).isEqualTo(first.testStatistic());
                    assertThat(g.amplitudeGradient()).containsExactly(first.amplitudeGradient());
                    assertThat(g.centerGradient()).containsExactly(first.centerGradient());
                }
            }
        }
        // and it agrees with the oracle
        LossGradient expected = LossGradient.allocate(5, 7);
        try (ReferenceBackend r = new ReferenceBackend(); PreparedSamples p = r.prepare(samples)) {
            r.lossAndGradient(p, model, Loss.NP, expected);
        }
        assertThat(first.loss()).isCloseTo(expected.loss(),
                org.assertj.core.api.Assertions.within(Tolerances.allowance(expected.loss(), expected.loss())));
    }

    /** The soft-minimum's rows are independent: the same bits for 1, 2 or 3 threads. */
    @Test
    void softminIsBitIdenticalAcrossThreadCounts() {
        SplittableRandom rng = new SplittableRandom(78);
        FloatMatrix x = TestData.points(rng, 777, 3, 1, 0);
        FloatMatrix y = TestData.points(rng, 555, 3, 1, 0);
        double[] h = rng.doubles(555, -1, 1).toArray();
        double[] first = null;
        for (int threads : new int[] {1, 2, 3}) {
            try (KernelBackend b = Backends.get("simd", new BackendOptions(threads))) {
                double[] out = new double[777];
                b.softmin(x, y, h, 0.05, 1.0, out);
                if (first == null) {
                    first = out;
                } else {
                    assertThat(out).containsExactly(first);
                }
            }
        }
    }
}
