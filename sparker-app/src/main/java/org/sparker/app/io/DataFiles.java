package org.sparker.app.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.openlca.npy.Npy;
import org.openlca.npy.NpyArray;
import org.sparker.app.UserError;
import org.sparker.calibration.IoErrors;
import org.sparker.engine.FloatMatrix;

/**
 * Reads point samples: NumPy {@code .npy} (float32 or float64, one or two dimensions, C or
 * Fortran order) through the openlca npy reader, after checking that the payload is exactly as
 * long as the header's shape says; and {@code .csv}:
 * <ul>
 * <li>UTF-8 (anything else is an error naming the line), with or without a byte-order mark;
 *     blank lines and lines starting with {@code #} are skipped;</li>
 * <li>fields separated by commas, optionally in double quotes ({@code "1.5"}; a doubled quote
 *     inside quotes is a quote);</li>
 * <li>numbers in the plain decimal grammar ({@code [+-]digits[.digits][e[+-]digits]}): no
 *     suffixes, hexadecimal, separators or trailing characters;</li>
 * <li>the first row is a header when none of its fields is a number, or when its fields are
 *     exactly {@code 0, 1, …, d−1} (the column labels pandas writes by default); a first row that
 *     mixes numbers and text is an error;</li>
 * <li>pandas' row index (a header whose first cell is empty, {@code ,0,1,…} or {@code ,a,b,…},
 *     and rows numbered 0, 1, … in the first column) is dropped; an empty first header cell over
 *     other first-column values is an error that says how to write the file;</li>
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
        if (Files.isDirectory(physical)) {
            throw new UserError(physical + ": is a folder, not a data file");
        }
        if (Files.exists(physical) && !Files.isRegularFile(physical)) {
            throw new UserError(physical + ": is not a regular file (a pipe or a device); save the data to a file");
        }
        if (!Files.exists(physical)) {
            int colon = spec.lastIndexOf(':');
            if (inner == null && colon > 0 && Files.isRegularFile(Path.of(spec.substring(0, colon)))) {
                // "data.npy:/x": a member path after a file that has no members
                throw new UserError(spec + ": no such file; only HDF5 (.h5, .hdf5, .he5, .hdf) and .npz files have members "
                        + "(FILE.h5:/dataset, FILE.npz:name), so " + spec.substring(0, colon) + " is read without one");
            }
            throw new UserError(physical + ": no such file");
        }
        if (!Files.isReadable(physical)) {
            throw new UserError(physical + ": permission denied (the file is not readable by this user)");
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
            java.util.zip.ZipEntry member = zip.getEntry(entry);
            Path tmp = Files.createTempFile("sparker-npz", ".npy");
            tmp.toFile().deleteOnExit(); // also when interrupted (Ctrl-C runs the JVM's shutdown)
            try {
                copyChecked(zip, member, tmp, label);
                return readNpy(tmp, label);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (java.util.zip.ZipException e) {
            throw new UserError(file + ": not a readable .npz archive (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UserError(file + ": cannot be read (" + IoErrors.describe(e) + ")");
        }
    }

    /**
     * Copies a {@code .npz} member to {@code tmp}: its {@code .npy} header read first, then no more
     * bytes than that header promises (a small archive that inflates to far more is refused
     * before it fills the disk), and the member's CRC-32 checked against the archive's.
     */
    private static void copyChecked(java.util.zip.ZipFile zip, java.util.zip.ZipEntry member, Path tmp, String label)
            throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        try (var in = new java.util.zip.CheckedInputStream(zip.getInputStream(member), crc);
                var out = Files.newOutputStream(tmp)) {
            byte[] head = in.readNBytes(10);
            if (head.length < 10 || (head[0] & 0xff) != 0x93 || head[1] != 'N') {
                throw new UserError(label + ": not a .npy member (no NUMPY magic string)");
            }
            int major = head[6];
            long headerLength = major == 1 ? (head[8] & 0xff) | (head[9] & 0xff) << 8 : -1;
            byte[] more = new byte[0];
            if (major >= 2) {
                more = in.readNBytes(2);
                headerLength = (head[8] & 0xffL) | (head[9] & 0xffL) << 8 | (more.length > 0 ? (more[0] & 0xffL) << 16 : 0)
                        | (more.length > 1 ? (more[1] & 0xffL) << 24 : 0);
            }
            if (headerLength < 0 || headerLength > 1 << 20) {
                throw new UserError(label + ": the .npy header length " + headerLength + " is not plausible");
            }
            byte[] header = in.readNBytes((int) headerLength);
            long payload = payloadBytes(label, new String(header, StandardCharsets.ISO_8859_1));
            out.write(head);
            out.write(more);
            out.write(header);
            long limit = payload < 0 ? Long.MAX_VALUE : payload + 1; // one byte over shows a longer member
            long copied = in.transferTo(new java.io.FilterOutputStream(out) {
                long left = limit;

                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (len > left) {
                        throw new UserError(label + ": the member holds more bytes than its .npy header's shape "
                                + "promises (" + payload + "); the archive is corrupt");
                    }
                    left -= len;
                    out.write(b, off, len);
                }
            });
            if (member.getCrc() != -1 && crc.getValue() != member.getCrc()) {
                throw new UserError(label + ": the member's CRC-32 is " + Long.toHexString(crc.getValue())
                        + " but the archive records " + Long.toHexString(member.getCrc())
                        + "; the file is corrupt (" + copied + " bytes read)");
            }
        }
    }

    /** The payload a .npy header promises, in bytes, or −1 when its dtype has no plain size (the reader names it). */
    private static long payloadBytes(String label, String header) {
        java.util.regex.Matcher descr = java.util.regex.Pattern.compile("'descr'\\s*:\\s*'([^']*)'").matcher(header);
        java.util.regex.Matcher shape = java.util.regex.Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)").matcher(header);
        if (!descr.find() || !shape.find()) {
            throw new UserError(label + ": the .npy header has no 'descr' or 'shape'");
        }
        long bytes;
        try {
            bytes = Integer.parseInt(descr.group(1).replaceAll("^[<>|=]?[a-zA-Z]", ""));
            for (String dim : shape.group(1).split(",")) {
                if (!dim.isBlank()) {
                    bytes = Math.multiplyExact(bytes, Long.parseLong(dim.trim()));
                }
            }
        } catch (NumberFormatException e) {
            return -1;
        } catch (ArithmeticException e) {
            throw new UserError(label + ": the .npy header's shape (" + shape.group(1).trim() + ") is too large");
        }
        return bytes;
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
        String dtype = checkNpyPayload(file);
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
        } else if (array.isByteArray() || array.isShortArray() || array.isIntArray() || array.isLongArray()) {
            // integers, numpy's default for integer data: read when float32 holds every one exactly
            data = new float[array.size()];
            for (int i = 0; i < data.length; i++) {
                long v = array.isByteArray() ? array.asByteArray().data()[i] : array.isShortArray()
                        ? array.asShortArray().data()[i] : array.isIntArray() ? array.asIntArray().data()[i]
                        : array.asLongArray().data()[i];
                data[i] = v;
                if ((long) data[i] != v) {
                    int at = array.hasColumnOrder() && shape.length == 2 ? (i % rows) * cols + i / rows : i;
                    throw new UserError(file + ": row " + at / cols + ", column " + at % cols + " holds the integer " + v
                            + ", which float32 cannot hold exactly (dtype " + dtype + "); convert the array to float64 "
                            + "and scale it first");
                }
            }
        } else {
            throw new UserError(file + ": dtype " + dtype + " is not supported; save numbers: float32, float64 or "
                    + "integers");
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
    public static String checkNpyPayload(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(8);
            if (magic.length < 8 || (magic[0] & 0xff) != 0x93 || magic[1] != 'N' || magic[2] != 'U' || magic[3] != 'M'
                    || magic[4] != 'P' || magic[5] != 'Y') {
                throw new UserError(file + ": not a .npy file (no NUMPY magic string)");
            }
            int major = magic[6];
            if (major != 1) {
                throw new UserError(file + ": .npy format version " + major + "." + magic[7] + " is not read here; "
                        + "numpy writes version 1.0 for ordinary arrays (np.save of a float or integer array)");
            }
            byte[] lenBytes = in.readNBytes(2);
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
                return dtype; // an unusual dtype: the reader below names it
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
            return dtype;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UserError(file + ": the .npy header's shape is not readable");
        } catch (IOException e) {
            throw new UserError(file + ": cannot be read (" + IoErrors.describe(e) + ")");
        }
    }

    /**
     * A CSV number: an optional sign, digits with an optional decimal point (or a point and
     * digits), an optional exponent. Nothing else: no {@code f}/{@code d} suffixes, hexadecimal,
     * thousands separators, trailing characters, NaN or infinities.
     */
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile(
            "[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");

    /** Whether {@code s} (stripped) is a CSV number. */
    static boolean isNumber(String s) {
        return NUMBER.matcher(s.strip()).matches();
    }

    /**
     * The column names of a {@code .csv} file's header, by the rules {@link #read} applies (pandas'
     * index column left out), or null: another format, no header, or pandas' numbered labels.
     * Problems with the file are {@link #read}'s to report; here they give null.
     */
    public static List<String> columnNames(Path file) {
        if (!file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
            return null;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] fields = splitCsv(file, lineNo, t);
                if (isPandasLabels(fields)) {
                    return null;
                }
                for (String f : fields) {
                    if (isNumber(f)) {
                        return null; // data, or pandas' ",0,1,…" over its row index
                    }
                }
                boolean index = fields.length > 1 && (fields[0].isBlank() || fields[0].strip().equals("Unnamed: 0"));
                return java.util.Arrays.stream(fields, index ? 1 : 0, fields.length).map(String::strip).toList();
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static FloatMatrix readCsv(Path file) {
        FloatBuffer values = new FloatBuffer();
        int cols = -1;
        int rows = 0;
        int lineNo = 0;
        // pandas' to_csv() writes its row index as a first column under an empty header cell
        boolean indexColumn = false;
        try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)))) {
            boolean first = true;
            while (true) {
                String line;
                try {
                    line = in.readLine();
                } catch (java.nio.charset.CharacterCodingException e) {
                    throw new UserError(file + ": line " + (lineNo + 1) + " is not UTF-8 text (" + e.getMessage()
                            + "); save the CSV as UTF-8");
                }
                if (line == null) {
                    break;
                }
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1); // a UTF-8 byte-order mark
                }
                if (line.indexOf('\0') >= 0) {
                    throw new UserError(file + ": line " + lineNo + " holds a NUL character; is it a text file (UTF-16 "
                            + "or binary)? save the CSV as UTF-8 text");
                }
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] fields = splitCsv(file, lineNo, t);
                if (first) {
                    first = false;
                    cols = fields.length;
                    if (isPandasLabels(fields)) {
                        continue;
                    }
                    if (fields.length > 1 && fields[0].isBlank()
                            && isPandasLabels(java.util.Arrays.copyOfRange(fields, 1, fields.length))) {
                        indexColumn = true; // pandas' ",0,1,…": checked on every row below
                        continue;
                    }
                    int numeric = 0;
                    for (String f : fields) {
                        numeric += isNumber(f) ? 1 : 0;
                    }
                    if (numeric == 0) {
                        indexColumn = fields.length > 1 && (fields[0].isBlank() || fields[0].strip().equals("Unnamed: 0"));
                        continue; // a header: no cell of it is a number
                    }
                    if (numeric < fields.length) {
                        throw new UserError(file + ": line " + lineNo + " mixes numbers and text (" + firstNonNumber(fields)
                                + "); a header line holds no numbers and a data row nothing else");
                    }
                }
                if (fields.length != cols) {
                    throw new UserError(file + ": line " + lineNo + " has " + fields.length + " columns, expected "
                            + cols);
                }
                if (indexColumn && !fields[0].strip().equals(Integer.toString(rows))) {
                    throw new UserError(file + ": the header's first cell is empty, as pandas writes its row index, "
                            + "but line " + lineNo + " starts with '" + fields[0].strip() + "', not the row number "
                            + rows + "; write the file with DataFrame.to_csv(index=False)");
                }
                for (int c = indexColumn ? 1 : 0; c < fields.length; c++) {
                    String f = fields[c].strip();
                    if (!isNumber(f)) {
                        throw new UserError(file + ": line " + lineNo + ", column " + c + ": '" + f
                                + "' is not a number");
                    }
                    float v = Float.parseFloat(f);
                    if (!Float.isFinite(v)) {
                        throw new UserError(file + ": line " + lineNo + ", column " + c + ": value " + f
                                + " is not finite in float32");
                    }
                    values.add(v);
                }
                rows++;
            }
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (IOException e) {
            throw new UserError(file + ": cannot be read (" + IoErrors.describe(e) + ")");
        }
        if (rows == 0) {
            throw new UserError(file + ": no data rows");
        }
        return FloatMatrix.wrap(values.toArray(), rows, indexColumn ? cols - 1 : cols);
    }

    private static String firstNonNumber(String[] fields) {
        for (int c = 0; c < fields.length; c++) {
            if (!isNumber(fields[c])) {
                return "column " + c + ": '" + fields[c].strip() + "'";
            }
        }
        return "";
    }

    /** pandas' default column labels, {@code 0, 1, …, d−1} (d ≥ 2). */
    private static boolean isPandasLabels(String[] fields) {
        for (int c = 0; c < fields.length; c++) {
            if (!fields[c].strip().equals(Integer.toString(c))) {
                return false;
            }
        }
        return fields.length > 1;
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
