package org.sparker.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PairedComparisonTest {

    @Test
    void countsTheFourCellsAndGivesTheExactMcNemarPValue() {
        // toys: both, only first ×3, only second ×1, neither ×2
        double[] a = {0.01, 0.02, 0.03, 0.04, 0.5, 0.9, 0.8};
        double[] b = {0.01, 0.5, 0.6, 0.7, 0.05, 0.9, 0.8};
        PairedComparison c = PairedComparison.of(a, b, 0.05);
        assertThat(c.both()).isEqualTo(1);
        assertThat(c.onlyFirst()).isEqualTo(3);
        assertThat(c.onlySecond()).isEqualTo(1);
        assertThat(c.neither()).isEqualTo(2);
        // 4 discordant, min 1: 2 × P(X ≤ 1), X ~ Bin(4, ½) = 2 × 5/16
        assertThat(c.pValue()).isCloseTo(10.0 / 16, within(1e-12));
    }

    @Test
    void aOneSidedSplitOfThirteenIsSignificantAndNoDiscordanceIsNot() {
        double[] a = new double[20];
        double[] b = new double[20];
        for (int k = 0; k < 20; k++) {
            a[k] = k < 13 ? 0.01 : 0.5;
            b[k] = 0.5;
        }
        assertThat(PairedComparison.of(a, b, 0.05).pValue()).isCloseTo(2 * Math.pow(0.5, 13), within(1e-15));
        assertThat(PairedComparison.of(a, a, 0.05).pValue()).isEqualTo(1.0);
        assertThatThrownBy(() -> PairedComparison.of(a, new double[3], 0.05)).hasMessageContaining("same toys");
    }
}
