package org.sparker.app.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparker.engine.FloatMatrix;

/** The CSV rules of {@link DataFiles}: what is read as the clean numbers, what is a one-line error. */
class CsvRulesTest {

    @TempDir
    Path dir;

    private static final float[] CLEAN = {1.5f, -2f, 0.25f, 3e-3f, 4f, 5f};

    private Path csv(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static void assertClean(FloatMatrix m) {
        assertThat(m.rows()).isEqualTo(3);
        assertThat(m.cols()).isEqualTo(2);
        assertThat(m.data()).containsExactly(CLEAN);
    }

    @Test
    void headersAndPandasFilesGiveTheCleanNumbers() throws IOException {
        assertClean(DataFiles.read(csv("plain.csv", "1.5,-2\n.25,3e-3\n4,5.\n")));
        assertClean(DataFiles.read(csv("header.csv", "a,b\n1.5,-2\n0.25,0.003\n4,5\n")));
        // pandas: to_csv(index=False) with default labels, and to_csv() with its row index
        assertClean(DataFiles.read(csv("labels.csv", "0,1\n1.5,-2\n0.25,0.003\n4,5\n")));
        assertClean(DataFiles.read(csv("index.csv", ",0,1\n0,1.5,-2\n1,0.25,0.003\n2,4,5\n")));
        assertClean(DataFiles.read(csv("named.csv", ",x,y\n0,1.5,-2\n1,0.25,0.003\n2,4,5\n")));
        assertClean(DataFiles.read(csv("unnamed.csv", "Unnamed: 0,x,y\n0,1.5,-2\n1,0.25,0.003\n2,4,5\n")));
    }

    @Test
    void anythingButPlainDecimalNumbersIsAnErrorNamingTheLineAndColumn() throws IOException {
        for (String bad : new String[] {"1.5f", "2.5d", "0x1p3", "1 000.5", "1.5x", "NaN", "Infinity", "1,5e"}) {
            Path f = csv("bad.csv", "a,b\n1,2\n3," + bad + "\n");
            assertThatThrownBy(() -> DataFiles.read(f)).as(bad).hasMessageStartingWith(f + ": line 3")
                    .hasMessageNotContaining("\n");
        }
        Path nul = csv("nul.csv", "a,b\n1,2\u0000\n");
        assertThatThrownBy(() -> DataFiles.read(nul)).hasMessageContaining("line 2").hasMessageContaining("NUL");
    }

    @Test
    void aFirstRowOfNumbersAndTextIsNeitherHeaderNorData() throws IOException {
        Path f = csv("mixed.csv", "1 000.5,2\n3,4\n");
        assertThatThrownBy(() -> DataFiles.read(f)).hasMessageContaining("line 1 mixes numbers and text")
                .hasMessageContaining("'1 000.5'");
    }

    @Test
    void anEmptyFirstHeaderCellOverOtherValuesSaysHowToWriteTheFile() throws IOException {
        Path f = csv("shifted.csv", ",a,b\n7,1,2\n8,3,4\n");
        assertThatThrownBy(() -> DataFiles.read(f)).hasMessageContaining("to_csv(index=False)")
                .hasMessageContaining("line 2");
    }

    @Test
    void textInAnotherEncodingIsNamed() throws IOException {
        Path utf16 = dir.resolve("utf16.csv");
        Files.write(utf16, "a,b\n1,2\n".getBytes(StandardCharsets.UTF_16));
        assertThatThrownBy(() -> DataFiles.read(utf16)).hasMessageStartingWith(utf16 + ": line 1");
        Path latin = dir.resolve("latin.csv");
        Files.write(latin, "caf\u00e9,b\n1,2\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> DataFiles.read(latin)).hasMessageContaining("line 1 is not UTF-8");
    }
}
