package org.sparker.calibration;

import org.sparker.stats.Calibration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    /**
     * The version this class writes: 3, where the header records every training setting and every
     * line ends with its checksum ({@link #seal}). Version 2 had no reseeding setting
     * ({@code reseed_duplicates}) and is read as off; version 1 headers also left the centre-step
     * cap out when it was 0 and had no checksums. Older files are read with those meanings, and a
     * resumed one is rewritten as version 3.
     */
    static final int VERSION = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final ObjectNode header;
    private final TreeMap<Integer, ToyResult> toys = new TreeMap<>();
    private FileChannel channel;
    private FileLock lock;
    /** Whether the file ended in a line without its newline when read (a torn write). */
    private boolean torn;
    /** Whether {@link #open} created (or replaced) the file rather than resuming it. */
    private boolean created;

    private CalibrationFile(Path path, ObjectNode header) {
        this.path = path;
        this.header = header;
    }

    /**
     * Opens {@code path} for {@code spec}: creates it with a header if absent, otherwise reads it
     * and checks that it was made with the same configuration and that every toy was drawn from
     * this configuration's streams. A file that holds no toy yet (a header left by a run that
     * failed before its first toy) is replaced, so it never blocks a corrected rerun. A torn last
     * line is dropped by rewriting the file atomically. Only one process at a time may hold a
     * calibration file open: a second is refused while the first runs ({@code FILE.lock}).
     *
     * @throws IllegalArgumentException naming the file (and line, or the first differing
     *     setting) when it is not a calibration file, is corrupt, or was made with another
     *     configuration; the file is then left untouched
     * @throws IllegalStateException when another process is writing the file
     */
    public static CalibrationFile open(Path path, CalibrationSpec spec, String backend) throws IOException {
        return open(path, spec, backend, 0);
    }

    /**
     * {@link #open(Path, CalibrationSpec, String)}, recording that the file is to hold
     * {@code targetToys} toys (at least; the header keeps the largest target asked for), so that
     * a rerun of an interrupted command knows how many toys its file still needs.
     */
    public static CalibrationFile open(Path path, CalibrationSpec spec, String backend, int targetToys)
            throws IOException {
        return open(path, spec, backend, targetToys, null);
    }

    /**
     * {@link #open(Path, CalibrationSpec, String, int)} for shard {@code shard} ({@code "i/n"}:
     * the toys whose index ≡ i mod n), or the whole calibration when {@code shard} is null. A
     * shard file records its shard in the header; it opens only as that shard, and
     * {@link #merge} makes one calibration of all n.
     */
    public static CalibrationFile open(Path path, CalibrationSpec spec, String backend, int targetToys, String shard)
            throws IOException {
        ObjectNode wanted = AtomicFiles.JSON.valueToTree(new Header(FORMAT, VERSION, backend, spec.widths(),
                spec.settings(), targetToys, shard));
        Path parent = path.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        FileLock lock = lock(path);
        try {
            CalibrationFile file = null;
            if (Files.exists(path) && Files.size(path) > 0) {
                CalibrationFile found = read(path);
                // the toys' units first, then where they come from: a change there moves the pool's
                // checksum and the width range too
                JsonNode wantedToys = wanted.path("config").path("toys");
                JsonNode foundToys = found.header.path("config").path("toys");
                JsonNode wantedUnits = wantedToys.get("units");
                JsonNode foundUnits = foundToys.get("units");
                String diff = wantedUnits == null && foundUnits != null ? "toys.units is not expected"
                        : firstDifference("toys.units", wantedUnits, foundUnits);
                if (diff == null) {
                    diff = firstDifference("toys", wantedToys, foundToys);
                }
                if (diff == null) {
                    diff = firstDifference("", wanted.get("config"), found.header.get("config"));
                }
                if (diff != null && !found.toys.isEmpty()) {
                    throw new IllegalArgumentException(path + ": this calibration was made with another configuration ("
                            + diff + "); use another file or the same settings");
                }
                String foundShard = found.header.hasNonNull("shard") ? found.header.get("shard").asText() : null;
                if (!java.util.Objects.equals(foundShard, shard) && !found.toys.isEmpty()) {
                    throw new IllegalArgumentException(path + ": " + (foundShard != null
                            ? "is shard " + foundShard + " of a calibration; merge the shards first (sparker calibrate merge)"
                            : "is a whole calibration, not shard " + shard) + "; use another file");
                }
                if (diff == null) {
                    for (ToyResult r : found.toys.values()) {
                        long expected = spec.toySeed(r.toy());
                        if (r.seed() != expected) {
                            throw new IllegalArgumentException(path + ": toy " + r.toy() + " was drawn with seed "
                                    + r.seed() + ", but this configuration's master seed gives " + expected
                                    + "; the file is corrupt or edited: use another file");
                        }
                    }
                    file = found;
                }
                // else: a header without toys, from another configuration: nothing to keep
            }
            if (file == null) {
                file = new CalibrationFile(path, wanted);
                file.rewrite();
                file.created = true;
            } else if (file.torn || targetToys > file.targetToys()) {
                if (shard != null && file.targetToys() != targetToys) {
                    throw new IllegalArgumentException(path + ": this shard was started for " + file.targetToys()
                            + " toys, not " + targetToys + "; every shard of a calibration needs the same --toys");
                }
                file.header.put("target_toys", Math.max(targetToys, file.targetToys()));
                file.rewrite(); // drop a torn line, record a larger target: atomically
            }
            file.lock = lock;
            file.channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            return file;
        } catch (IOException | RuntimeException e) {
            release(lock, path);
            throw e;
        }
    }

    /** Takes {@code FILE.lock}, or refuses while another process holds it. */
    private static FileLock lock(Path path) throws IOException {
        Path lockPath = lockPath(path);
        FileChannel ch = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            throw new IllegalStateException(path + ": another run is writing this calibration (" + lockPath
                    + " is held); wait for it, or use another --out");
        }
        return lock;
    }

    private static Path lockPath(Path path) {
        return path.resolveSibling(path.getFileName() + ".lock");
    }

    private static void release(FileLock lock, Path path) {
        try {
            lock.channel().close(); // releases the lock
            Files.deleteIfExists(lockPath(path));
        } catch (IOException e) {
            // a stale lock file is harmless: the lock is the OS's, released with the channel
        }
    }

    /**
     * Reads a calibration file without changing it. A last line without its newline (a write
     * torn by a crash) is left out; every other line must be a valid toy: an object with exactly
     * {@code toy} (an index ≥ 0, unique), {@code seed} (an integer) and {@code t} (as many finite
     * numbers as the header has widths).
     *
     * @throws IllegalArgumentException naming the file and line when it is not a calibration
     *     file or a line is invalid
     */
    public static CalibrationFile read(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        int firstLine = 0;
        while (firstLine < bytes.length && bytes[firstLine] != '\n') {
            firstLine++;
        }
        String head = new String(bytes, 0, Math.min(firstLine, 1 << 16), StandardCharsets.UTF_8);
        boolean sealed = head.matches("(?s).*,\"crc\":\"[0-9a-f]{8}\"}\\s*");
        JsonNode header;
        try {
            header = JSON.readTree(sealed ? unseal(path, 1, head.strip()) : head);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            header = null;
        }
        if (header == null || !header.isObject() || !FORMAT.equals(header.path("format").asText())) {
            throw new IllegalArgumentException(path + ": not a sparker calibration file (line 1 is not its header); "
                    + "it is left as it is: give --calibration a calibration file, or a new path");
        }
        int version = header.path("version").asInt();
        if (version < 1 || version > VERSION || !header.path("widths").isArray()
                || !header.path("config").isObject() || header.path("widths").isEmpty()) {
            throw new IllegalArgumentException(path + ": line 1 is not a " + FORMAT + " header of version 1 to "
                    + VERSION + (version > VERSION ? " (a newer sparker wrote it: version " + version + ")" : ""));
        }
        if (version >= 2 && !sealed) {
            throw new IllegalArgumentException(path + ": line 1 has no checksum (\"crc\"), which every line of a version "
                    + version + " file ends with; the header was edited or damaged: use another file");
        }
        if (version == 1 && header.path("config").path("trainer").isObject()
                && !header.path("config").path("trainer").has("center_step_cap")) {
            // version 1 wrote the cap only when it was set; in memory the header is version 2's
            ((ObjectNode) header.path("config").path("trainer")).put("center_step_cap", 0.0);
        }
        if (version <= 2 && header.path("config").path("trainer").isObject()
                && !header.path("config").path("trainer").has("reseed_duplicates")) {
            // versions 1 and 2 had no reseeding: off
            ((ObjectNode) header.path("config").path("trainer")).put("reseed_duplicates", false);
        }
        ((ObjectNode) header).put("version", VERSION);
        CalibrationFile file = new CalibrationFile(path, (ObjectNode) header);
        file.torn = end < bytes.length;
        List<String> lines = new String(bytes, 0, end, StandardCharsets.UTF_8).lines().toList();
        int m = header.get("widths").size();
        Map<Integer, Integer> lineOf = new java.util.HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String text = lines.get(i);
            if (version >= 2) {
                text = unseal(path, i + 1, text.strip());
            }
            ToyResult r = toy(path, i + 1, text, m);
            Integer before = lineOf.put(r.toy(), i + 1);
            if (before != null) {
                throw new IllegalArgumentException(path + ": line " + (i + 1) + ": toy " + r.toy()
                        + " appears twice (also line " + before + ")");
            }
            file.toys.put(r.toy(), r);
        }
        return file;
    }

    /** One toy line, validated. */
    private static ToyResult toy(Path path, int line, String text, int m) {
        JsonNode n = parse(path, line, text);
        String where = path + ": line " + line + ": ";
        if (!n.isObject() || n.size() != 3 || !n.has("toy") || !n.has("seed") || !n.has("t")) {
            throw new IllegalArgumentException(where + "a toy line has exactly \"toy\", \"seed\" and \"t\"");
        }
        JsonNode k = n.get("toy");
        if (!k.isIntegralNumber() || !k.canConvertToInt() || k.asInt() < 0) {
            throw new IllegalArgumentException(where + "\"toy\" must be an index ≥ 0, got " + k);
        }
        JsonNode seed = n.get("seed");
        if (!seed.isIntegralNumber() || !seed.canConvertToLong()) {
            throw new IllegalArgumentException(where + "\"seed\" must be a 64-bit integer, got " + seed);
        }
        JsonNode t = n.get("t");
        if (!t.isArray() || t.size() != m) {
            throw new IllegalArgumentException(where + "\"t\" must hold " + m + " statistics, one per width");
        }
        double[] stats = new double[m];
        for (int j = 0; j < m; j++) {
            JsonNode v = t.get(j);
            if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                throw new IllegalArgumentException(where + "statistic " + (j + 1) + " is " + v + ", not a finite number");
            }
            stats[j] = v.asDouble();
        }
        return new ToyResult(k.asInt(), seed.asLong(), stats);
    }

    /**
     * Merges the shard files of one calibration into {@code out}: every shard {@code i/n} once, the
     * same header otherwise (configuration, widths, backend, toys asked for), each toy in the shard
     * its index belongs to, and every toy {@code 0 … K−1} present. The result is the file a single
     * machine writes for the same settings and seed, byte for byte. Nothing is written when a check
     * fails.
     *
     * @return the merged file's toys
     * @throws IllegalArgumentException naming the file, the shard or the toy at fault
     */
    public static int merge(List<Path> shards, Path out) throws IOException {
        if (shards.isEmpty()) {
            throw new IllegalArgumentException("merge: no shard files given");
        }
        ObjectNode first = null;
        Path firstPath = null;
        int n = -1;
        Map<Integer, Path> seen = new TreeMap<>();
        TreeMap<Integer, ToyResult> all = new TreeMap<>();
        for (Path p : shards) {
            CalibrationFile f = read(p);
            JsonNode sh = f.header.get("shard");
            if (sh == null || !sh.isTextual() || !sh.asText().matches("\\d+/\\d+")) {
                throw new IllegalArgumentException(p + ": not a shard file (its header has no \"shard\": i/n)");
            }
            String[] in = sh.asText().split("/");
            int i;
            int ni;
            try {
                i = Integer.parseInt(in[0]);
                ni = Integer.parseInt(in[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(p + ": its header's shard \"" + sh.asText() + "\" is not i/n");
            }
            if (ni < 1 || i >= ni) {
                throw new IllegalArgumentException(p + ": its header's shard \"" + sh.asText()
                        + "\" is not a shard i/n with 0 ≤ i < n; the file is corrupt or edited");
            }
            ObjectNode common = f.header.deepCopy();
            common.remove("shard");
            if (first == null) {
                first = common;
                firstPath = p;
                n = ni;
            } else {
                if (ni != n) {
                    throw new IllegalArgumentException(p + ": is shard " + sh.asText() + " but " + firstPath + " is one of "
                            + n);
                }
                String diff = firstDifference("", first, common);
                if (diff != null) {
                    throw new IllegalArgumentException(p + ": made with other settings than " + firstPath + " (" + diff
                            + ")");
                }
            }
            Path before = seen.put(i, p);
            if (before != null) {
                throw new IllegalArgumentException(p + ": shard " + i + "/" + n + " is also " + before);
            }
            for (ToyResult r : f.toys.values()) {
                if (r.toy() % n != i) {
                    throw new IllegalArgumentException(p + ": toy " + r.toy() + " does not belong to shard " + i + "/" + n);
                }
                all.put(r.toy(), r);
            }
        }
        for (int i = 0; i < n; i++) {
            if (!seen.containsKey(i)) {
                throw new IllegalArgumentException("merge: shard " + i + "/" + n + " is missing");
            }
        }
        int target = first.path("target_toys").asInt();
        for (int k = 0; k < target; k++) {
            if (!all.containsKey(k)) {
                throw new IllegalArgumentException("merge: toy " + k + " is missing from " + seen.get(k % n)
                        + " (shard " + (k % n) + "/" + n + "); resume that shard first");
            }
        }
        CalibrationFile merged = new CalibrationFile(out, first);
        merged.toys.putAll(all);
        Files.createDirectories(out.toAbsolutePath().getParent());
        merged.rewrite();
        return all.size();
    }

    /** Whether this opening created the file (nothing was there to resume). */
    public boolean created() {
        return created;
    }

    /**
     * Closes and deletes the file: for a command that created it and then failed, so that
     * nothing it leaves blocks the next command.
     */
    public synchronized void discard() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
        Files.deleteIfExists(path);
        close();
    }

    /** Appends one finished toy and forces it to disk. */
    public synchronized void append(ToyResult r) throws IOException {
        byte[] line = (seal(toyLine(r)) + "\n").getBytes(StandardCharsets.UTF_8);
        channel.write(java.nio.ByteBuffer.wrap(line));
        channel.force(false);
        toys.put(r.toy(), r);
    }

    /** Rewrites the file with its toys in index order (atomic replace). */
    public synchronized void canonicalize() throws IOException {
        if (channel != null) {
            channel.close();
        }
        rewrite();
        channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** The header and the toys in index order, written beside the file and moved over it. */
    private void rewrite() throws IOException {
        Path tmp = AtomicFiles.createTempBeside(path);
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write((seal(JSON.writeValueAsString(header)) + "\n").getBytes(StandardCharsets.UTF_8));
                for (ToyResult r : toys.values()) {
                    out.write((seal(toyLine(r)) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        torn = false;
    }

    /** The finished toys, by index. */
    public synchronized Map<Integer, ToyResult> toys() {
        return new TreeMap<>(toys);
    }

    /**
     * How many toys the file is meant to hold: the largest number a command asked of it, or
     * (files from before the target was recorded) the number it holds.
     */
    public int targetToys() {
        JsonNode t = header.get("target_toys");
        return t != null && t.canConvertToInt() ? t.asInt() : toys.size();
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
        if (lock != null) {
            release(lock, path);
            lock = null;
        }
    }

    /**
     * The header line as this version writes it (then sealed with its {@code crc}); files are
     * read and compared as JSON trees, so that a version 1 header can be brought up to date.
     *
     * @param format {@link #FORMAT}
     * @param version {@link #VERSION}
     * @param backend the backend the toys were trained on
     * @param widths the checkpoint widths
     * @param config everything that shapes the null distribution
     * @param targetToys the toys the file must hold
     * @param shard {@code i/n} for one shard's file, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record Header(String format, int version, String backend, double[] widths, CalibrationSpec.Settings config,
            int targetToys, String shard) {
    }

    /** A toy's line (then sealed with its {@code crc}): its index, the seed of its samples and its statistics. */
    private record ToyLine(int toy, long seed, double[] t) {
    }

    /**
     * {@code json} (one object) with its checksum as a last key: {@code "crc"}, the CRC-32 of the
     * object's text without it, in eight hex digits. Every line of a version 2 file ends so, so an
     * edited statistic or setting is found, not used.
     */
    static String seal(String json) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(json.getBytes(StandardCharsets.UTF_8));
        return json.substring(0, json.length() - 1) + ",\"crc\":\"" + String.format(Locale.ROOT, "%08x", crc.getValue()) + "\"}";
    }

    /** The object of a sealed line without its checksum, after checking it. */
    private static String unseal(Path path, int line, String text) {
        int at = text.lastIndexOf(",\"crc\":\"");
        if (at < 0 || !text.endsWith("\"}") || text.length() - at != 18) { // ,"crc":"xxxxxxxx"}
            throw new IllegalArgumentException(path + ": line " + line + " has no checksum (\"crc\"); the line was "
                    + "edited or damaged" + (line == 1 ? ": use another file" : ": remove it to train that toy again"));
        }
        String json = text.substring(0, at) + "}";
        if (!seal(json).equals(text)) {
            throw new IllegalArgumentException(path + ": line " + line + " does not match its checksum; the line was "
                    + "edited or damaged" + (line == 1 ? ": use another file" : ": remove it to train that toy again"));
        }
        return json;
    }

    private static String toyLine(ToyResult r) throws IOException {
        return JSON.writeValueAsString(new ToyLine(r.toy(), r.seed(), r.statistics()));
    }

    private static JsonNode parse(Path path, int line, String text) {
        try {
            return JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(path + ": line " + line + " is not valid JSON: " + e.getOriginalMessage());
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
