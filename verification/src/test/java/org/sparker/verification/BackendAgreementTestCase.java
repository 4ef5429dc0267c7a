package org.sparker.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparker.engine.Availability;
import org.sparker.engine.BackendOptions;
import org.sparker.engine.BackendProvider;
import org.sparker.engine.Backends;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.Tolerances;
import org.sparker.engine.reference.ReferenceBackend;

/**
 * The cross-backend harness (after Lucene's BaseVectorizationTestCase): a subclass names a
 * backend; every operation of that backend is run against the reference on awkward shapes
 * (N ∈ {1, 3, 13, 207, 4099}, d ∈ {1, 2, 3, 7, 16, 129, 1000}, M ∈ {1, 2, 5, 33, 70}: 70 passes the cuda backend's 64-kernel per-thread cache), widths from
 * 1e-3 to 1e3 of the data spread, and data far from the origin, and must agree within
 * docs/design.md §6. A backend that is not registered or not available here is skipped with an
 * assumption that says why.
 */
abstract class BackendAgreementTestCase {

    static final int[] POINTS = {1, 3, 13, 207, 4099};
    static final int[] DIMENSIONS = {1, 2, 3, 7, 16, 129, 1000};
    static final int[] KERNELS = {1, 2, 5, 33, 70};
    static final double[] WIDTH_SCALES = {1e-3, 1e-2, 0.1, 0.5, 1, 3, 30, 1e3};

    private KernelBackend candidate;
    private final ReferenceBackend reference = new ReferenceBackend();

    /** The backend under test, by registered name. */
    abstract String backendName();

    /** Options the candidate is created with (a subclass may force a thread count). */
    BackendOptions options() {
        return new BackendOptions(2);
    }

    @BeforeEach
    void createCandidate() {
        Optional<BackendProvider> provider = Backends.providers().stream()
                .filter(p -> p.name().equals(backendName())).findFirst();
        assumeTrue(provider.isPresent(), () -> "backend '" + backendName() + "' is not registered on the classpath");
        Availability a = provider.get().availability();
        assumeTrue(a.available(), () -> "backend '" + backendName() + "' is unavailable: " + a.reason());
        candidate = provider.get().create(options());
    }

    @AfterEach
    void closeCandidate() {
        if (candidate != null) {
            candidate.close();
        }
    }

