package org.sparker.app.io;

import java.lang.reflect.Array;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.exceptions.HdfException;
import org.sparker.app.UserError;
import org.sparker.engine.FloatMatrix;

/**
 * HDF5 inputs through jhdf (pure Java, no native library): a 2-D dataset is rows × columns, a
 * 1-D one a single column; float32, float64 and integer types (signed and unsigned, each value
 * refused unless float32 holds it exactly); contiguous, chunked and gzip-compressed storage,
 * Fletcher-32 checksums verified. Errors name the file and the dataset path.
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
        // absolute: jhdf resolves an external link's file against this file's folder
        try (HdfFile hdf = new HdfFile(file.toAbsolutePath())) {
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
                    throw new UserError(where + ": " + lookupFailure(e));
                } catch (StackOverflowError e) {
                    // jhdf follows soft links by recursion, without a bound: a link that leads back to itself
                    throw new UserError(where + ": its soft links lead back to themselves; name the dataset itself");
                }
                if (!(node instanceof Dataset d)) {
                    throw new UserError(where + ": is a group, not a dataset");
                }
                ds = d;
            }
            return toMatrix(ds, where);
        } catch (HdfException e) {
            String unsupported = unsupported(e);
            throw new UserError(file + ": " + (unsupported != null ? unsupported
                    : "not a readable HDF5 file (" + e.getMessage() + ")"));
        } catch (UserError e) {
            throw e;
        } catch (RuntimeException e) {
            // jhdf meets damaged structures with whatever the bytes lead to (bounds, arithmetic, buffers)
            throw new UserError(file + ": not a readable HDF5 file; it is damaged or truncated ("
                    + (e.getMessage() != null ? e.getMessage() : "its structures lead outside the file") + ")");
        }
    }

    /** Why a dataset path was not found: a feature jhdf does not read, an external link, or no such dataset. */
    private static String lookupFailure(HdfException e) {
        String unsupported = unsupported(e);
        if (unsupported != null) {
            return unsupported;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("Could not resolve link target '([^']*)' in external file '([^']*)'").matcher(
                        String.valueOf(e.getMessage()));
        if (m.find()) {
            return "is an external link to " + m.group(2) + ":" + m.group(1) + " (beside this file), which cannot be "
                    + "read: put that file there, or name it and its dataset instead";
        }
        return "no such dataset in the file";
    }

    /** The file uses storage this reader does not support (external data files, say): what and what to do, or null. */
    private static String unsupported(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.jhdf.exceptions.UnsupportedHdfException) {
                return "cannot be read: it uses an HDF5 feature this reader does not support (" + t.getMessage()
                        + "); write the data into the file itself (h5py: create_dataset without external=)";
            }
        }
        return null;
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

    /**
     * Refuses a chunked dataset with a chunk missing from the file's index: HDF5 reads such a
     * chunk as the fill value (zeros), so a writer that stopped early, or a damaged index, would
     * otherwise give rows of zeros that look like data.
     */
    private static void requireEveryChunk(ChunkedDataset ds, int[] dims, String where) {
        int[] size = ds.getChunkDimensions();
        int[] origin = new int[dims.length];
        while (true) {
            try {
                ds.getRawChunkBuffer(origin.clone());
            } catch (HdfException e) {
                int last = Math.min(origin[0] + size[0], dims[0]) - 1;
                throw new UserError(where + ": rows " + origin[0] + "–" + last + (dims.length == 2 ? ", columns from "
                        + origin[1] : "") + " were never written (the file's chunk index has no chunk for them); "
                        + "the file is incomplete or damaged");
            }
            int axis = dims.length - 1; // the next chunk's origin, last axis fastest
            while (axis >= 0 && (origin[axis] += size[axis]) >= dims[axis]) {
                origin[axis--] = 0;
            }
            if (axis < 0) {
                return;
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
                || type == int.class || type == long.class || type == short.class || type == byte.class
                || type == BigInteger.class)) { // BigInteger: unsigned 64-bit
            throw new UserError(where + ": is not numeric (" + (ds.isCompound() ? "compound" : type.getSimpleName())
                    + "); save float32 or float64");
        }
        int rows = dims[0];
        int cols = dims.length == 2 ? dims[1] : 1;
        if (cols < 1) {
            throw new UserError(where + ": the dataset has no columns");
        }
        if (rows < 1) {
            throw new UserError(where + ": the dataset has no rows (shape " + java.util.Arrays.toString(dims) + ")");
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
        if (ds instanceof ChunkedDataset chunked) {
            requireEveryChunk(chunked, dims, where);
        }
        boolean integers = type != double.class && type != float.class;
        float[] out = new float[Math.multiplyExact(rows, cols)];
        for (int r = 0; r < rows; r++) {
            Object row = dims.length == 2 ? Array.get(data, r) : null;
            for (int c = 0; c < cols; c++) {
                Number n = (Number) Array.get(dims.length == 2 ? row : data, dims.length == 2 ? c : r);
                float f = n.floatValue();
                // integers are data, not measurements to round: as for .npy, only those float holds exactly
                if (integers && !(n instanceof BigInteger b ? Math.abs(f) < 0x1p63f && BigInteger.valueOf((long) f).equals(b)
                        : (long) f == n.longValue())) {
                    throw new UserError(where + ": row " + r + ", column " + c + " holds the integer " + n
                            + ", which float32 cannot hold exactly (|x| > 2^24); save float32 or float64");
                }
                out[r * cols + c] = integers ? f : (float) n.doubleValue();
            }
        }
        return FloatMatrix.wrap(out, rows, cols);
    }
}
