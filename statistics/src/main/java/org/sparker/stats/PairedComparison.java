package org.sparker.stats;

import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * Two tests run on the same signal toys, compared toy by toy: how many toys each detects at
 * level α that the other misses, and the exact two-sided McNemar p-value of the difference (a
 * binomial test on the discordant toys). Pairing removes the toy-to-toy variation that the two
 * powers share, so it resolves differences that their separate intervals cannot.
 *
 * @param both toys both detect
 * @param onlyFirst toys only the first detects
 * @param onlySecond toys only the second detects
 * @param neither toys neither detects
 * @param pValue exact two-sided McNemar p-value (1 when no toy is discordant)
 */
public record PairedComparison(int both, int onlyFirst, int onlySecond, int neither, double pValue) {

    /**
     * Compares the global p-values of two tests on the same toys (entry {@code k} of both
     * arrays is toy {@code k}).
     */
    public static PairedComparison of(double[] first, double[] second, double alpha) {
        if (first.length != second.length) {
            throw new IllegalArgumentException("paired comparison: " + first.length + " and " + second.length
                    + " toys; the two tests must run on the same toys");
        }
        int both = 0;
        int onlyFirst = 0;
        int onlySecond = 0;
        for (int k = 0; k < first.length; k++) {
            boolean a = first[k] <= alpha;
            boolean b = second[k] <= alpha;
            if (a && b) {
                both++;
            } else if (a) {
                onlyFirst++;
            } else if (b) {
                onlySecond++;
            }
        }
        int discordant = onlyFirst + onlySecond;
        double p = 1;
        if (discordant > 0) {
            double tail = BinomialDistribution.of(discordant, 0.5).cumulativeProbability(Math.min(onlyFirst, onlySecond));
            p = Math.min(1, 2 * tail);
        }
        return new PairedComparison(both, onlyFirst, onlySecond, first.length - both - discordant, p);
    }
}
