package org.sparker.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparker.engine.Availability;
import org.sparker.engine.BackendOptions;
import org.sparker.engine.BackendProvider;
import org.sparker.engine.Backends;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.reference.ReferenceBackend;

/**
 * The cross-backend harness (after Lucene's BaseVectorizationTestCase): a subclass names a
 * backend; every operation of that backend is run against the reference on awkward shapes
 * (N ∈ {1, 3, 13, 207, 4099}, d ∈ {1, 2, 3, 7, 16, 129, 1000}, M ∈ {1, 2, 5, 33}), widths from
 * 1e-3 to 1e3 of the data spread, and data far from the origin, and must agree within
 * docs/design.md §6. A backend that is not registered or not available here is skipped with an
 * assumption that says why.
 */
abstract class BackendAgreementTestCase {

    static final int[] POINTS = {1, 3, 13, 207, 4099};
    static final int[] DIMENSIONS = {1, 2, 3, 7, 16, 129, 1000};
    static final int[] KERNELS = {1, 2, 5, 33};
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
     * The baselines evaluate their Gaussian kernels through the backend: the kernel NP
     * statistic and the MMD-FUSE statistic must agree with the reference's.
     */
    @org.junit.jupiter.api.Test
    void baselinesAgreeWithTheReference() {
        var toy = org.sparker.stats.toys.FourGaussiansToy.table2("bulk").withSizes(1500, 150);
        var samples = toy.sample(org.sparker.sampling.Seeds.stream(8));
        var np = org.sparker.baselines.KernelNpStatistic.ofWidths(
                org.sparker.baselines.KernelNpTest.Config.DEFAULT.withCentres(400), 1.5, 4.0, 12.0);
        double[] want = np.evaluate(reference, samples, 3);
        double[] got = np.evaluate(candidate, samples, 3);
        for (int j = 0; j < want.length; j++) {
            org.assertj.core.api.Assertions.assertThat(got[j]).as("kernel-np t at width %d", j)
                    .isCloseTo(want[j], org.assertj.core.api.Assertions.within(1e-4 * Math.abs(want[j]) + 1e-6));
        }
        var mmd = new org.sparker.baselines.MmdFuse(org.sparker.baselines.MmdFuse.Config.DEFAULT.withPermutations(200)
                .withFeatures(300, 40, 1e-8));
        var a = mmd.test(reference, samples, 5);
        var b = mmd.test(candidate, samples, 5);
        org.assertj.core.api.Assertions.assertThat(b.statistic())
                .isCloseTo(a.statistic(), org.assertj.core.api.Assertions.within(1e-4 * Math.abs(a.statistic()) + 1e-6));
        org.assertj.core.api.Assertions.assertThat(b.pValue())
                .isCloseTo(a.pValue(), org.assertj.core.api.Assertions.within(0.011));
    }
}
