package org.sparker.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Fraser et al. spec F12: the Mann–Whitney AUC with mid-ranks. */
class AucTest {

    @Test
    void allTiedIsOneHalf() {
        assertThat(Auc.midrank(new double[] {3, 3, 3}, new double[] {3, 3})).isEqualTo(0.5);
    }

    @Test
    void negatingTheScoresComplementsTheAuc() {
        SplittableRandom rnd = new SplittableRandom(5);
        double[] s = new double[40];
        double[] b = new double[60];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.floor(4 * rnd.nextDouble() + 1); // ties across the classes
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = Math.floor(4 * rnd.nextDouble());
        }
        double auc = Auc.midrank(s, b);
        double[] ns = java.util.Arrays.stream(s).map(v -> -v).toArray();
        double[] nb = java.util.Arrays.stream(b).map(v -> -v).toArray();
        assertThat(Auc.midrank(ns, nb)).isCloseTo(1 - auc, within(1e-15));
        // and against the pair count with ties as ½
        double pairs = 0;
        for (double x : s) {
            for (double y : b) {
                pairs += x > y ? 1 : x == y ? 0.5 : 0;
            }
        }
        assertThat(auc).isCloseTo(pairs / (s.length * b.length), within(1e-15));
    }

    @Test
    void separatedClassesGiveOneAndNaNIsRejected() {
        assertThat(Auc.midrank(new double[] {5, 6}, new double[] {1, 2, 3})).isEqualTo(1.0);
        assertThatThrownBy(() -> Auc.midrank(new double[] {Double.NaN}, new double[] {1}))
                .hasMessageContaining("signal score 0 is NaN");
    }

    /** 50,000 signal scores all above 10 background ones: 1 exactly (n (n + 1) / 2 overflowed an int here). */
    @Test
    void largeSamplesDoNotOverflow() {
        double[] signal = new double[50_000];
        for (int i = 0; i < signal.length; i++) {
            signal[i] = 100 + i;
        }
        double[] background = new double[10];
        assertThat(Auc.midrank(signal, background)).isEqualTo(1.0);
        assertThat(Auc.midrank(background, signal)).isEqualTo(0.0);
    }
}
