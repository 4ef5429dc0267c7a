package org.sparker.toys;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.sparker.calibration.ToyParameters;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.TrainingSamples;

/**
 * The 1D exponential benchmark (paper App. C-A, Table I): reference {@code Exp(1)} of size
 * {@code N_R}; data of Poisson-fluctuated size around {@code N(R)} background events plus a
 * Poisson number, of mean {@code fraction · N(R)}, of signal events; {@code w_R = N(R) / N_R}.
 *
 * @param nReference {@code N_R} (paper: 20,000)
 * @param expectedData {@code N(R)} (paper: 2,000)
 * @param signal the signal shape: {@code none}, {@code bump} (Gaussian of {@code mean},
 *     {@code width}) or {@code excess} (density ∝ x² e^{−x}, i.e. Gamma(3, 1))
 * @param mean bump location
 * @param width bump width
 * @param fraction {@code N(S) / N(R)}
 * @param poisson whether the data sizes fluctuate (Poisson); when false the data has exactly
 *     {@code N(R)} background and {@code fraction · N(R)} signal events, as in the toys of the
 *     original kernel NP implementation
 */
public record ExponentialToy(int nReference, double expectedData, String signal, double mean, double width,
        double fraction, boolean poisson) implements ToyModel {

    public static final int PAPER_REFERENCE = 20_000;
    public static final double PAPER_EXPECTED_DATA = 2_000;

    /** Poisson-fluctuated data sizes, as the paper. */
    public ExponentialToy(int nReference, double expectedData, String signal, double mean, double width,
            double fraction) {
        this(nReference, expectedData, signal, mean, width, fraction, true);
    }

    public ExponentialToy {
        if (nReference < 1 || !(expectedData > 0)) {
            throw new IllegalArgumentException("exponential toy: N_R and N(R) must be positive");
        }
        if (!signal.equals("none") && !signal.equals("bump") && !signal.equals("excess")) {
            throw new IllegalArgumentException("exponential toy: unknown signal '" + signal + "'");
        }
        if (!(fraction >= 0) || (signal.equals("bump") && !(width > 0))) {
            throw new IllegalArgumentException("exponential toy: the fraction must be ≥ 0 and a bump's width > 0");
        }
    }

    /** Table I signal {@code bulk}, {@code tail}, {@code extreme-tail} or {@code excess}, at the paper's sizes. */
    public static ExponentialToy table1(String label) {
        return switch (label) {
            case "bulk" -> bump(1.6, 0.16, 4.5e-2);
            case "tail" -> bump(6.4, 0.16, 5e-3);
            case "extreme-tail" -> bump(9, 0.16, 2.5e-3);
            case "excess" -> new ExponentialToy(PAPER_REFERENCE, PAPER_EXPECTED_DATA, "excess", 0, 0, 4.5e-2);
            default -> throw new IllegalArgumentException("exponential toy: unknown Table I signal '" + label
                    + "'; expected bulk, tail, extreme-tail or excess");
        };
    }

    /** A Gaussian bump at the paper's sizes. */
    public static ExponentialToy bump(double mean, double width, double fraction) {
        return new ExponentialToy(PAPER_REFERENCE, PAPER_EXPECTED_DATA, "bump", mean, width, fraction);
    }

    @Override
    public ExponentialToy withSizes(int newReference, double newExpectedData) {
        return new ExponentialToy(newReference, newExpectedData, signal, mean, width, fraction, poisson);
    }

    /** The same set-up with fixed ({@code false}) or Poisson-fluctuated data sizes. */
    public ExponentialToy withPoisson(boolean on) {
        return new ExponentialToy(nReference, expectedData, signal, mean, width, fraction, on);
    }

    @Override
    public String name() {
        return "exp1d-" + signal;
    }

    @Override
    public TrainingSamples sample(UniformRandomProvider rng) {
        ZigguratSampler.Exponential exp = Samplers.exponential(rng);
        double[] ref = new double[nReference];
        for (int i = 0; i < nReference; i++) {
            ref[i] = exp.sample();
        }
        int nBackground = poisson ? Samplers.poisson(rng, expectedData) : (int) Math.round(expectedData);
        int nSignal = signal.equals("none") ? 0
                : poisson ? Samplers.poisson(rng, fraction * expectedData) : (int) Math.round(fraction * expectedData);
        double[] data = new double[Math.max(1, nBackground + nSignal)];
        for (int i = 0; i < nBackground; i++) {
            data[i] = exp.sample();
        }
        var gauss = Samplers.gaussian(rng);
        var gamma = AhrensDieterMarsagliaTsangGammaSampler.of(rng, 3, 1);
        for (int i = nBackground; i < nBackground + nSignal; i++) {
            data[i] = signal.equals("bump") ? mean + width * gauss.sample() : gamma.sample();
        }
        if (nBackground + nSignal == 0) {
            data[0] = exp.sample(); // a data sample is never empty; vanishingly rare at N(R) ≥ 10
        }
        return TrainingSamples.of(FloatMatrix.column(ref), FloatMatrix.column(data), expectedData / nReference);
    }

    @Override
    public ToyModel withoutSignal() {
        return new ExponentialToy(nReference, expectedData, "none", 0, 0, 0, poisson);
    }

    /**
     * What a calibration header records of this toy: {@code exponential-1d} and its components;
     * {@code poisson} only when false, so that files written before the option stay valid.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Parameters(String toy, int nReference, double expectedData, String signal, double mean,
            double width, double fraction, Boolean poisson) implements ToyParameters {
    }

    @Override
    public Parameters parameters() {
        return new Parameters("exponential-1d", nReference, expectedData, signal, mean, width, fraction,
                poisson ? null : Boolean.FALSE);
    }

    @Override
    public int referenceSize() {
        return nReference;
    }
}
