package org.sparker.app.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.sparker.app.UserError;

/**
 * No command writes over a file it reads, or over an existing file that is not one of its own
 * outputs of the same kind: checked before any work starts, with a one-line error naming the
 * option and the file.
 */
public final class OutputGuard {

    /** The kinds of file the commands write, each recognised by its first bytes. */
    public enum Kind {
        RESULT_JSON("a sparker result.json", "\"p_value\""),
        MODEL_JSON("a sparker model.json", "\"sigma\""),
        REPORT_HTML("a sparker report.html", "<title>SparKer report"),
        SCORES_CSV("a sparker scores file", "f,score"),
        EVAL_JSON("a sparker eval file", "\"loss\""),
        BENCH_JSON("a sparker bench file", "\"host\""),
        STUDY_JSON("a sparker study file", "\"study\""),
        MEDOIDS_JSON("a sparker medoids file", "\"medoids\"");

        final String description;
        final String marker;

        Kind(String description, String marker) {
            this.description = description;
            this.marker = marker;
        }

        boolean recognises(Path file) {
            try (var in = Files.newInputStream(file)) {
                String head = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
                return head.contains(marker);
            } catch (IOException e) {
                return false;
            }
        }
    }

    private OutputGuard() {
    }

    /**
     * Refuses {@code output} (given as {@code option}) when it is one of {@code inputs}
     * (option → file), or exists and is not a file of {@code kind}.
     */
    public static void check(String option, Path output, Kind kind, Map<String, Path> inputs) {
        if (output == null) {
            return;
        }
        for (Map.Entry<String, Path> in : inputs.entrySet()) {
            if (in.getValue() != null && sameFile(output, in.getValue())) {
                throw new UserError(option + " " + output + " is the " + in.getKey() + " input; refusing to write over it");
            }
        }
        if (Files.isDirectory(output)) {
            throw new UserError(option + " " + output + " is a folder; give a file name");
        }
        if (Files.exists(output) && kind != null && !kind.recognises(output)) {
            throw new UserError(option + " " + output + " exists and is not " + kind.description
                    + "; refusing to write over it (remove it, or choose another name)");
        }
    }

    /** {@link #check} for the files a test writes into its output folder. */
    public static void checkFolder(String option, Path folder, Map<String, Path> inputs) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new UserError(option + " " + folder + " exists and is not a folder");
        }
        check(option, folder.resolve("result.json"), Kind.RESULT_JSON, inputs);
        check(option, folder.resolve("model.json"), Kind.MODEL_JSON, inputs);
        check(option, folder.resolve("report.html"), Kind.REPORT_HTML, inputs);
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // fall through to the path comparison
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
