package org.sparker.app.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .npz} members: CRC-32 checked, no more bytes inflated than the member's header promises. */
class NpzChecksTest {

    @TempDir
    Path dir;

    /** A float32 .npy of shape (rows, 1) holding 0, 1, 2, …, with {@code extra} zero bytes after the payload. */
    private static byte[] npy(int rows, int extra) {
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", 1), }";
        int pad = 64 - (10 + header.length() + 1) % 64;
        header = header + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * rows + extra).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < rows; i++) {
            b.putFloat(i);
        }
        return b.array();
    }

    private Path npz(String name, byte[] member, boolean stored) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            ZipEntry e = new ZipEntry("x.npy");
            if (stored) {
                CRC32 crc = new CRC32();
                crc.update(member);
                e.setMethod(ZipEntry.STORED);
                e.setSize(member.length);
                e.setCrc(crc.getValue());
            }
            zip.putNextEntry(e);
            zip.write(member);
            zip.closeEntry();
        }
        Path p = dir.resolve(name);
        Files.write(p, bytes.toByteArray());
        return p;
    }

    @Test
    void aCleanMemberIsRead() throws IOException {
        assertThat(DataFiles.read(npz("ok.npz", npy(4, 0), true)).data()).containsExactly(0f, 1f, 2f, 3f);
        assertThat(DataFiles.read(npz("ok2.npz", npy(4, 0), false)).data()).containsExactly(0f, 1f, 2f, 3f);
    }

    @Test
    void aFlippedBitInAStoredMemberIsRefusedByItsCrc() throws IOException {
        Path f = npz("flip.npz", npy(4, 0), true);
        byte[] b = Files.readAllBytes(f);
        // the payload's last float lies just before the central directory; flip a bit in it
        int at = indexOf(b, new byte[] {0, 0, 0x40, 0x40}); // 3.0f, little-endian
        b[at + 2] ^= 0x01;
        Files.write(f, b);
        assertThatThrownBy(() -> DataFiles.read(f)).hasMessageContaining(f + ":x").hasMessageContaining("CRC-32");
    }

    @Test
    void aMemberLongerThanItsHeaderIsRefusedBeforeItIsCopiedWhole() throws IOException {
        Path f = npz("bomb.npz", npy(2, 8 << 20), false); // 8 MiB of zeros deflate to a few KB
        assertThat(Files.size(f)).isLessThan(100_000);
        assertThatThrownBy(() -> DataFiles.read(f)).hasMessageContaining("more bytes than its .npy header");
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
