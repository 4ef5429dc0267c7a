package org.sparker.engine;

import java.util.Arrays;

/**
 * An immutable SparKer model (docs/design.md §1, paper Eqs. 5–7): the value a training run returns,
 * a checkpoint records and a model file stores. Validated on construction.
 */
public final class KernelModel extends ParameterArrays {

    private final double[] centers;
    private final double[] amplitudes;
    private final double width;
    private final boolean softmax;

    private KernelModel(int dimension, double[] centers, double[] amplitudes, double width, boolean softmax) {
        super(centers, dimension, amplitudes);
        this.centers = centers;
        this.amplitudes = amplitudes;
        this.width = width;
        this.softmax = softmax;
        validate();
    }

    /**
     * A model from row-major centres ({@code M×d}) and amplitudes ({@code M}); both are copied.
     *
     * @throws IllegalArgumentException on a shape mismatch, a non-finite value or {@code σ ≤ 0}
     */
    public static KernelModel of(double[] centers, int dimension, double[] amplitudes, double width,
            boolean softmax) {
        int m = amplitudes == null ? 0 : amplitudes.length;
        ModelShape.check(m, dimension, centers, amplitudes);
        return new KernelModel(dimension, centers.clone(), amplitudes.clone(), width, softmax);
    }

    /** A model from {@code centers[M][d]}; the arrays are copied. */
    public static KernelModel of(double[][] centers, double[] amplitudes, double width, boolean softmax) {
        if (centers == null || centers.length == 0) {
            throw new IllegalArgumentException("centers: a model needs at least one kernel");
        }
        int d = centers[0] == null ? 0 : centers[0].length;
        double[] flat = new double[centers.length * d];
        for (int i = 0; i < centers.length; i++) {
            if (centers[i] == null || centers[i].length != d) {
                throw new IllegalArgumentException("centers: centre " + i + " has "
                        + (centers[i] == null ? 0 : centers[i].length) + " coordinates but centre 0 has " + d);
            }
            System.arraycopy(centers[i], 0, flat, i * d, d);
        }
        return of(flat, d, amplitudes, width, softmax);
    }

    /** The same centres and amplitudes at another width. */
    public KernelModel withWidth(double newWidth) {
        return new KernelModel(dimension(), centers, amplitudes, newWidth, softmax);
    }

    /** The same parameters with the softmax competition switched on or off. */
    public KernelModel withSoftmax(boolean on) {
        return new KernelModel(dimension(), centers, amplitudes, width, on);
    }

    @Override
    public double width() {
        return width;
    }

    @Override
    public boolean softmax() {
        return softmax;
    }

    /** A copy of the centres, row-major {@code M×d}. */
    public double[] centers() {
        return centers.clone();
    }

    /** A copy of centre {@code kernel}. */
    public double[] center(int kernel) {
        return Arrays.copyOfRange(centers, kernel * dimension(), (kernel + 1) * dimension());
    }

    /** A copy of the amplitudes. */
    public double[] amplitudes() {
        return amplitudes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KernelModel other
                && kernels() == other.kernels()
                && dimension() == other.dimension()
                && Double.compare(width, other.width) == 0
                && softmax == other.softmax
                && Arrays.equals(centers, other.centers)
                && Arrays.equals(amplitudes, other.amplitudes);
    }

    @Override
    public int hashCode() {
        int h = Double.hashCode(width);
        h = 31 * h + Boolean.hashCode(softmax);
        h = 31 * h + Arrays.hashCode(centers);
        return 31 * h + Arrays.hashCode(amplitudes);
    }

    @Override
    public String toString() {
        return "KernelModel[M=" + kernels() + ", d=" + dimension() + ", σ=" + width
                + ", softmax=" + softmax + ", amplitudes=" + Arrays.toString(amplitudes) + "]";
    }
}
