package org.sparker.app.preprocess;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.sparker.engine.FloatMatrix;

/**
 * The orthogonal projection onto the first {@code K} principal axes of a reference ({@code --pca K}):
 * {@code y_k = (x − μ) · a_k}, with {@code μ} the reference's mean and {@code a_k} the unit
 * eigenvectors of its covariance with the {@code K} largest eigenvalues, largest first. Each axis's
 * sign is fixed (its component of largest magnitude is positive), so the same reference gives the
 * same axes on every machine. A rotation followed by a projection: SparKer's Gaussian kernels see
 * the same distances in the kept subspace.
 *
 * <p>The eigenvectors come from the {@code d × d} covariance, or, when the reference has fewer
 * points than coordinates, from the {@code n × n} Gram matrix of the centred points (the same axes,
 * a smaller problem).
 *
 * @param mean {@code μ}, of the input's dimension
 * @param axes the {@code K} unit axes, each of the input's dimension
 */
public record Projection(double[] mean, double[][] axes) implements java.io.Serializable {

    public Projection {
        if (axes.length == 0) {
            throw new IllegalArgumentException("a projection needs at least one axis");
        }
        for (double[] a : axes) {
            if (a.length != mean.length) {
                throw new IllegalArgumentException("every axis needs " + mean.length + " components, got " + a.length);
            }
        }
    }

    /** The input's dimension. */
    public int inputDimension() {
        return mean.length;
    }

    /** {@code K}, the dimension after the projection. */
    public int dimension() {
        return axes.length;
    }

    /**
     * The first {@code k} principal axes of {@code reference}'s rows.
     *
     * @throws IllegalArgumentException when {@code k} is not between 1 and the smaller of the
     *     dimension and the points less one, or when the reference varies along fewer than {@code k} axes
     */
    public static Projection fit(FloatMatrix reference, int k) {
        int n = reference.rows();
        int d = reference.cols();
        if (k < 1 || k > d || k > n - 1) {
            throw new IllegalArgumentException("pca: K must be between 1 and the smaller of the dimension (" + d
                    + ") and the reference's points less one (" + (n - 1) + "), got " + k);
        }
        float[] x = reference.data();
        double[] mean = new double[d];
        for (int p = 0; p < n; p++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[p * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[] centred = new double[n * d];
        for (int p = 0; p < n; p++) {
            for (int j = 0; j < d; j++) {
                centred[p * d + j] = x[p * d + j] - mean[j];
            }
        }
        boolean gram = n < d;
        int m = gram ? n : d;
        DMatrixRMaj s = new DMatrixRMaj(m, m);
        double[] sd = s.data;
        if (gram) { // G = X_c X_cᵀ
            for (int p = 0; p < n; p++) {
                for (int q = p; q < n; q++) {
                    double v = 0;
                    for (int j = 0; j < d; j++) {
                        v += centred[p * d + j] * centred[q * d + j];
                    }
                    sd[p * n + q] = v;
                    sd[q * n + p] = v;
                }
            }
        } else { // C = X_cᵀ X_c, upper triangle row by row, then mirrored
            for (int p = 0; p < n; p++) {
                int row = p * d;
                for (int i = 0; i < d; i++) {
                    double xi = centred[row + i];
                    if (xi == 0) {
                        continue;
                    }
                    int at = i * d;
                    for (int j = i; j < d; j++) {
                        sd[at + j] += xi * centred[row + j];
                    }
                }
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < i; j++) {
                    sd[i * d + j] = sd[j * d + i];
                }
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m, true, true);
        if (!eig.decompose(s)) {
            throw new IllegalArgumentException("pca: the reference's covariance could not be diagonalised");
        }
        double[] values = new double[m];
        for (int i = 0; i < m; i++) {
            values[i] = eig.getEigenvalue(i).getReal();
        }
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -values[i]).thenComparingInt(i -> i));
        double top = Math.max(values[order[0]], 0);
        double[][] axes = new double[k][];
        for (int c = 0; c < k; c++) {
            int i = order[c];
            if (!(values[i] > 1e-12 * top)) {
                throw new IllegalArgumentException("pca: the reference varies along only " + c + " axes, fewer than K = "
                        + k);
            }
            DMatrixRMaj v = eig.getEigenVector(i);
            double[] a = new double[d];
            if (gram) { // a = X_cᵀ u, normalised
                for (int p = 0; p < n; p++) {
                    double u = v.data[p];
                    for (int j = 0; j < d; j++) {
                        a[j] += u * centred[p * d + j];
                    }
                }
            } else {
                System.arraycopy(v.data, 0, a, 0, d);
            }
            normalise(a);
            axes[c] = a;
        }
        return new Projection(mean, axes);
    }

    /** The rows of {@code x} (of the input's dimension) projected: {@code n × K}. */
    public FloatMatrix apply(FloatMatrix x) {
        if (x.cols() != mean.length) {
            throw new IllegalArgumentException("pca: the projection was fitted on " + mean.length
                    + " coordinates, the points have " + x.cols());
        }
        int n = x.rows();
        int d = mean.length;
        int k = axes.length;
        float[] in = x.data();
        float[] out = new float[Math.multiplyExact(n, k)];
        double[] c = new double[d];
        for (int p = 0; p < n; p++) {
            for (int j = 0; j < d; j++) {
                c[j] = in[p * d + j] - mean[j];
            }
            for (int a = 0; a < k; a++) {
                double[] axis = axes[a];
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += c[j] * axis[j];
                }
                out[p * k + a] = (float) s;
            }
        }
        return FloatMatrix.wrap(out, n, k);
    }

    /** A point of the projected space back in the input's: {@code μ + Σ y_k a_k}, its place in the kept subspace. */
    public double[] toInputUnits(double[] y) {
        double[] x = mean.clone();
        for (int a = 0; a < axes.length; a++) {
            for (int j = 0; j < x.length; j++) {
                x[j] += y[a] * axes[a][j];
            }
        }
        return x;
    }

    /** Unit length, the component of largest magnitude positive (the first of equals). */
    private static void normalise(double[] a) {
        double s = 0;
        int largest = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * a[j];
            if (Math.abs(a[j]) > Math.abs(a[largest])) {
                largest = j;
            }
        }
        double scale = (a[largest] < 0 ? -1 : 1) / Math.sqrt(s);
        for (int j = 0; j < a.length; j++) {
            a[j] *= scale;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Projection p && Arrays.equals(mean, p.mean) && Arrays.deepEquals(axes, p.axes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.deepHashCode(axes);
    }

    @Override
    public String toString() {
        return "Projection[" + mean.length + " → " + axes.length + "]";
    }
}
