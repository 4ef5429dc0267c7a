package org.sparker.engine;

import java.util.Arrays;

/**
 * A dense, row-major matrix of {@code float}: element {@code (r, c)} lives at
 * {@code data[r * cols + c]}. Points are {@code N×d} matrices (one point per row).
 *
 * <p>A matrix wraps its array without copying it ({@link #wrap}); the array then belongs to the
 * matrix and must not be changed afterwards. That is what lets a backend check the values once
 * ({@link #requireFinite}) and keep them resident (for example on a GPU) across many steps.
 *
 * <p>Zero rows are allowed (an empty sample is rejected where it matters, with a message naming
 * the sample); zero columns are not.
 */
public final class FloatMatrix {

    private final float[] data;
    private final int rows;
    private final int cols;
    /** Set once every value has been seen to be finite; contents never change after wrap. */
    private volatile boolean checkedFinite;

    private FloatMatrix(float[] data, int rows, int cols) {
        this.data = data;
        this.rows = rows;
        this.cols = cols;
    }

    /**
     * Wraps {@code data} (row-major, {@code rows × cols}) without copying.
     *
     * @throws IllegalArgumentException if the shape is negative, has no columns, or does not
     *     match the array length
     */
    public static FloatMatrix wrap(float[] data, int rows, int cols) {
        if (data == null) {
            throw new IllegalArgumentException("matrix data is null");
        }
        if (rows < 0 || cols < 1) {
            throw new IllegalArgumentException(
                    "matrix shape " + rows + "×" + cols + " is invalid: rows must be ≥ 0 and columns ≥ 1");
        }
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException("matrix shape " + rows + "×" + cols + " needs "
                    + (long) rows * cols + " values but the array has " + data.length);
        }
        return new FloatMatrix(data, rows, cols);
    }

    /** Copies a rectangular {@code float[rows][cols]} array. */
    public static FloatMatrix of(float[][] rowsData) {
        if (rowsData == null || rowsData.length == 0 || rowsData[0] == null) {
            throw new IllegalArgumentException("matrix rows are missing: need at least one row to know the width");
        }
        int cols = rowsData[0].length;
        float[] data = new float[Math.multiplyExact(rowsData.length, cols)];
        for (int r = 0; r < rowsData.length; r++) {
            if (rowsData[r] == null || rowsData[r].length != cols) {
                throw new IllegalArgumentException("row " + r + " has "
                        + (rowsData[r] == null ? "no values" : rowsData[r].length + " values")
                        + " but row 0 has " + cols);
            }
            System.arraycopy(rowsData[r], 0, data, r * cols, cols);
        }
        return wrap(data, rowsData.length, cols);
    }

    /** Rounds a rectangular {@code double[rows][cols]} array to float. */
    public static FloatMatrix of(double[][] rowsData) {
        if (rowsData == null || rowsData.length == 0 || rowsData[0] == null) {
            throw new IllegalArgumentException("matrix rows are missing: need at least one row to know the width");
        }
        int cols = rowsData[0].length;
        float[] data = new float[Math.multiplyExact(rowsData.length, cols)];
        for (int r = 0; r < rowsData.length; r++) {
            if (rowsData[r] == null || rowsData[r].length != cols) {
                throw new IllegalArgumentException("row " + r + " has "
                        + (rowsData[r] == null ? "no values" : rowsData[r].length + " values")
                        + " but row 0 has " + cols);
            }
            for (int c = 0; c < cols; c++) {
                data[r * cols + c] = (float) rowsData[r][c];
            }
        }
        return wrap(data, rowsData.length, cols);
    }

    /** A column vector ({@code n×1}) holding {@code values} rounded to float: 1D samples. */
    public static FloatMatrix column(double... values) {
        float[] data = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            data[i] = (float) values[i];
        }
        return wrap(data, values.length, 1);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The backing array, live and row-major. Read it; never write it. */
    public float[] data() {
        return data;
    }

    public float get(int row, int col) {
        return data[row * cols + col];
    }

    /** A copy of one row. */
    public float[] row(int row) {
        return Arrays.copyOfRange(data, row * cols, (row + 1) * cols);
    }

    /** A new matrix holding the given rows, in the given order (rows may repeat). */
    public FloatMatrix selectRows(int[] rowIndices) {
        float[] out = new float[Math.multiplyExact(rowIndices.length, cols)];
        for (int i = 0; i < rowIndices.length; i++) {
            int r = rowIndices[i];
            if (r < 0 || r >= rows) {
                throw new IllegalArgumentException("row index " + r + " is outside 0.." + (rows - 1));
            }
            System.arraycopy(data, r * cols, out, i * cols, cols);
        }
        FloatMatrix m = new FloatMatrix(out, rowIndices.length, cols);
        m.checkedFinite = checkedFinite;
        return m;
    }

    /** The rows of {@code this} followed by the rows of {@code other}. */
    public FloatMatrix concat(FloatMatrix other) {
        if (other.cols != cols) {
            throw new IllegalArgumentException("cannot stack a matrix of " + other.cols
                    + " columns under one of " + cols);
        }
        float[] out = Arrays.copyOf(data, data.length + other.data.length);
        System.arraycopy(other.data, 0, out, data.length, other.data.length);
        FloatMatrix m = new FloatMatrix(out, rows + other.rows, cols);
        m.checkedFinite = checkedFinite && other.checkedFinite;
        return m;
    }

    /**
     * Checks that every value is finite and returns {@code this}. The check runs once per matrix;
     * later calls are free.
     *
     * @param name what the matrix is, for the message (e.g. "reference", "points")
     * @throws IllegalArgumentException naming {@code name}, the row and the column of the first
     *     NaN or infinite value
     */
    public FloatMatrix requireFinite(String name) {
        if (checkedFinite) {
            return this;
        }
        for (int i = 0; i < data.length; i++) {
            float v = data[i];
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(name + ": value " + v + " at row " + (i / cols)
                        + ", column " + (i % cols) + " is not finite");
            }
        }
        checkedFinite = true;
        return this;
    }

    @Override
    public String toString() {
        return "FloatMatrix[" + rows + "×" + cols + "]";
    }
}
