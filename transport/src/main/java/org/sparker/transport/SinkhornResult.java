package org.sparker.transport;

/**
 * The outcome of one entropic transport problem (docs/design.md §9).
 *
 * @param f the dual potential on the first measure, one value per point
 * @param g the dual potential on the second measure
 * @param transportCost {@code ⟨P, C⟩}, the primal cost of the entropic plan
 * @param entropicCost {@code OT_ε = Σ a f + Σ b g} ({@code = ⟨P, C⟩ + ε KL(P ‖ a⊗b)} at convergence)
 * @param marginalError {@code ‖P 1 − a‖₁} at the last check (the second marginal is exact after a
 *     {@code g} update)
 * @param iterations full {@code (f, g)} updates made, ε-scaling stages included
 * @param converged whether the marginal error reached the tolerance within the iteration budget
 * @param epsilon the final regularisation ε
 * @param p the cost exponent ({@code c = ‖x − y‖^p})
 */
public record SinkhornResult(double[] f, double[] g, double transportCost, double entropicCost,
        double marginalError, int iterations, boolean converged, double epsilon, double p) {

    /** {@code W_p^ε = ⟨P, C⟩^{1/p}}. */
    public double wasserstein() {
        return Math.pow(transportCost, 1.0 / p);
    }
}
