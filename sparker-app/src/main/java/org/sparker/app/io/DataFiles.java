package org.sparker.app.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

import org.openlca.npy.Npy;
import org.openlca.npy.NpyArray;
import org.sparker.app.UserError;
import org.sparker.engine.FloatMatrix;

/**
 * Reads point samples: NumPy {@code .npy} (float32 or float64, one or two dimensions, C or
 * Fortran order) through the openlca npy reader, after checking that the payload is exactly as
 * long as the header's shape says; and {@code .csv}:
 * <ul>
 * <li>UTF-8, with or without a byte-order mark; blank lines and lines starting with {@code #}
 *     are skipped;</li>
 * <li>fields separated by commas, optionally in double quotes ({@code "1.5"}; a doubled quote
 *     inside quotes is a quote);</li>
 * <li>the first row is a header when any of its fields is not a number, or when its fields are
 *     exactly {@code 0, 1, …, d−1} (the column labels pandas writes by default);</li>
 * <li>every row has as many fields as the first.</li>
 * </ul>
 * Also HDF5 ({@code file.h5:/group/dataset}, or the file's only dataset; read by the pure-Java
 * jhdf, contiguous or chunked and gzip-compressed, float or integer, one or two dimensions) and
 * NumPy {@code .npz} archives ({@code file.npz:name}, or the only array; compressed or not; each
 * member read as a {@code .npy}).
 *
 * Every problem names the file (and the dataset or member) and, where there is one, the line or
 * row and column; NaN and infinite values are rejected.
 */
public final class DataFiles {

    private DataFiles() {
    }

    /** {@code file.h5:/path} or {@code file.npz:name}: the container and the member after the last colon. */
    private static final java.util.regex.Pattern MEMBER = java.util.regex.Pattern.compile(
            "(?i)(.*\\.(?:h5|hdf5|he5|hdf|npz)):([^:]*)");

