package org.sparker.toys;

import java.util.Arrays;
import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.sparker.calibration.ToyParameters;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.TrainingSamples;

/**
 * The 1D teacher/student set-up of the paper's Section III (Figs. 5–7): nominal data is an equal
 * mixture of {@code N(−3, 1)} and {@code N(3, 1)}. The anomaly is either a list of single points
 * ({@code anomalies}, e.g. {@code −10}, or {@code −5} and {@code −10}) added to the data, or a
 * Gaussian signal {@code N(signalMean, signalWidth)} with Poisson mean {@code fraction · N(R)}.
 * Sizes are not Poisson-fluctuated when {@code poisson} is false ("infinite statistics" runs use
 * large fixed samples).
 */
public record TeacherStudentToy(int nReference, double expectedData, boolean poisson, double[] anomalies,
        double signalMean, double signalWidth, double fraction) implements ToyModel {

    public TeacherStudentToy {
        anomalies = anomalies == null ? new double[0] : anomalies.clone();
        if (nReference < 1 || !(expectedData >= 1)) {
            throw new IllegalArgumentException("teacher/student toy: N_R and N(R) must be positive");
        }
    }

    /** Single anomalous points on top of {@code n} nominal data points, reference of {@code nReference}. */
    public static TeacherStudentToy points(int nReference, int n, double... anomalies) {
        return new TeacherStudentToy(nReference, n, false, anomalies, 0, 0, 0);
    }

    /** A Gaussian signal {@code N(mean, width)} of fraction {@code fraction}, Poisson-fluctuated sizes. */
    public static TeacherStudentToy gaussianSignal(int nReference, double expectedData, double mean, double width,
            double fraction) {
        return new TeacherStudentToy(nReference, expectedData, true, new double[0], mean, width, fraction);
    }

    @Override
    public String name() {
        return "teacher-student";
    }

    @Override
    public TrainingSamples sample(UniformRandomProvider rng) {
        var gauss = Samplers.gaussian(rng);
        double[] ref = new double[nReference];
        for (int i = 0; i < nReference; i++) {
            ref[i] = (rng.nextBoolean() ? 3 : -3) + gauss.sample();
        }
        int nBackground = poisson ? Samplers.poisson(rng, expectedData) : (int) Math.round(expectedData);
        int nSignal = fraction > 0 ? Samplers.poisson(rng, fraction * expectedData) : 0;
        double[] data = new double[nBackground + nSignal + anomalies.length];
        int o = 0;
        for (int i = 0; i < nBackground; i++) {
            data[o++] = (rng.nextBoolean() ? 3 : -3) + gauss.sample();
        }
        for (int i = 0; i < nSignal; i++) {
            data[o++] = signalMean + signalWidth * gauss.sample();
        }
        for (double a : anomalies) {
            data[o++] = a;
        }
        return TrainingSamples.of(FloatMatrix.column(ref), FloatMatrix.column(data), expectedData / nReference);
    }

    @Override
    public TeacherStudentToy withSizes(int newReference, double newExpectedData) {
        return new TeacherStudentToy(newReference, newExpectedData, poisson, anomalies, signalMean, signalWidth, fraction);
    }

    @Override
    public ToyModel withoutSignal() {
        return new TeacherStudentToy(nReference, expectedData, poisson, new double[0], 0, 0, 0);
    }

    @Override
    public Parameters parameters() {
        return new Parameters("teacher-student-1d", nReference, expectedData, poisson,
                Arrays.stream(anomalies).boxed().toList(), signalMean, signalWidth, fraction);
    }

    /** What a calibration header records of this toy: {@code teacher-student-1d} and its settings. */
    public record Parameters(String toy, int nReference, double expectedData, boolean poisson, List<Double> anomalies,
            double signalMean, double signalWidth, double fraction) implements ToyParameters {
    }

    @Override
    public int referenceSize() {
        return nReference;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TeacherStudentToy t && t.nReference == nReference && t.expectedData == expectedData
                && t.poisson == poisson && Arrays.equals(t.anomalies, anomalies) && t.signalMean == signalMean
                && t.signalWidth == signalWidth && t.fraction == fraction;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(anomalies) * 31 + Double.hashCode(signalMean + expectedData + fraction);
    }

    @Override
    public String toString() {
        return "TeacherStudentToy" + parameters();
    }
}
