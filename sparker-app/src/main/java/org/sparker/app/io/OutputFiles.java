package org.sparker.app.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import org.sparker.app.UserError;
import org.sparker.calibration.AtomicFiles;
import org.sparker.calibration.IoErrors;

/** The command line's output files: {@link AtomicFiles}, with a failed write turned into a one-line error. */
public final class OutputFiles {

    private OutputFiles() {
    }

    public static void write(Path target, AtomicFiles.Writer writer) {
        try {
            AtomicFiles.write(target, writer);
        } catch (UncheckedIOException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /** {@code z} with two decimals, or {@code −∞} / {@code +∞} (a p-value of 1 or 0) for people to read. */
    public static String formatZ(double z) {
        return Double.isFinite(z) ? String.format(java.util.Locale.ROOT, "%.2f", z) : z < 0 ? "−∞" : "+∞";
    }

    /** The file in an output folder that lists what sparker wrote there. */
    public static final String MANIFEST = ".sparker-output.json";

    /**
     * The manifest of an output folder: the files one command wrote there as one set.
     *
     * @param format {@code sparker-output}
     * @param version 1
     * @param command the command that wrote them ({@code run}, {@code medoids}, …)
     * @param files their names
     */
    public record Manifest(String format, int version, String command, java.util.List<String> files) {
    }

    /** The files the manifest of {@code folder} lists, or none when it has no (readable) manifest. */
    public static java.util.Set<String> manifest(Path folder) {
        Path m = folder.resolve(MANIFEST);
        if (!Files.isRegularFile(m) || !"sparker-output".equals(OutputGuard.formatOf(m))) {
            return java.util.Set.of();
        }
        try {
            return new java.util.TreeSet<>(Json.MAPPER.readValue(m.toFile(), Manifest.class).files());
        } catch (IOException | RuntimeException e) {
            return java.util.Set.of();
        }
    }

    /**
     * Writes a set of files into {@code folder} all or nothing: each into a temporary folder
     * beside it, and only when every one is complete, moved in (renames within one file system,
     * which need no space); on any failure, a full disk say, the temporary folder goes and no
     * file of the set is replaced. The set replaces the previous one whole: a file of the folder's
     * previous set (its manifest) that this one does not write is removed, and the manifest then
     * lists this set ({@code command} wrote it).
     */
    public static void writeSet(Path folder, String command, Map<String, AtomicFiles.Writer> files) {
        Path target = folder.toAbsolutePath().normalize();
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".");
            // createTempDirectory makes it owner-only; the files inside follow the umask
            java.util.TreeMap<String, AtomicFiles.Writer> all = new java.util.TreeMap<>(files);
            Manifest manifest = new Manifest("sparker-output", 1, command, java.util.List.copyOf(all.keySet()));
            all.put(MANIFEST, o -> Json.MAPPER.writeValue(o, manifest));
            for (Map.Entry<String, AtomicFiles.Writer> f : all.entrySet()) {
                try (OutputStream out = Files.newOutputStream(tmp.resolve(f.getKey()))) {
                    f.getValue().write(out);
                }
            }
            java.util.Set<String> previous = manifest(target);
            Files.createDirectories(target);
            for (String name : files.keySet()) {
                Files.move(tmp.resolve(name), target.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
            for (String old : previous) {
                if (!files.containsKey(old) && !old.contains("/") && !old.equals(MANIFEST)) {
                    Files.deleteIfExists(target.resolve(old)); // the previous set's, which this one replaces
                }
            }
            Files.move(tmp.resolve(MANIFEST), target.resolve(MANIFEST), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new UserError(folder + ": the results cannot be written (" + (e instanceof IOException io ? IoErrors.describe(io) : IoErrors.describe((java.io.UncheckedIOException) e)) + "); nothing was replaced",
                    e);
        } finally {
            if (tmp != null) {
                try (var left = Files.list(tmp)) {
                    for (Path p : left.toList()) {
                        Files.deleteIfExists(p);
                    }
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // a hidden temporary folder left behind is harmless
                }
            }
        }
    }
}
