package org.sparker.calibration;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Writes result files atomically: into a temporary file beside the target, then renamed over
 * it, so a crash or an error never leaves a half-written file that looks complete. Shared by the
 * command line, the studies and the statistics layer.
 */
public final class AtomicFiles {

    /**
     * JSON as every output file writes it: indented, record components and map keys as given,
     * typed records with snake_case names ({@code pValue} → {@code p_value}).
     */
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private AtomicFiles() {
    }

    /** What writes the file's content. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code target} through {@code writer}, atomically.
     *
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    public static void write(Path target, Writer writer) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = createTempBeside(target);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": cannot be written (" + IoErrors.describe(e) + ")", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // the temporary file is hidden and harmless; the write's own error matters more
                }
            }
        }
    }

    /** {@link #write} of {@code value} as JSON. */
    public static void writeJson(Path target, Object value) {
        write(target, out -> JSON.writeValue(out, value));
    }

    /**
     * A new, empty, hidden file beside {@code target}, created with the default permissions (so
     * the user's umask decides them, as for any file a program writes; {@code createTempFile}
     * would make it owner-only).
     */
    public static Path createTempBeside(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(
                    java.util.concurrent.ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }
}
