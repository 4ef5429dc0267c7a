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

    static void writeJson(Path target, Object value) {
        write(target, out -> JSON.writeValue(out, value));
    }
}
