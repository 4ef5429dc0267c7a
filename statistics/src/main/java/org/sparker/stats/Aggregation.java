package org.sparker.stats;

/**
 * Rules that combine the per-width p-values {@code p_1 … p_m} of one test into one statistic,
 * larger = more anomalous (docs/design.md §5).
 */
public enum Aggregation {

    /** Algorithm 1, line 12: {@code T = −½ min_σ log p_σ − (1/(2m)) Σ_σ log p_σ}. */
    SPARKER {
        @Override
        public double combine(double[] p) {
            double min = Double.POSITIVE_INFINITY;
            double sum = 0;
            for (double v : p) {
                double l = Math.log(v);
                min = Math.min(min, l);
                sum += l;
            }
            return -0.5 * min - sum / (2.0 * p.length);
        }
    },
    /** The most significant width alone: {@code −log min_σ p_σ}. */
    MIN_P {
        @Override
        public double combine(double[] p) {
            double min = Double.POSITIVE_INFINITY;
            for (double v : p) {
                min = Math.min(min, v);
            }
            return -Math.log(min);
        }
    },
    /** Fisher's product: {@code −Σ_σ log p_σ}. */
    PRODUCT {
        @Override
        public double combine(double[] p) {
            double sum = 0;
            for (double v : p) {
                sum -= Math.log(v);
            }
            return sum;
        }
    },
    /**
     * Log-sum-exp fusion of the statistics {@code s_σ = −log p_σ}, as MMD-FUSE fuses its
     * normalised statistics: {@code log((1/m) Σ_σ e^{s_σ}) = log mean(1/p_σ)}, a soft maximum.
     */
    FUSE {
        @Override
        public double combine(double[] p) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : p) {
                max = Math.max(max, -Math.log(v));
            }
            double sum = 0;
            for (double v : p) {
                sum += Math.exp(-Math.log(v) - max);
            }
            return max + Math.log(sum / p.length);
        }
    };

    /** The combined statistic of {@code p} (all in (0, 1]). */
    public abstract double combine(double[] p);

    /**
     * The statistic that orders tests with equal combined statistics ({@link Calibration#globalPValue}):
     * Fisher's product for every rule but the product itself, which takes min-p. Min-p takes one of
     * {@code K + 1} values per width, so with few toys many tests tie at the same smallest p-value;
     * among them, the one with the smaller p-values at the other widths ranks as more anomalous.
     */
    public Aggregation tieBreak() {
        return this == PRODUCT ? MIN_P : PRODUCT;
    }

    /** The rule as a formula in the p-values {@code p(σ)} of {@code m} widths, for reports. */
    public String formula() {
        return switch (this) {
            case SPARKER -> "T = −½ min log p(σ) − (1/2m) Σ log p(σ)";
            case MIN_P -> "T = −log min p(σ)";
            case PRODUCT -> "T = −Σ log p(σ)";
            case FUSE -> "T = log((1/m) Σ 1/p(σ))";
        };
    }

    /** The name the command line takes and result files write: {@code sparker}, {@code min-p}, {@code product}, {@code fuse}. */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Parses a name such as {@code sparker}, {@code min-p}, {@code product}, {@code fuse}. */
    public static Aggregation parse(String name) {
        String n = name.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        for (Aggregation a : values()) {
            if (a.name().equals(n)) {
                return a;
            }
        }
        throw new IllegalArgumentException("aggregation: unknown rule '" + name
                + "'; expected sparker, min-p, product or fuse");
    }
}
