package org.sparker.app.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Integer .npy arrays (numpy's default for integer data) and header versions. */
class NpyIntegersTest {

    @TempDir
    Path dir;

    /** A little-endian 2-column array of {@code descr} (i8, i4, u1) of the given values, format version {@code major}. */
    private Path npy(String name, String descr, int itemSize, long[] values, int major) throws IOException {
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + values.length / 2 + ", 2), }";
        int prefix = major == 1 ? 10 : 12;
        int pad = 64 - (prefix + header.length() + 1) % 64;
        header = header + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(prefix + header.length() + itemSize * values.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) header.length());
        } else {
            b.putInt(header.length());
        }
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (long v : values) {
            switch (itemSize) {
                case 8 -> b.putLong(v);
                case 4 -> b.putInt((int) v);
                default -> b.put((byte) v);
            }
        }
        Path p = dir.resolve(name);
        Files.write(p, b.array());
        return p;
    }

    @Test
    void integersThatFloat32HoldsAreRead() throws IOException {
        assertThat(DataFiles.read(npy("i8.npy", "<i8", 8, new long[] {0, -3, 7, 1 << 24}, 1)).data())
                .containsExactly(0f, -3f, 7f, 16777216f);
        assertThat(DataFiles.read(npy("i4.npy", "<i4", 4, new long[] {5, 6, 7, 8}, 1)).data())
                .containsExactly(5f, 6f, 7f, 8f);
        assertThat(DataFiles.read(npy("u1.npy", "|u1", 1, new long[] {0, 200, 255, 1}, 1)).data())
                .containsExactly(0f, 200f, 255f, 1f);
    }

    @Test
    void anIntegerFloat32CannotHoldIsNamedByRowAndColumn() throws IOException {
        Path p = npy("big.npy", "<i8", 8, new long[] {1, 2, 3, (1 << 24) + 1}, 1);
        assertThatThrownBy(() -> DataFiles.read(p)).hasMessageContaining(p + ": row 1, column 1 holds the integer 16777217")
                .hasMessageContaining("<i8");
    }

    @Test
    void anotherHeaderVersionIsNamed() throws IOException {
        Path p = npy("v2.npy", "<i8", 8, new long[] {1, 2}, 2);
        assertThatThrownBy(() -> DataFiles.read(p)).hasMessageContaining(".npy format version 2.0");
    }
}
