package org.sparker.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Numbers printed, written to CSV or put in a report read the same on every machine: every
 * {@code String.format} and {@code printf} in main code names {@code Locale.ROOT} (a German
 * locale would otherwise print {@code p-value ≤ 0,004975}), and {@code String.formatted}, which
 * takes no locale, is not used.
 */
class LocaleIndependentOutputTest {

    private static final Pattern DEFAULT_LOCALE = Pattern.compile("String\\.format\\(\\s*\"|printf\\(\\s*\"|\\.formatted\\(");

    @Test
    void everyFormatNamesTheRootLocale() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/"))
                    .toList()) {
                List<String> lines = Files.readAllLines(p);
                for (int i = 0; i < lines.size(); i++) {
                    if (DEFAULT_LOCALE.matcher(lines.get(i)).find()) {
                        found.add(root.relativize(p) + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertThat(found).as("formats in the default locale").isEmpty();
    }
}
