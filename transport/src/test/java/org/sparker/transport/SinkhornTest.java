package org.sparker.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.reference.ReferenceBackend;

/** Fraser et al. spec fixtures F6, F8, F9 and the Sinkhorn properties. */
class SinkhornTest {

    private final ReferenceBackend backend = new ReferenceBackend();

    @Test
    void f6TwoPointsInClosedForm() {
        double[][] expected = {{1, 0.2689414214, 0.379885493}, {0.1, 4.53978687e-5, 0.06931017817},
            {0.01, 3.720075976e-44, 0.006931471806}};
        for (double[] e : expected) {
            double eps = e[0];
            SinkhornResult r = Sinkhorn.builder(backend).epsilon(eps).tolerance(1e-14).maxIterations(5000).build()
                    .solve(new double[] {0, 1, 1, 0}, 2, 2, new double[] {0.5, 0.5}, new double[] {0.5, 0.5});
            assertThat(r.converged()).isTrue();
            assertThat(r.transportCost()).as("⟨P,C⟩ at ε=%s", eps).isCloseTo(e[1], within(1e-9 * e[1]));
            assertThat(r.entropicCost()).as("OT_ε at ε=%s", eps).isCloseTo(e[2], within(1e-9 * e[2]));
            // and against the exact expressions
            assertThat(r.transportCost()).isCloseTo(1 / (1 + Math.exp(1 / eps)), within(1e-12 * e[1]));
            assertThat(r.entropicCost()).isCloseTo(eps * Math.log(2 / (1 + Math.exp(-1 / eps))), within(1e-12));
        }
    }

    @Test
    void f8UnderflowThatOnlyTheLogDomainSurvives() {
        for (double eps : new double[] {1, 0.1, 1e-4}) {
            SinkhornResult r = Sinkhorn.builder(backend).epsilon(eps).build()
                    .solve(new double[] {1, 2, 3}, 1, 3, new double[] {1}, new double[] {0.25, 0.25, 0.5});
            assertThat(r.transportCost()).as("ε=%s", eps).isCloseTo(2.25, within(1e-12));
            assertThat(r.entropicCost()).as("ε=%s", eps).isCloseTo(2.25, within(1e-12));
            assertThat(r.converged()).isTrue();
        }
    }