    public static FloatMatrix read(Path file) {
        String spec = file.toString();
        java.util.regex.Matcher member = MEMBER.matcher(spec);
        Path physical = file;
        String inner = null;
        if (member.matches() && !Files.isRegularFile(file)) {
            physical = Path.of(member.group(1));
            inner = member.group(2);
        }
        if (!Files.isRegularFile(physical)) {
            throw new UserError(physical + ": no such file");
        }
        String name = physical.getFileName().toString().toLowerCase(Locale.ROOT);
        FloatMatrix m;
        if (name.endsWith(".h5") || name.endsWith(".hdf5") || name.endsWith(".he5") || name.endsWith(".hdf")) {
            m = Hdf5Files.read(physical, inner);
        } else if (name.endsWith(".npz")) {
            m = readNpz(physical, inner);
        } else if (inner != null) {
            throw new UserError(spec + ": only .h5 and .npz files have members after a colon");
        } else if (name.endsWith(".npy")) {
            m = readNpy(file);
        } else if (name.endsWith(".csv") || name.endsWith(".txt")) {
            m = readCsv(file);
        } else {
            throw new UserError(file + ": unknown format; use .npy (float32/float64), .npz, .h5 or .csv");
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

    /**
     * One array of a {@code .npz} archive (a zip of {@code .npy} files, stored or deflated):
     * {@code name} (with or without {@code .npy}), or the only one when {@code name} is null.
     */
    private static FloatMatrix readNpz(Path file, String name) {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            java.util.List<String> names = zip.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(n -> n.endsWith(".npy")).toList();
            String entry;
            if (name == null || name.isEmpty()) {
                if (names.size() != 1) {
                    throw new UserError(file + ": holds " + names.size() + " arrays ("
                            + String.join(", ", names.stream().map(n -> n.substring(0, n.length() - 4)).toList())
                            + "); name one as " + file.getFileName() + ":NAME");
                }
                entry = names.get(0);
            } else {
                entry = name.endsWith(".npy") ? name : name + ".npy";
                if (!names.contains(entry)) {
                    throw new UserError(file + ": has no array '" + name + "'; it holds "
                            + String.join(", ", names.stream().map(n -> n.substring(0, n.length() - 4)).toList()));
                }
            }
            String label = file + ":" + entry.substring(0, entry.length() - 4);
            Path tmp = Files.createTempFile("sparker-npz", ".npy");
            try {
                try (var in = zip.getInputStream(zip.getEntry(entry))) {
                    Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                return readNpy(tmp, label);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (java.util.zip.ZipException e) {
            throw new UserError(file + ": not a readable .npz archive (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UserError(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    private static FloatMatrix readNpy(Path file) {
        return readNpy(file, file.toString());
    }

    /** A {@code .npy} at {@code file}, named {@code label} in every message. */
    private static FloatMatrix readNpy(Path file, String label) {
        try {
            return readNpyUnlabelled(file);
        } catch (UserError e) {
            if (label.equals(file.toString())) {
                throw e;
            }
            throw new UserError(e.getMessage().replace(file.toString(), label));
        }
    }

    private static FloatMatrix readNpyUnlabelled(Path file) {
        checkNpyPayload(file);
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

    /**
     * The payload after the header must be exactly {@code ∏ shape × itemsize} bytes: a file cut
     * short (or with bytes appended) is refused, not padded with zeros.
     */
    public static void checkNpyPayload(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(8);
            if (magic.length < 8 || (magic[0] & 0xff) != 0x93 || magic[1] != 'N' || magic[2] != 'U' || magic[3] != 'M'
                    || magic[4] != 'P' || magic[5] != 'Y') {
                throw new UserError(file + ": not a .npy file (no NUMPY magic string)");
            }
            int major = magic[6];
            byte[] lenBytes = in.readNBytes(major == 1 ? 2 : 4);
            long headerLength = 0;
            for (int i = lenBytes.length - 1; i >= 0; i--) {
                headerLength = (headerLength << 8) | (lenBytes[i] & 0xff);
            }
            if (headerLength > 1 << 20) {
                throw new UserError(file + ": .npy header length " + headerLength + " is not plausible");
            }
            String header = new String(in.readNBytes((int) headerLength), StandardCharsets.ISO_8859_1);
            java.util.regex.Matcher descr = java.util.regex.Pattern.compile("'descr'\\s*:\\s*'([^']*)'").matcher(header);
            java.util.regex.Matcher shape = java.util.regex.Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)").matcher(header);
            if (!descr.find() || !shape.find()) {
                throw new UserError(file + ": the .npy header has no 'descr' or 'shape'");
            }
            String dtype = descr.group(1);
            int itemSize;
            try {
                itemSize = Integer.parseInt(dtype.replaceAll("^[<>|=]?[a-zA-Z]", ""));
            } catch (NumberFormatException e) {
                return; // an unusual dtype: the reader below names it
            }
            long expected = itemSize;
            for (String dim : shape.group(1).split(",")) {
                if (!dim.isBlank()) {
                    expected = Math.multiplyExact(expected, Long.parseLong(dim.trim()));
                }
            }
            long offset = 8 + lenBytes.length + headerLength;
            long actual = Files.size(file) - offset;
            if (actual != expected) {
                throw new UserError(file + ": the .npy header promises shape (" + shape.group(1).trim() + ") of " + dtype
                        + ", " + expected + " bytes of data, but the file holds " + actual
                        + (actual < expected ? " (cut short?)" : " (extra bytes after the array)"));
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UserError(file + ": the .npy header's shape is not readable");
        } catch (IOException e) {
            throw new UserError(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    private static FloatMatrix readCsv(Path file) {
        FloatBuffer values = new FloatBuffer();
        int cols = -1;
        int rows = 0;
        int lineNo = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            boolean first = true;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1); // a UTF-8 byte-order mark
                }
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] fields = splitCsv(file, lineNo, t);
                if (first) {
                    first = false;
                    cols = fields.length;
                    if (isHeader(fields)) {
                        continue;
                    }
                }
                if (fields.length != cols) {
                    throw new UserError(file + ": line " + lineNo + " has " + fields.length + " columns, expected "
                            + cols);
                }
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

    /** The first row is a header when a field is not a number, or when it is pandas' labels 0, 1, …, d−1. */
    public static boolean isHeader(String[] fields) {
        boolean labels = true;
        for (int c = 0; c < fields.length; c++) {
            String f = fields[c].strip();
            if (!looksNumeric(f)) {
                return true;
            }
            labels &= f.equals(Integer.toString(c));
        }
        return labels && fields.length > 1;
    }

    /** One line's fields: commas outside double quotes separate them; {@code ""} inside quotes is a quote. */
    public static String[] splitCsv(Path file, int lineNo, String line) {
        java.util.List<String> out = new java.util.ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"' && cur.toString().isBlank()) {
                quoted = true;
                cur.setLength(0);
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        if (quoted) {
            throw new UserError(file + ": line " + lineNo + ": a quoted field is not closed");
        }
        out.add(cur.toString());
        return out.toArray(String[]::new);
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
