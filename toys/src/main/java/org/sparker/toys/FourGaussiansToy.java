package org.sparker.toys;

import org.apache.commons.rng.UniformRandomProvider;
import org.sparker.calibration.ToyParameters;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.TrainingSamples;

/**
 * The 2D benchmark (paper App. C-B, Table II): an equal mixture of four Gaussians of covariance
 * {@code 4·I} (standard deviation 2) at the corners {@code (±8, ±8)} of a square of side 16.
 * Signals: a {@code cluster} of Gaussian events (at {@code (x, y)} with standard deviation
 * {@code width}, Poisson mean {@code fraction · N(R)}) injected on top of the background, or a
 * {@code scale} distortion where the bottom-left Gaussian's standard deviation becomes
 * {@code width} (smearing 2.2, squeezing 1.8) with the expected count unchanged. The paper does
 * not give the sample sizes; we use the 1D benchmark's ({@code N_R = 20,000}, {@code N(R) = 2,000}).
 */
public record FourGaussiansToy(int nReference, double expectedData, String signal, double x, double y,
        double width, double fraction) implements ToyModel {

    static final double CORNER = 8;
    static final double STD = 2;

    public FourGaussiansToy {
        if (nReference < 1 || !(expectedData > 0)) {
            throw new IllegalArgumentException("four-Gaussians toy: N_R and N(R) must be positive");
        }
        if (!signal.equals("none") && !signal.equals("cluster") && !signal.equals("scale")) {
            throw new IllegalArgumentException("four-Gaussians toy: unknown signal '" + signal + "'");
        }
    }

    /** Table II signal {@code bulk}, {@code extreme-tail}, {@code smearing} or {@code squeezing}. */
    public static FourGaussiansToy table2(String label) {
        return switch (label) {
            case "bulk" -> new FourGaussiansToy(20_000, 2_000, "cluster", -6, -6, 1, 1e-2);
            case "extreme-tail" -> new FourGaussiansToy(20_000, 2_000, "cluster", 0, 0, 1, 1e-3);
            case "smearing" -> new FourGaussiansToy(20_000, 2_000, "scale", 0, 0, 2.2, 0);
            case "squeezing" -> new FourGaussiansToy(20_000, 2_000, "scale", 0, 0, 1.8, 0);
            default -> throw new IllegalArgumentException("four-Gaussians toy: unknown Table II signal '" + label
                    + "'; expected bulk, extreme-tail, smearing or squeezing");
        };
    }

    @Override
    public FourGaussiansToy withSizes(int newReference, double newExpectedData) {
        return new FourGaussiansToy(newReference, newExpectedData, signal, x, y, width, fraction);
    }

    @Override
    public String name() {
        return "gauss2d-" + signal;
    }

    @Override
    public TrainingSamples sample(UniformRandomProvider rng) {
        var gauss = Samplers.gaussian(rng);
        float[] ref = new float[2 * nReference];
        for (int i = 0; i < nReference; i++) {
            mixturePoint(rng, gauss, STD, ref, i);
        }
        int nBackground = Samplers.poisson(rng, expectedData);
        int nSignal = signal.equals("cluster") ? Samplers.poisson(rng, fraction * expectedData) : 0;
        int n = Math.max(1, nBackground + nSignal);
        float[] data = new float[2 * n];
        double bottomLeftStd = signal.equals("scale") ? width : STD;
        for (int i = 0; i < nBackground; i++) {
            mixturePoint(rng, gauss, bottomLeftStd, data, i);
        }
        for (int i = nBackground; i < nBackground + nSignal; i++) {
            data[2 * i] = (float) (x + width * gauss.sample());
            data[2 * i + 1] = (float) (y + width * gauss.sample());
        }
        if (nBackground + nSignal == 0) {
            mixturePoint(rng, gauss, STD, data, 0);
        }
        return TrainingSamples.of(FloatMatrix.wrap(ref, nReference, 2), FloatMatrix.wrap(data, n, 2),
                expectedData / nReference);
    }

    private static void mixturePoint(UniformRandomProvider rng, org.apache.commons.rng.sampling.distribution
            .ZigguratSampler.NormalizedGaussian gauss, double bottomLeftStd, float[] out, int i) {
        int corner = rng.nextInt(4);
        double cx = (corner & 1) == 0 ? -CORNER : CORNER;
        double cy = (corner & 2) == 0 ? -CORNER : CORNER;
        double s = corner == 0 ? bottomLeftStd : STD; // corner 0 is (−8, −8), the bottom left
        out[2 * i] = (float) (cx + s * gauss.sample());
        out[2 * i + 1] = (float) (cy + s * gauss.sample());
    }

    @Override
    public ToyModel withoutSignal() {
        return new FourGaussiansToy(nReference, expectedData, "none", 0, 0, 0, 0);
    }

    @Override
    public Parameters parameters() {
        return new Parameters("four-gaussians-2d", nReference, expectedData, signal, x, y, width, fraction);
    }

    /** What a calibration header records of this toy: {@code four-gaussians-2d} and its components. */
    public record Parameters(String toy, int nReference, double expectedData, String signal, double x, double y,
            double width, double fraction) implements ToyParameters {
    }

    @Override
    public int referenceSize() {
        return nReference;
    }
}
