package org.sparker.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

import org.openlca.npy.Npy;
import org.openlca.npy.NpyArray;
import org.sparker.engine.FloatMatrix;

/**
 * Reads point samples: NumPy {@code .npy} (float32 or float64, one or two dimensions, C or
 * Fortran order) through the openlca npy reader, and {@code .csv} (comma-separated numbers, with
 * or without a header line). Every problem names the file and, where there is one, the row and
 * column; NaN and infinite values are rejected.
 */
final class DataFiles {

    private DataFiles() {
    }

    static FloatMatrix read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError(file + ": no such file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        FloatMatrix m;
        if (name.endsWith(".npy")) {
            m = readNpy(file);
        } else if (name.endsWith(".csv") || name.endsWith(".txt")) {
            m = readCsv(file);
        } else {
            throw new UserError(file + ": unknown format; use .npy (float32/float64) or .csv");
        }
        if (m.rows() == 0) {
            throw new UserError(file + ": no data rows");
        }
        try {
            m.requireFinite(file.toString());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage() + " (rows and columns count from 0)");
        }
        return m;
    }

    private static FloatMatrix readNpy(Path file) {
        NpyArray<?> array;
        try {
            array = Npy.read(file.toFile());
        } catch (RuntimeException e) {
            throw new UserError(file + ": not a readable .npy file (" + e.getMessage() + ")");
        }
        int[] shape = array.shape();
        if (shape.length == 0 || shape.length > 2) {
            throw new UserError(file + ": expected a 1- or 2-dimensional array, got shape "
                    + java.util.Arrays.toString(shape));
        }
        int rows = shape[0];
        int cols = shape.length == 2 ? shape[1] : 1;
        if (cols < 1) {
            throw new UserError(file + ": the array has no columns");
        }
        float[] data;
        if (array.isFloatArray()) {
            data = array.asFloatArray().data();
        } else if (array.isDoubleArray()) {
            double[] d = array.asDoubleArray().data();
            data = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                data[i] = (float) d[i];
            }
        } else {
            throw new UserError(file + ": dtype " + array.dataType() + " is not supported; save float32 or float64");
        }
        if (array.hasColumnOrder() && shape.length == 2) {
            float[] c = new float[data.length];
            for (int r = 0; r < rows; r++) {
                for (int k = 0; k < cols; k++) {
                    c[r * cols + k] = data[k * rows + r];
                }
            }
            data = c;
        }
        return FloatMatrix.wrap(data, rows, cols);
    }

    private static FloatMatrix readCsv(Path file) {
        FloatBuffer values = new FloatBuffer();
        int cols = -1;
        int rows = 0;
        int lineNo = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] fields = t.split(",", -1);
                if (cols < 0 && rows == 0 && !looksNumeric(fields[0])) {
                    cols = fields.length; // header line
                    continue;
                }
                if (cols >= 0 && fields.length != cols) {
                    throw new UserError(file + ": line " + lineNo + " has " + fields.length + " columns, expected "
                            + cols);
                }
                cols = fields.length;
                for (int c = 0; c < fields.length; c++) {
                    String f = fields[c].strip();
                    float v;
                    try {
                        v = Float.parseFloat(f);
                    } catch (NumberFormatException e) {
                        throw new UserError(file + ": line " + lineNo + ", column " + c + ": '" + f
                                + "' is not a number");
                    }
                    if (!Float.isFinite(v)) {
                        throw new UserError(file + ": line " + lineNo + ", column " + c + ": value " + f
                                + " is not finite");
                    }
                    values.add(v);
                }
                rows++;
            }
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (IOException e) {
            throw new UserError(file + ": cannot be read (" + e.getMessage() + ")");
        }
        if (rows == 0) {
            throw new UserError(file + ": no data rows");
        }
        return FloatMatrix.wrap(values.toArray(), rows, cols);
    }

    private static boolean looksNumeric(String s) {
        try {
            Float.parseFloat(s.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A growable float array. */
    private static final class FloatBuffer {
        private float[] a = new float[1024];
        private int n;

        void add(float v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, a.length * 2);
            }
            a[n++] = v;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
