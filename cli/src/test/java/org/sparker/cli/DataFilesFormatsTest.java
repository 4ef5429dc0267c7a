package org.sparker.cli;

import org.sparker.app.UserError;
import org.sparker.app.io.DataFiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparker.engine.FloatMatrix;

/**
 * HDF5 and .npz inputs, from the files {@code src/test/resources/inputs/make_inputs.py} made once
 * with h5py and NumPy (row r, column c holds r + c/10).
 */
class DataFilesFormatsTest {

    @TempDir
    Path dir;

    private Path h5;
    private Path single;
    private Path npz;
    private Path npzOne;

    @BeforeEach
    void copyInputs() throws IOException {
        h5 = copy("sample.h5");
        single = copy("single.h5");
        npz = copy("sample.npz");
        npzOne = copy("single_compressed.npz");
    }

    private Path copy(String name) throws IOException {
        Path p = dir.resolve(name);
        try (var in = getClass().getResourceAsStream("/inputs/" + name)) {
            Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
        }
        return p;
    }

    private static void assertSample(FloatMatrix m) {
        assertThat(m.rows()).isEqualTo(5);
        assertThat(m.cols()).isEqualTo(3);
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 3; c++) {
                assertThat(m.data()[r * 3 + c]).isEqualTo((float) (r + c / 10.0));
            }
        }
    }

    private static FloatMatrix read(Path file, String member) {
        return DataFiles.read(Path.of(file + (member == null ? "" : ":" + member)));
    }

    /** Fletcher-32 chunk checksums are verified: a damaged chunk is refused, not read as numbers. */
    @Test
    void hdf5ChecksumsAreVerified() throws IOException {
        Path sums = copy("checksummed.h5");
        assertSample(read(sums, "/good"));
        assertThatThrownBy(() -> read(sums, "/damaged"))
                .hasMessageContaining("checksummed.h5:/damaged: cannot be read")
                .hasMessageContaining("Fletcher-32 checksum does not match")
                .hasMessageContaining("the file is damaged");
        assertThatThrownBy(() -> read(sums, "/bigint"))
                .hasMessageContaining("checksummed.h5:/bigint: row 1, column 2 holds the integer 16777217, which float32 "
                        + "cannot hold exactly");
    }

    /** Storage never written, no rows, unsigned 64-bit integers, link cycles: read or refused in one line. */
    @Test
    void hdf5StructuralEdgeCases() throws IOException {
        Path edge = copy("edge.h5");
        for (String never : new String[] {"/unwritten", "/unwritten_chunked"}) {
            assertThatThrownBy(() -> read(edge, never)).isInstanceOf(UserError.class)
                    .hasMessage(edge + ":" + never + ": the dataset holds no data (allocated but never written)");
        }
        assertThatThrownBy(() -> read(edge, "/norows")).hasMessage(edge + ":/norows: the dataset has no rows (shape [0, 3])");
        FloatMatrix u = read(edge, "/uint64");
        assertThat(u.rows()).isEqualTo(5);
        assertThat(u.data()[4]).isEqualTo(11f); // row 1, column 1: uint64(10 × 1.1)
        assertThatThrownBy(() -> read(edge, "/uint64big")).hasMessage(edge + ":/uint64big: row 1, column 2 holds the "
                + "integer 9223372036854775813, which float32 cannot hold exactly (|x| > 2^24); save float32 or float64");
        // /g/back is /g: a path through the cycle reaches the data, and listing the file ends
        assertSample(read(edge, "/g/back/back/data"));
        assertThatThrownBy(() -> read(edge, "/partial")).hasMessage(edge + ":/partial: rows 2–3, columns from 0 were "
                + "never written (the file's chunk index has no chunk for them); the file is incomplete or damaged");
        assertThatThrownBy(() -> read(edge, null)).hasMessageContaining("edge.h5: holds 7 datasets (")
                .hasMessageContaining("/g/data");
        assertThatThrownBy(() -> read(edge, "/loop")).isInstanceOf(UserError.class)
                .hasMessage(edge + ":/loop: its soft links lead back to themselves; name the dataset itself");
        assertThatThrownBy(() -> read(edge, "/dangling")).hasMessage(edge + ":/dangling: no such dataset in the file");
    }

    /** An external link and external storage: named as such, not as a missing dataset. */
    @Test
    void hdf5LinksAndStorageOutsideTheFileAreNamed() throws IOException {
        Path linked = copy("linked.h5");
        assertSample(read(linked, "/plain"));
        assertSample(read(linked, "/link")); // followed to sample.h5 beside it
        Files.delete(h5);
        assertThatThrownBy(() -> read(linked, "/link")).hasMessage(linked + ":/link: is an external link to "
                + "sample.h5:/plain64 (beside this file), which cannot be read: put that file there, or name it and its "
                + "dataset instead");
        Path external = copy("external.h5");
        assertThatThrownBy(() -> read(external, "/plain")).hasMessageStartingWith(external + ":/plain: cannot be read: "
                + "it uses an HDF5 feature this reader does not support (").hasMessageEndingWith("write the data into "
                + "the file itself (h5py: create_dataset without external=)");
    }

    @Test
    void hdf5DatasetsContiguousChunkedCompressedAndOneDimensional() {
        assertSample(read(h5, "/plain64"));
        assertSample(read(h5, "/group/chunked32"));
        assertSample(read(single, null)); // the only dataset
        FloatMatrix v = read(h5, "/vector");
        assertThat(v.cols()).isEqualTo(1);
        assertThat(v.data()).containsExactly(0f, 1f, 2f, 3f, 4f);
        FloatMatrix ints = read(h5, "/ints");
        assertThat(ints.data()[4]).isEqualTo(11f); // row 1, column 1: int32(10 × 1.1)
    }

    /** LZF and shuffled gzip chunks read as the sample, and the reader prints nothing of its own. */
    @Test
    void hdf5LzfAndShuffledChunksReadSilently() throws IOException {
        Path filters = copy("filters.h5");
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertSample(read(filters, "/lzf"));
            assertSample(read(filters, "/shuffled"));
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void hdf5ProblemsNameTheDataset() {
        assertThatThrownBy(() -> read(h5, "/nope")).hasMessageContaining("sample.h5:/nope: no such dataset");
        assertThatThrownBy(() -> read(h5, "/group")).hasMessageContaining("sample.h5:/group: is a group, not a dataset");
        assertThatThrownBy(() -> read(h5, "/cube")).hasMessageContaining("sample.h5:/cube: expected a 1- or 2-dimensional");
        assertThatThrownBy(() -> read(h5, "/text")).hasMessageContaining("sample.h5:/text: is not numeric");
        assertThatThrownBy(() -> read(h5, "/withnan")).hasMessageContaining("sample.h5:/withnan")
                .hasMessageContaining("row 3").hasMessageContaining("column 1");
        assertThatThrownBy(() -> read(h5, null)).hasMessageContaining("holds 7 datasets")
                .hasMessageContaining("name one as sample.h5:/group/dataset");
        assertThatThrownBy(() -> read(dir.resolve("missing.h5"), "/x")).hasMessageContaining("missing.h5: no such file");
    }

    @Test
    void npzMembersStoredAndCompressed() {
        assertSample(read(npz, "first"));
        assertSample(read(npz, "first.npy"));
        FloatMatrix t = read(npz, "second");
        assertThat(t.rows()).isEqualTo(3);
        assertThat(t.data()[1]).isEqualTo(1f); // transposed: row 0 holds column 0 of the original
        assertSample(read(npzOne, null));
        assertThatThrownBy(() -> read(npz, null)).hasMessageContaining("holds 2 arrays (first, second)");
        assertThatThrownBy(() -> read(npz, "third")).hasMessageContaining("sample.npz: has no array 'third'");
    }

    /** A whole run on HDF5 and .npz inputs, as a user writes them. */
    @Test
    void runAcceptsMembersAsInputs() {
        var r = SparkerCliTest.sparker("score", "--model", writeModel().toString(), "--input", h5 + ":/group/chunked32",
                "--out", dir.resolve("s.csv").toString(), "--backend", "reference", "-q");
        assertThat(r.code()).as(r.err()).isZero();
        var r2 = SparkerCliTest.sparker("score", "--model", writeModel().toString(), "--input", npz + ":first",
                "--out", dir.resolve("s2.csv").toString(), "--backend", "reference", "-q");
        assertThat(r2.code()).as(r2.err()).isZero();
        try {
            assertThat(Files.readAllLines(dir.resolve("s2.csv"))).isEqualTo(Files.readAllLines(dir.resolve("s.csv")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path writeModel() {
        Path m = dir.resolve("model.json");
        try {
            Files.writeString(m, "{\"sigma\": 0.8, \"centers\": [[0, 0, 0], [1, 1, 1]], \"amplitudes\": [0.5, -1.0], "
                    + "\"softmax\": true}");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return m;
    }
}