    /** Every N and d, with M, the width and the data placement cycling through their lists. */
    static Stream<BackendComparison.Case> awkwardShapes() {
        List<BackendComparison.Case> cases = new ArrayList<>();
        int k = 0;
        for (int n : POINTS) {
            for (int d : DIMENSIONS) {
                int m = KERNELS[k % KERNELS.length];
                double width = WIDTH_SCALES[k % WIDTH_SCALES.length];
                // data near the origin, data of spread 1e3 (|x| ≤ 1e3), and a narrow cloud far out
                double spread = k % 3 == 2 ? 30 : k % 3 == 1 ? 1e3 : 1;
                double offset = k % 3 == 2 ? 970 : 0;
                cases.add(new BackendComparison.Case(n, d, m, width, spread, offset, 1000L + k));
                k++;
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("awkwardShapes")
    void agreesWithReference(BackendComparison.Case shape) {
        assertThat(BackendComparison.compare(candidate, reference, shape))
                .as("disagreements of %s with the reference on %s", backendName(), shape)
                .isEmpty();
    }

    /**
     * The same comparison as a jqwik property over crossed sizes: N, d, M and the width drawn
     * independently (every M residue mod 4 with every d, the widths log-uniform over the §6
     * range), data near the origin, of spread 1e3 or far out. Seeded, so a run is repeatable; a
     * failure is shrunk to the smallest shape that still disagrees.
     */
    @Property(tries = 60, seed = "20261203")
    @AddLifecycleHook(SkipUnavailableBackend.class)
    void agreesOnCrossedShapes(@ForAll @IntRange(min = 1, max = 700) int n, @ForAll("dimensions") int d,
            @ForAll @IntRange(min = 1, max = 90) int m, @ForAll @DoubleRange(min = -3, max = 3) double logWidth,
            @ForAll @IntRange(min = 0, max = 2) int placement, @ForAll long seed) {
        BackendProvider provider = Backends.provider(backendName());
        double spread = placement == 2 ? 30 : placement == 1 ? 1e3 : 1;
        double offset = placement == 2 ? 970 : 0;
        BackendComparison.Case shape = new BackendComparison.Case(n, d, m, Math.pow(10, logWidth), spread, offset, seed);
        try (KernelBackend c = provider.create(options()); ReferenceBackend r = new ReferenceBackend()) {
            assertThat(BackendComparison.compare(c, r, shape))
                    .as("disagreements of %s with the reference on %s", backendName(), shape).isEmpty();
        }
    }

    /** Why the backend under test cannot run here, or empty when it can. */
    Optional<String> unavailableBecause() {
        Optional<BackendProvider> provider = Backends.providers().stream()
                .filter(p -> p.name().equals(backendName())).findFirst();
        if (provider.isEmpty()) {
            return Optional.of("backend '" + backendName() + "' is not registered on the classpath");
        }
        Availability a = provider.get().availability();
        return a.available() ? Optional.empty() : Optional.of("backend '" + backendName() + "' is unavailable: " + a.reason());
    }

    /** jqwik's counterpart of the assumption in {@link #createCandidate}: skips a property whose backend cannot run. */
    public static final class SkipUnavailableBackend implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            if (context instanceof PropertyLifecycleContext p && p.testInstance() instanceof BackendAgreementTestCase t) {
                Optional<String> why = t.unavailableBecause();
                if (why.isPresent()) {
                    return SkipResult.skip(why.get());
                }
            }
            return SkipResult.doNotSkip();
        }
    }

    @Provide
    Arbitrary<Integer> dimensions() {
        // mostly small and middling d, sometimes the widest of §6
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.integers().between(1, 40)),
                Tuple.of(3, Arbitraries.integers().between(41, 300)), Tuple.of(1, Arbitraries.of(1000, 1024)));
    }

    /** Many kernels at both ends of the width range, and the largest kernel count of §6. */
    static Stream<BackendComparison.Case> extremeWidths() {
        List<BackendComparison.Case> cases = new ArrayList<>();
        long seed = 5000;
        for (double width : new double[] {1e-3, 1e3}) {
            for (int m : new int[] {33, 64}) {
                cases.add(new BackendComparison.Case(257, 17, m, width, 1, 0, seed++));
                cases.add(new BackendComparison.Case(65, 1024, m, width, 1e3, 0, seed++));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("extremeWidths")
    void agreesAtExtremeWidths(BackendComparison.Case shape) {
        assertThat(BackendComparison.compare(candidate, reference, shape))
                .as("disagreements of %s with the reference on %s", backendName(), shape)
                .isEmpty();
    }

    /**
     * The optimal-transport soft-minimum (docs/design.md §9) on awkward sizes, every cost
     * exponent the transport module uses, ε from 1e-4 to 1e3 of the cost scale and potentials
     * with points of no mass ({@code −∞}). Both sides compute in double, so the bound is 1e-10 of
     * the row's scale (its largest |potential| + cost + ε log m), far inside §6.
     */
    static Stream<org.junit.jupiter.params.provider.Arguments> softminShapes() {
        List<org.junit.jupiter.params.provider.Arguments> cases = new ArrayList<>();
        int[] ns = {1, 3, 13, 207, 1031};
        int[] ms = {1, 2, 5, 33, 1000, 1031};
        int[] ds = {1, 2, 3, 7, 129};
        double[] ps = {0.5, 1, 2, 5};
        double[] epss = {1e-4, 1e-2, 1, 1e3};
        int k = 0;
        for (int n : ns) {
            for (int m : ms) {
                cases.add(org.junit.jupiter.params.provider.Arguments.of(n, m, ds[k % ds.length], ps[k % ps.length],
                        epss[(k / 2) % epss.length], 7000L + k));
                k++;
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "n={0} m={1} d={2} p={3} eps={4}")
    @MethodSource("softminShapes")
    void softminAgreesWithReference(int n, int m, int d, double p, double eps, long seed) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        float[] x = new float[n * d];
        float[] y = new float[m * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextDouble(-1, 1);
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) rnd.nextDouble(-1, 1);
        }
        if (m > 2) {
            System.arraycopy(x, 0, y, d, d); // a coincident pair: cost exactly 0
        }
        double costScale = Math.pow(4.0 * d, p / 2);
        double[] h = new double[m];
        for (int j = 0; j < m; j++) {
            h[j] = j % 7 == 3 ? Double.NEGATIVE_INFINITY : rnd.nextDouble(-1, 1) * costScale;
        }
        h[0] = 0.25 * costScale;
        double e = eps * costScale;
        var xm = org.sparker.engine.FloatMatrix.wrap(x, n, d);
        var ym = org.sparker.engine.FloatMatrix.wrap(y, m, d);
        double[] want = new double[n];
        double[] got = new double[n];
        reference.softmin(xm, ym, h, e, p, want);
        candidate.softmin(xm, ym, h, e, p, got);
        double scale = 2 * costScale + e * Math.log(m);
        for (int i = 0; i < n; i++) {
            assertThat(got[i]).as("softmin row %d", i)
                    .isCloseTo(want[i], org.assertj.core.api.Assertions.within(1e-10 * scale));
        }
        // the same rows through a dense cost matrix
        double[] cost = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                cost[i * m + j] = org.sparker.engine.Softmin.cost(x, i * d, y, j * d, d, p);
            }
        }
        double[] gotMatrix = new double[n];
        candidate.softminMatrix(cost, n, m, h, e, gotMatrix);
        for (int i = 0; i < n; i++) {
            assertThat(gotMatrix[i]).as("softminMatrix row %d", i)
                    .isCloseTo(want[i], org.assertj.core.api.Assertions.within(1e-10 * scale));
        }
    }

    /** A point on top of the only point with mass costs exactly 0 for every p, also p < 1. */
    @org.junit.jupiter.api.Test
    void softminOfCoincidentPointsIsExactlyZero() {
        float[] pts = {0.3f, -1.7f, 12.5f};
        var x = org.sparker.engine.FloatMatrix.wrap(pts, 1, 3);
        double[] out = new double[1];
        for (double p : new double[] {0.5, 1, 2, 5}) {
            candidate.softmin(x, x, new double[] {0}, 1e-3, p, out);
            assertThat(out[0]).as("p=%s", p).isEqualTo(0.0);
        }
    }

    /**
     * The baselines evaluate their Gaussian kernels through the backend: the kernel NP
     * statistic and the MMD-FUSE statistic must agree with the reference's.
     */
    @org.junit.jupiter.api.Test
    void baselinesAgreeWithTheReference() {
        var toy = org.sparker.toys.FourGaussiansToy.table2("bulk").withSizes(1500, 150);
        var samples = toy.sample(org.sparker.sampling.Seeds.stream(8));
        var np = org.sparker.baselines.KernelNpStatistic.ofWidths(
                org.sparker.baselines.KernelNpFit.Config.DEFAULT.withCentres(400), 1.5, 4.0, 12.0);
        double[] want = np.evaluate(reference, samples, 3);
        double[] got = np.evaluate(candidate, samples, 3);
        for (int j = 0; j < want.length; j++) {
            org.assertj.core.api.Assertions.assertThat(got[j]).as("kernel-np t at width %d", j)
                    .isCloseTo(want[j], org.assertj.core.api.Assertions.within(Tolerances.allowance(want[j], want[j])));
        }
        var mmd = new org.sparker.baselines.MmdFuse(org.sparker.baselines.MmdFuse.Config.DEFAULT.withPermutations(200)
                .withFeatures(300, 40, 1e-8));
        var a = mmd.test(reference, samples, 5);
        var b = mmd.test(candidate, samples, 5);
        org.assertj.core.api.Assertions.assertThat(b.statistic())
                .isCloseTo(a.statistic(), org.assertj.core.api.Assertions.within(Tolerances.allowance(a.statistic(), a.statistic())));
        org.assertj.core.api.Assertions.assertThat(b.pValue())
                .isCloseTo(a.pValue(), org.assertj.core.api.Assertions.within(0.011));
    }
}
