package org.sparker.stats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A calibration on disk, as JSON Lines: a header line with the configuration and the checkpoint
 * widths, then one line per finished toy ({@code {"toy": k, "seed": s, "t": [...]}}), appended
 * and flushed to disk as each toy ends. A run interrupted at any point leaves a file that
 * {@link #open} reads back (a torn last line is dropped), so work is neither lost nor repeated.
 * When a run completes the toys are rewritten in index order, so the final file is the same
 * however often the run was interrupted.
 */
public final class CalibrationFile implements AutoCloseable {

    static final String FORMAT = "sparker-calibration";
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final ObjectNode header;
    private final TreeMap<Integer, ToyResult> toys = new TreeMap<>();
    private FileChannel channel;

    private CalibrationFile(Path path, ObjectNode header) {
        this.path = path;
        this.header = header;
    }

    /**
     * Opens {@code path} for {@code spec}: creates it with a header if absent, otherwise reads it
     * and checks that it was made with the same configuration.
     *
     * @throws IllegalArgumentException naming the file and the first differing setting when the
     *     configuration differs, or when the file is not a calibration file
     */
    public static CalibrationFile open(Path path, CalibrationSpec spec, String backend) throws IOException {
        ObjectNode wanted = header(spec, backend);
        CalibrationFile file;
        if (Files.exists(path) && Files.size(path) > 0) {
            file = read(path);
            String diff = firstDifference("", wanted.get("config"), file.header.get("config"));
            if (diff != null) {
                throw new IllegalArgumentException(path + ": this calibration was made with another configuration ("
                        + diff + "); use another file or the same settings");
            }
        } else {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Path tmp = Files.createTempFile(parent, ".calibration", ".tmp");
            Files.writeString(tmp, JSON.writeValueAsString(wanted) + "\n", StandardCharsets.UTF_8);
            readableByAll(tmp);
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            file = new CalibrationFile(path, wanted);
        }
        file.channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return file;
    }

    /**
     * Reads a calibration file. A last line without its newline (a write torn by a crash) is cut
     * off the file.
     *
     * @throws IllegalArgumentException naming the file and line when it is not a calibration file
     */
    public static CalibrationFile read(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        if (end < bytes.length) {
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
                ch.truncate(end);
            }
        }
        List<String> lines = new String(bytes, 0, end, StandardCharsets.UTF_8).lines().toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(path + ": empty calibration file");
        }
        JsonNode head = parse(path, 1, lines.get(0));
        if (!FORMAT.equals(head.path("format").asText()) || head.path("version").asInt() != VERSION) {
            throw new IllegalArgumentException(path + ": line 1 is not a " + FORMAT + " version " + VERSION + " header");
        }
        CalibrationFile file = new CalibrationFile(path, (ObjectNode) head);
        int m = head.get("widths").size();
        for (int i = 1; i < lines.size(); i++) {
            JsonNode n = parse(path, i + 1, lines.get(i));
            JsonNode t = n.get("t");
            if (!n.hasNonNull("toy") || t == null || t.size() != m) {
                throw new IllegalArgumentException(path + ": line " + (i + 1) + " is not a toy with " + m + " statistics");
            }
            double[] stats = new double[m];
            for (int j = 0; j < m; j++) {
                stats[j] = t.get(j).asDouble();
            }
            file.toys.put(n.get("toy").asInt(), new ToyResult(n.get("toy").asInt(), n.get("seed").asLong(), stats));
        }
        return file;
    }

    /** Appends one finished toy and forces it to disk. */
    public synchronized void append(ToyResult r) throws IOException {
        byte[] line = (toyLine(r) + "\n").getBytes(StandardCharsets.UTF_8);
        channel.write(java.nio.ByteBuffer.wrap(line));
        channel.force(false);
        toys.put(r.toy(), r);
    }

    /** Rewrites the file with its toys in index order (atomic replace). */
    public synchronized void canonicalize() throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(parent, ".calibration", ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            out.write((JSON.writeValueAsString(header) + "\n").getBytes(StandardCharsets.UTF_8));
            for (ToyResult r : toys.values()) {
                out.write((toyLine(r) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        readableByAll(tmp);
        if (channel != null) {
            channel.close();
        }
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** The finished toys, by index. */
    public synchronized Map<Integer, ToyResult> toys() {
        return new TreeMap<>(toys);
    }

    /** The checkpoint widths recorded in the header. */
    public double[] widths() {
        JsonNode w = header.get("widths");
        double[] out = new double[w.size()];
        for (int j = 0; j < out.length; j++) {
            out[j] = w.get(j).asDouble();
        }
        return out;
    }

    /** The backend that made the file. */
    public String backend() {
        return header.path("backend").asText();
    }

    /** The recorded configuration (as JSON). */
    public JsonNode config() {
        return header.get("config");
    }

    /** The first {@code toys} toys (indices 0 … toys−1) as a calibration; all must be present. */
    public synchronized Calibration calibration(int count) {
        List<double[]> stats = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            ToyResult r = toys.get(k);
            if (r == null) {
                throw new IllegalStateException(path + ": toy " + k + " is missing; resume the calibration");
            }
            stats.add(r.statistics());
        }
        return new Calibration(widths(), stats);
    }

    /** All toys 0 … n−1 present in the file, as a calibration of that many toys. */
    public synchronized Calibration calibration() {
        int n = 0;
        while (toys.containsKey(n)) {
            n++;
        }
        return calibration(n);
    }

    public Path path() {
        return path;
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    private static ObjectNode header(CalibrationSpec spec, String backend) {
        ObjectNode h = JSON.createObjectNode();
        h.put("format", FORMAT);
        h.put("version", VERSION);
        h.put("backend", backend);
        ArrayNode w = h.putArray("widths");
        for (double v : spec.widths()) {
            w.add(v);
        }
        h.set("config", JSON.valueToTree(spec.describe()));
        return h;
    }

    private static String toyLine(ToyResult r) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("toy", r.toy());
        n.put("seed", r.seed());
        ArrayNode t = n.putArray("t");
        for (double v : r.statistics()) {
            t.add(v);
        }
        return JSON.writeValueAsString(n);
    }

    private static JsonNode parse(Path path, int line, String text) {
        try {
            return JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(path + ": line " + line + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Temporary files are created owner-only; a calibration is an ordinary file (rw-r--r--). */
    private static void readableByAll(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** The path and values of the first difference between two JSON trees, or null. */
    static String firstDifference(String where, JsonNode wanted, JsonNode found) {
        if (wanted == null || found == null) {
            return wanted == found ? null : where + " is missing";
        }
        if (wanted.isObject() && found.isObject()) {
            for (Iterator<String> it = wanted.fieldNames(); it.hasNext();) {
                String f = it.next();
                String d = firstDifference(where.isEmpty() ? f : where + "." + f, wanted.get(f), found.get(f));
                if (d != null) {
                    return d;
                }
            }
            for (Iterator<String> it = found.fieldNames(); it.hasNext();) {
                String f = it.next();
                if (!wanted.has(f)) {
                    return (where.isEmpty() ? f : where + "." + f) + " is not expected";
                }
            }
            return null;
        }
        if (wanted.isNumber() && found.isNumber()) {
            return wanted.asDouble() == found.asDouble() ? null
                    : where + ": file has " + found + ", now " + wanted;
        }
        return wanted.equals(found) ? null : where + ": file has " + found + ", now " + wanted;
    }
}
