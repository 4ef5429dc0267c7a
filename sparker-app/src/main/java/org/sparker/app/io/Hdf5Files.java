package org.sparker.app.io;

import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import org.sparker.app.UserError;
import org.sparker.engine.FloatMatrix;

/**
 * HDF5 inputs through jhdf (pure Java, no native library): a 2-D dataset is rows × columns, a
 * 1-D one a single column; float32, float64 and integer types; contiguous, chunked and
 * gzip-compressed storage. Errors name the file and the dataset path.
 */
public final class Hdf5Files {

    private Hdf5Files() {
    }

    static {
        // jhdf's Fletcher-32 filter does not check the checksum; ours does (the registry is keyed by id)
        io.jhdf.filter.FilterManager.addFilter(new Fletcher32());
    }

    /** The dataset at {@code path} of {@code file}, or its only dataset when {@code path} is null or empty. */
    static FloatMatrix read(Path file, String path) {
        try (HdfFile hdf = new HdfFile(file)) {
            Dataset ds;
            String where;
            if (path == null || path.isEmpty()) {
                List<Dataset> all = new ArrayList<>();
                collect(hdf, all);
                if (all.size() != 1) {
                    throw new UserError(file + ": holds " + all.size() + " datasets ("
                            + String.join(", ", all.stream().map(Dataset::getPath).toList()) + "); name one as "
                            + file.getFileName() + ":/group/dataset");
                }
                ds = all.get(0);
                where = file + ":" + ds.getPath();
            } else {
                where = file + ":" + path;
                Node node;
                try {
                    node = hdf.getByPath(path);
                } catch (HdfException e) {
                    throw new UserError(where + ": no such dataset in the file");
                }
                if (!(node instanceof Dataset d)) {
                    throw new UserError(where + ": is a group, not a dataset");
                }
                ds = d;
            }
            return toMatrix(ds, where);
        } catch (HdfException e) {
            throw new UserError(file + ": not a readable HDF5 file (" + e.getMessage() + ")");
        }
    }

    /** Every dataset below {@code g}, each group visited once (hard links can make cycles). */
    private static void collect(Group g, List<Dataset> out) {
        collect(g, out, new java.util.HashSet<>());
    }

    private static void collect(Group g, List<Dataset> out, java.util.Set<Long> seen) {
        if (!seen.add(g.getAddress())) {
            return;
        }
        for (Node n : g.getChildren().values()) {
            if (n instanceof Dataset d) {
                if (seen.add(d.getAddress())) {
                    out.add(d);
                }
            } else if (n instanceof Group child) {
                collect(child, out, seen);
            }
        }
    }

    private static FloatMatrix toMatrix(Dataset ds, String where) {
        int[] dims = ds.getDimensions();
        if (ds.isScalar() || dims.length == 0 || dims.length > 2) {
            throw new UserError(where + ": expected a 1- or 2-dimensional dataset, got shape "
                    + java.util.Arrays.toString(dims));
        }
        Class<?> type = ds.getJavaType();
        if (ds.isCompound() || ds.isVariableLength() || !(type == double.class || type == float.class
                || type == int.class || type == long.class || type == short.class || type == byte.class)) {
            throw new UserError(where + ": is not numeric (" + (ds.isCompound() ? "compound" : type.getSimpleName())
                    + "); save float32 or float64");
        }
        int rows = dims[0];
        int cols = dims.length == 2 ? dims[1] : 1;
        if (cols < 1) {
            throw new UserError(where + ": the dataset has no columns");
        }
        Object data;
        try {
            data = ds.getData();
        } catch (HdfException e) {
            throw new UserError(where + ": cannot be read (" + e.getMessage() + ")");
        } catch (NullPointerException e) {
            data = null;
        }
        if (data == null) {
            throw new UserError(where + ": the dataset holds no data (allocated but never written)");
        }
        boolean integers = type != double.class && type != float.class;
        float[] out = new float[Math.multiplyExact(rows, cols)];
        for (int r = 0; r < rows; r++) {
            Object row = dims.length == 2 ? Array.get(data, r) : null;
            for (int c = 0; c < cols; c++) {
                Number n = (Number) Array.get(dims.length == 2 ? row : data, dims.length == 2 ? c : r);
                float f = n.floatValue();
                // integers are data, not measurements to round: as for .npy, only those float holds exactly
                if (integers && (long) f != n.longValue()) {
                    throw new UserError(where + ": row " + r + ", column " + c + " holds the integer " + n.longValue()
                            + ", which float32 cannot hold exactly (|x| > 2^24); save float32 or float64");
                }
                out[r * cols + c] = integers ? f : (float) n.doubleValue();
            }
        }
        return FloatMatrix.wrap(out, rows, cols);
    }
}
