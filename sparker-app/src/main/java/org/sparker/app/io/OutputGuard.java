package org.sparker.app.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.sparker.app.UserError;

/**
 * What a command may write over, checked before any work starts; anything else is refused with
 * one line naming the option, the file and what to do. The rule cannot be fooled by a file's
 * content resembling ours:
 * <ul>
 * <li>a path that is one of the command's inputs: never;</li>
 * <li>a single output file: a new path, or an existing file that carries this tool's signature
 *     for that exact kind — a JSON object whose first key is {@code "format"} with the kind's
 *     value ({@code sparker-result}, {@code sparker-model}, …); a kind that cannot carry one
 *     (CSV, {@code .npy}) is written only to a new path;</li>
 * <li>an output folder: a new or empty folder, or one this tool wrote and marked with its
 *     manifest ({@value OutputFiles#MANIFEST}, listing the files it wrote); every file the
 *     command would write that already exists there must be listed in the manifest.</li>
 * </ul>
 */
public final class OutputGuard {

    private static final JsonFactory JSON = new JsonFactory();

    /** The kinds of file the commands write, each with the signature that marks it as this tool's. */
    public enum Kind {
        RESULT_JSON("a sparker result file", ResultFiles.FORMAT),
        MODEL_JSON("a sparker model file", ModelFiles.FORMAT),
        EVAL_JSON("a sparker eval file", ResultFiles.EVAL_FORMAT),
        BENCH_JSON("a sparker bench file", "sparker-bench"),
        STUDY_JSON("a sparker study file", "sparker-study"),
        MEDOIDS_JSON("a sparker medoids file", "sparker-medoids"),
        /** A calibration file (JSON Lines whose header line opens with its format): resumed or extended. */
        CALIBRATION("a sparker calibration file", "sparker-calibration"),
        /** A CSV carries no signature: written only to a new path. */
        SCORES_CSV("a sparker scores file", null);

        final String description;
        final String format;

        Kind(String description, String format) {
            this.description = description;
            this.format = format;
        }

        /** The file-name ending its files must have, or null where the name is free. */
        String suffix() {
            return switch (this) {
                case SCORES_CSV -> ".csv";
                case EVAL_JSON, BENCH_JSON -> ".json";
                default -> null;
            };
        }

        /** What a file of this kind holds, for the error that names a wrong ending. */
        String content() {
            return this == SCORES_CSV ? "CSV (columns f, score, f_0 … f_{M−1})" : "JSON (" + description + ")";
        }

        /** The {@code format} value of this kind's files, or null for a kind without a signature. */
        public String format() {
            return format;
        }

        /** Whether {@code file} is a JSON object whose first key is {@code "format"} with this kind's value. */
        boolean signs(Path file) {
            return format != null && format.equals(formatOf(file));
        }
    }

    private OutputGuard() {
    }

    /**
     * The value of the {@code "format"} key that opens the JSON object in {@code file} (a JSON file,
     * or the first line of a JSON Lines file), or null when the file does not open that way.
     */
    public static String formatOf(Path file) {
        try (InputStream in = Files.newInputStream(file); JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME
                    || !"format".equals(p.currentName()) || p.nextToken() != JsonToken.VALUE_STRING) {
                return null;
            }
            return p.getText();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Refuses {@code output} (given as {@code option}) when it is one of {@code inputs} (option →
     * file), a folder, or an existing file that does not carry the signature of {@code kind} (any
     * existing file when {@code kind} is null or has no signature).
     */
    public static void check(String option, Path output, Kind kind, Map<String, Path> inputs) {
        if (output == null) {
            return;
        }
        notAnInput(option, output, inputs);
        if (Files.isDirectory(output)) {
            throw new UserError(option + " " + output + " is a folder; give a file name");
        }
        String suffix = kind == null ? null : kind.suffix();
        if (suffix != null && !output.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(suffix)) {
            // a scores.npy holding CSV text would be misread by whatever opens it next
            throw new UserError(option + " " + output + ": this command writes " + kind.content() + "; give a name ending "
                    + "in " + suffix);
        }
        if (!Files.exists(output, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (kind == null || kind.format == null) {
            throw new UserError(option + " " + output + " exists; this command writes only new files there"
                    + (kind == null ? "" : " (" + kind.description + " carries no mark of the tool that wrote it)")
                    + ", so it is refusing to write over it: remove it or choose another name");
        }
        if (kind == Kind.CALIBRATION && sizeOf(output) == 0) {
            return; // an empty file holds nothing to lose; the calibration treats it as new
        }
        if (!kind.signs(output)) {
            throw new UserError(option + " " + output + " exists and is not " + kind.description + " (it does not open "
                    + "with \"format\": \"" + kind.format + "\"); refusing to write over it: remove it or choose "
                    + "another name");
        }
    }

    /**
     * Refuses the output folder {@code folder} unless it is new, empty, or marked by this tool's
     * manifest listing every one of {@code names} (the files the command writes there) that exists.
     */
    public static void checkFolder(String option, Path folder, Set<String> names, Map<String, Path> inputs) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new UserError(option + " " + folder + " exists and is not a folder");
        }
        for (String name : names) {
            notAnInput(option, folder.resolve(name), inputs);
        }
        if (!Files.isDirectory(folder)) {
            return;
        }
        Set<String> present = new TreeSet<>();
        for (String name : names) {
            if (Files.exists(folder.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                present.add(name);
            }
        }
        if (present.isEmpty()) {
            return;
        }
        Set<String> ours = OutputFiles.manifest(folder);
        present.removeAll(ours);
        if (!present.isEmpty()) {
            throw new UserError(option + " " + folder + " holds " + String.join(", ", present) + ", which sparker did not "
                    + "write there (" + (ours.isEmpty() ? "the folder has no " + OutputFiles.MANIFEST
                    : "not in its " + OutputFiles.MANIFEST) + "); refusing to write over "
                    + (present.size() == 1 ? "it" : "them") + ": choose a new folder, or move " + (present.size() == 1
                    ? "that file" : "those files") + " away");
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static void notAnInput(String option, Path output, Map<String, Path> inputs) {
        for (Map.Entry<String, Path> in : inputs.entrySet()) {
            if (in.getValue() != null && sameFile(output, in.getValue())) {
                throw new UserError(option + " " + output + " is the " + in.getKey() + " input; refusing to write over it");
            }
        }
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
