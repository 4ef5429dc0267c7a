package org.sparker.baselines;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonValue;

/** The two-sample tests the engine runs: SparKer and its two baselines, by their command-line names. */
public enum Method {
    /** The paper's method: trained kernels, calibrated on anomaly-free toys. */
    SPARKER("sparker"),
    /** The kernel Neyman–Pearson test ("Falkon"), calibrated on the same toys, min-p over widths. */
    KERNEL_NP("kernel-np"),
    /** Nyström MMD-FUSE, a permutation test. */
    MMD_FUSE("mmd-fuse");

    private final String label;

    Method(String label) {
        this.label = label;
    }

    /** The name on the command line and in result files. */
    @JsonValue
    public String label() {
        return label;
    }

    /**
     * The method named {@code s} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the choices
     */
    public static Method parse(String s) {
        String wanted = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        for (Method m : values()) {
            if (m.label.equals(wanted)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown method '" + s + "'; expected " + labels());
    }

    /** {@code sparker, kernel-np, mmd-fuse}. */
    public static String labels() {
        return Arrays.stream(values()).map(Method::label).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return label;
    }
}
