package org.sparker.app.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.sparker.calibration.PoolBootstrap;
import org.sparker.calibration.ReferenceSplit;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.TrainingSamples;
import org.sparker.sampling.Seeds;

/**
 * The one preprocessing step: the test standardized on its own reference, every calibration toy
 * on its own pseudo-reference, so that toys and test follow the same procedure.
 */
class PreprocessingTest {

    /** Columns of unlike scales, the last almost always 0 (a border pixel). */
    private static FloatMatrix sample(SplittableRandom rng, int n) {
        float[] x = new float[n * 3];
        for (int p = 0; p < n; p++) {
            x[3 * p] = (float) rng.nextGaussian();
            x[3 * p + 1] = (float) (100 * rng.nextGaussian() + 5000);
            x[3 * p + 2] = rng.nextInt(100) == 0 ? (float) rng.nextDouble() : 0f;
        }
        return FloatMatrix.wrap(x, n, 3);
    }

    private static void assertStandard(FloatMatrix m) {
        for (int k = 0; k < m.cols(); k++) {
            double mean = 0;
            for (int p = 0; p < m.rows(); p++) {
                mean += m.get(p, k);
            }
            mean /= m.rows();
            double var = 0;
            for (int p = 0; p < m.rows(); p++) {
                var += (m.get(p, k) - mean) * (m.get(p, k) - mean);
            }
            assertThat(mean).as("mean of column %d", k).isCloseTo(0, within(1e-5));
            assertThat(Math.sqrt(var / m.rows())).as("sd of column %d", k).isCloseTo(1, within(1e-5));
        }
    }

    @Test
    void theTestIsStandardizedOnItsReferenceAndEveryToyOnItsOwn() {
        SplittableRandom rng = new SplittableRandom(5);
        FloatMatrix reference = sample(rng, 600);
        FloatMatrix data = sample(rng, 60);
        Preprocessing.Prepared p = new Preprocessing(null, true).prepare(reference, "R", data, "D", null, null, 11);

        TrainingSamples raw = ReferenceSplit.of(reference, data, 11).observed();
        Standardization fitted = Standardization.of(raw.reference());
        assertThat(p.units().units()).isEqualTo(fitted);
        assertThat(p.observed().reference().data()).containsExactly(fitted.apply(raw.reference()).data());
        assertThat(p.observed().data().data()).containsExactly(fitted.apply(raw.data()).data());
        assertThat(p.observed().referenceWeight()).isEqualTo(raw.referenceWeight());
        assertStandard(p.observed().reference());

        PoolBootstrap toys = p.source();
        assertThat(toys.units()).isSameAs(PerToyStandardization.INSTANCE);
        assertThat(toys.pool().data()).as("the pool stays in the input's units").containsExactly(reference.data());
        TrainingSamples toy = toys.sample(3, Seeds.stream(42));
        TrainingSamples rawToy = toys.withUnits(null).sample(3, Seeds.stream(42));
        Standardization own = Standardization.of(rawToy.reference());
        assertThat(own).isNotEqualTo(fitted);
        assertThat(toy.reference().data()).containsExactly(own.apply(rawToy.reference()).data());
        assertThat(toy.data().data()).containsExactly(own.apply(rawToy.data()).data());
        assertStandard(toy.reference());
        assertThat(toys.parameters().units()).isEqualTo(PerToyStandardization.INSTANCE.describe());
    }

    @Test
    void withoutStandardizationTheSamplesAreUsedAsTheyAre() {
        SplittableRandom rng = new SplittableRandom(6);
        FloatMatrix reference = sample(rng, 300);
        FloatMatrix data = sample(rng, 30);
        Preprocessing.Prepared p = new Preprocessing(null, false).prepare(reference, "R", data, "D", null, null, 2);
        TrainingSamples raw = ReferenceSplit.of(reference, data, 2).observed();
        assertThat(p.observed().reference().data()).containsExactly(raw.reference().data());
        assertThat(p.units().units()).isNull();
        assertThat(p.source().units()).isNull();
        assertThat(p.source().parameters().units()).isNull();
    }

    @Test
    void aSeparatePoolGivesToysOfTheReferenceSizeAndTheTestUsesTheWholeReference() {
        SplittableRandom rng = new SplittableRandom(7);
        FloatMatrix reference = sample(rng, 200);
        FloatMatrix data = sample(rng, 20);
        FloatMatrix pool = sample(rng, 500);
        Preprocessing.Prepared p = new Preprocessing(null, true).prepare(reference, "R", data, "D", pool, "P", 3);
        assertThat(p.units().units()).isEqualTo(Standardization.of(reference));
        assertThat(p.source().referenceSize()).isEqualTo(200);
        assertThat(p.source().dataSize()).isEqualTo(20);
        assertStandard(p.source().sample(0, Seeds.stream(1)).reference());
        // calibrate's toys are the same toys
        PoolBootstrap alone = new Preprocessing(null, true).toys(reference, "R", pool, "P", 20);
        assertThat(alone.sample(4, Seeds.stream(9)).data().data())
                .containsExactly(p.source().sample(4, Seeds.stream(9)).data().data());
        assertThat(alone.parameters()).isEqualTo(p.source().parameters());
    }

    @Test
    void aPermutationTestIsStandardizedOnBothSamplesTogether() {
        SplittableRandom rng = new SplittableRandom(8);
        FloatMatrix reference = sample(rng, 100);
        FloatMatrix data = sample(rng, 50);
        Standardization both = new Preprocessing(null, true).fitPooled(reference, "R", data, "D").units();
        float[] all = new float[150 * 3];
        System.arraycopy(reference.data(), 0, all, 0, 300);
        System.arraycopy(data.data(), 0, all, 300, 150);
        assertThat(both).isEqualTo(Standardization.of(FloatMatrix.wrap(all, 150, 3)));
        assertThat(new Preprocessing(null, false).fitPooled(reference, "R", data, "D").units()).isNull();
    }
}
