package org.sparker.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.sparker.stats.AtomicFiles;

/** The command line's output files: {@link AtomicFiles}, with a failed write turned into a one-line error. */
final class OutputFiles {

    static final ObjectMapper JSON = AtomicFiles.JSON;

    private OutputFiles() {
    }

    static void write(Path target, AtomicFiles.Writer writer) {
        try {
            AtomicFiles.write(target, writer);
        } catch (UncheckedIOException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /**
     * Puts Z into a result: a JSON number when finite; when the p-value is 1 (the observed
     * statistic below every toy) Z is −∞, which JSON cannot hold, so {@code null} and a
     * {@code z_note} saying why (result files hold JSON numbers only).
     */
    static void putZ(java.util.Map<String, Object> json, double z) {
        if (Double.isFinite(z)) {
            json.put("z", z);
        } else {
            json.put("z", null);
            json.put("z_note", z < 0 ? "Z = −∞: the p-value is 1 (the observed statistic is at or below every toy's)"
                    : "Z = +∞: the p-value is 0");
        }
    }

    static void writeJson(Path target, Object value) {
        write(target, out -> JSON.writeValue(out, value));
    }
}
