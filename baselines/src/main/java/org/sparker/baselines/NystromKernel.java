package org.sparker.baselines;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The kernels of the baselines: the Gaussian {@code exp(−‖x − y‖₂² / (2λ²))}, whose distances
 * come from the {@link org.sparker.engine.KernelBackend}, and the Laplace kernel
 * {@code exp(−√2 ‖x − y‖₁ / λ)} of MMD-FUSE (L1 distance, computed here: no backend offers it).
 */
public enum NystromKernel {
    GAUSSIAN,
    LAPLACE;

    /** Parses {@code gaussian} or {@code laplace}. */
    public static NystromKernel parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "gaussian" -> GAUSSIAN;
            case "laplace" -> LAPLACE;
            default -> throw new IllegalArgumentException("unknown kernel '" + name + "'; expected gaussian or laplace");
        };
    }

    /** The name used in files and on the command line. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
