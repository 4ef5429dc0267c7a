package org.sparker.reproduction;

import java.util.LinkedHashMap;
import java.util.Map;

import org.sparker.toys.ExponentialToy;
import org.sparker.toys.FourGaussiansToy;
import org.sparker.toys.ToyModel;

/** The paper's toy benchmarks (Tables I and II) by name: the one list {@code sparker toy} and the studies use. */
public final class Benchmarks {

    /** Every benchmark, by name, with a line describing it. */
    public static final Map<String, String> NAMES;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("exp1d-bulk", "1D Exp(1), Gaussian bump at 1.6, width 0.16, 4.5% (Table I)");
        m.put("exp1d-tail", "1D Exp(1), Gaussian bump at 6.4, width 0.16, 0.5% (Table I)");
        m.put("exp1d-extreme-tail", "1D Exp(1), Gaussian bump at 9, width 0.16, 0.25% (Table I)");
        m.put("exp1d-excess", "1D Exp(1), tail excess ∝ x² e^{−x}, 4.5% (Table I)");
        m.put("gauss2d-bulk", "2D four Gaussians, cluster at (−6,−6), σ 1, 1% (Table II)");
        m.put("gauss2d-extreme-tail", "2D four Gaussians, cluster at (0,0), σ 1, 0.1% (Table II)");
        m.put("gauss2d-smearing", "2D four Gaussians, bottom-left σ 2 → 2.2 (Table II)");
        m.put("gauss2d-squeezing", "2D four Gaussians, bottom-left σ 2 → 1.8 (Table II)");
        NAMES = java.util.Collections.unmodifiableMap(m);
    }

    private Benchmarks() {
    }

    /**
     * The toy model of benchmark {@code name}, signal included.
     *
     * @throws IllegalArgumentException naming the benchmarks when there is no such one
     */
    public static ToyModel model(String name) {
        if (name != null && NAMES.containsKey(name)) {
            return name.startsWith("exp1d-") ? ExponentialToy.table1(name.substring(6))
                    : FourGaussiansToy.table2(name.substring(8));
        }
        throw new IllegalArgumentException("unknown benchmark '" + name + "'; expected one of "
                + String.join(", ", NAMES.keySet()));
    }
}