    /** F9: the entropic plan's cost lies between the exact optimum and it plus ε·min(H(a), H(b)). */
    @Property(tries = 40, seed = "9001")
    void f9EntropicCostIsBracketedByTheExactOptimum(@ForAll @IntRange(min = 1, max = 12) int n,
            @ForAll @IntRange(min = 1, max = 12) int m, @ForAll @DoubleRange(min = -3, max = 0) double logEps,
            @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] a = weights(rnd, n);
        double[] b = weights(rnd, m);
        double[] cost = new double[n * m];
        for (int k = 0; k < cost.length; k++) {
            cost[k] = rnd.nextDouble();
        }
        double eps = Math.pow(10, logEps);
        SinkhornResult r = Sinkhorn.builder(backend).epsilon(eps).tolerance(1e-12).maxIterations(200_000).build()
                .solve(cost, n, m, a, b);
        double exact = new ExactTransport().cost(a, b, cost);
        double slack = 1e-7 + 10 * r.marginalError();
        assertThat(r.transportCost()).isGreaterThanOrEqualTo(exact - slack)
                .isLessThanOrEqualTo(exact + eps * Math.min(entropy(a), entropy(b)) + slack);
    }

    /** Symmetry: OT_ε(a, b) = OT_ε(b, a); translation: moving both clouds changes nothing. */
    @Property(tries = 20, seed = "9002")
    void symmetricAndTranslationInvariant(@ForAll @IntRange(min = 1, max = 40) int n,
            @ForAll @IntRange(min = 1, max = 40) int m, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[n * 2];
        float[] y = new float[m * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextDouble(-1, 1);
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) rnd.nextDouble(-1, 1);
        }
        float[] xs = new float[x.length];
        float[] ys = new float[y.length];
        for (int i = 0; i < x.length; i++) {
            xs[i] = x[i] + (i % 2 == 0 ? 16f : -8f); // exact in float: a power-of-two offset
        }
        for (int i = 0; i < y.length; i++) {
            ys[i] = y[i] + (i % 2 == 0 ? 16f : -8f);
        }
        double[] a = weights(rnd, n);
        double[] b = weights(rnd, m);
        Sinkhorn s = Sinkhorn.builder(backend).epsilon(0.05).tolerance(1e-12).maxIterations(20_000).build();
        SinkhornResult ab = s.solve(FloatMatrix.wrap(x, n, 2), a, FloatMatrix.wrap(y, m, 2), b);
        SinkhornResult ba = s.solve(FloatMatrix.wrap(y, m, 2), b, FloatMatrix.wrap(x, n, 2), a);
        assertThat(ba.entropicCost()).isCloseTo(ab.entropicCost(), within(1e-9));
        assertThat(ba.transportCost()).isCloseTo(ab.transportCost(), within(1e-8));
        SinkhornResult shifted = s.solve(FloatMatrix.wrap(xs, n, 2), a, FloatMatrix.wrap(ys, m, 2), b);
        assertThat(shifted.entropicCost()).isCloseTo(ab.entropicCost(), within(1e-5));
    }

    @Test
    void epsScalingReachesTheSameSolutionInFewerIterations() {
        SplittableRandom rnd = new SplittableRandom(12);
        int n = 120;
        float[] x = new float[n * 2];
        float[] y = new float[n * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextDouble();
            y[i] = (float) (rnd.nextDouble() + 0.5);
        }
        FloatMatrix xm = FloatMatrix.wrap(x, n, 2);
        FloatMatrix ym = FloatMatrix.wrap(y, n, 2);
        double[] u = Sinkhorn.uniform(n);
        SinkhornResult plain = Sinkhorn.builder(backend).epsilon(3e-3).tolerance(1e-6).maxIterations(20_000).build()
                .solve(xm, u, ym, u);
        SinkhornResult scaled = Sinkhorn.builder(backend).epsilon(3e-3).tolerance(1e-6).maxIterations(20_000)
                .epsScaling(0.5).build().solve(xm, u, ym, u);
        assertThat(plain.converged()).isTrue();
        assertThat(scaled.converged()).isTrue();
        assertThat(scaled.iterations()).isLessThan(plain.iterations());
        assertThat(scaled.entropicCost()).isCloseTo(plain.entropicCost(), within(1e-5));
    }

    @Test
    void aWarmStartFromANearbyProblemNeedsFewerIterations() {
        SplittableRandom rnd = new SplittableRandom(13);
        int n = 80;
        float[] x = new float[n * 2];
        float[] y = new float[n * 2];
        float[] y2 = new float[n * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextDouble();
            y[i] = (float) (rnd.nextDouble() + 0.3);
            y2[i] = y[i] + 0.001f; // the same cloud moved a little
        }
        double[] u = Sinkhorn.uniform(n);
        Sinkhorn s = Sinkhorn.builder(backend).epsilon(0.01).tolerance(1e-8).maxIterations(20_000).build();
        SinkhornResult first = s.solve(FloatMatrix.wrap(x, n, 2), u, FloatMatrix.wrap(y, n, 2), u);
        SinkhornResult cold = s.solve(FloatMatrix.wrap(x, n, 2), u, FloatMatrix.wrap(y2, n, 2), u);
        SinkhornResult warm = s.solve(FloatMatrix.wrap(x, n, 2), u, FloatMatrix.wrap(y2, n, 2), u, first);
        assertThat(cold.converged()).isTrue();
        assertThat(warm.converged()).isTrue();
        assertThat(warm.iterations()).isLessThan(cold.iterations());
        assertThat(warm.entropicCost()).isCloseTo(cold.entropicCost(), within(1e-6));
        assertThatThrownBy(() -> s.solve(FloatMatrix.wrap(x, n, 2), u,
                FloatMatrix.wrap(java.util.Arrays.copyOf(y, n), n / 2, 2), Sinkhorn.uniform(n / 2), first))
                .hasMessageContaining("start: its potentials are for 80 × 80 points, this problem has 80 × 40");
    }

    @Test
    void debiasedDivergenceIsZeroForEqualMeasuresAndPositiveOtherwise() {
        float[] x = {0, 0, 1, 0, 0, 1, 1, 1};
        FloatMatrix xm = FloatMatrix.wrap(x, 4, 2);
        float[] y = {0.5f, 0, 1.5f, 0, 0.5f, 1, 1.5f, 1};
        FloatMatrix ym = FloatMatrix.wrap(y, 4, 2);
        Sinkhorn s = Sinkhorn.builder(backend).epsilon(0.1).tolerance(1e-13).maxIterations(10_000).build();
        double[] u = Sinkhorn.uniform(4);
        assertThat(s.divergence(xm, u, xm, u)).isCloseTo(0, within(1e-12));
        assertThat(s.divergence(xm, u, ym, u)).isGreaterThan(0.1);
    }

    @Test
    void reportsNonConvergenceInsteadOfHidingIt() {
        SinkhornResult r = Sinkhorn.builder(backend).epsilon(1e-3).tolerance(1e-15).maxIterations(3).build()
                .solve(new double[] {0, 1, 1, 0.2}, 2, 2, new double[] {0.3, 0.7}, new double[] {0.6, 0.4});
        assertThat(r.converged()).isFalse();
        assertThat(r.iterations()).isEqualTo(3);
        assertThat(r.marginalError()).isPositive().isFinite();
    }

    @Test
    void badInputNamesTheArgument() {
        Sinkhorn s = Sinkhorn.builder(backend).build();
        assertThatThrownBy(() -> s.solve(new double[] {0, 1}, 1, 2, new double[] {1}, new double[] {0.5, 0.6}))
                .hasMessageContaining("b: weights sum to");
        assertThatThrownBy(() -> s.solve(new double[] {0, Double.NaN}, 1, 2, new double[] {1}, new double[] {0.5, 0.5}))
                .hasMessageContaining("cost: value at row 0, column 1");
        assertThatThrownBy(() -> Sinkhorn.builder(backend).epsilon(0)).hasMessageContaining("epsilon");
    }

    private static double[] weights(SplittableRandom rnd, int n) {
        double[] w = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            w[i] = 0.05 + rnd.nextDouble();
            s += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] /= s;
        }
        return w;
    }

    private static double entropy(double[] w) {
        double h = 0;
        for (double v : w) {
            h -= v > 0 ? v * Math.log(v) : 0;
        }
        return h;
    }
}
