package org.sparker.engine.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/**
 * The committed PTX must be compiled from the committed .cu: its first line records the source's
 * SHA-256. Edit the .cu without running src/main/cuda/build-ptx.sh and this fails.
 */
class PtxFreshnessTest {

    private static final Path SOURCE = Path.of("src/main/cuda/sparker_kernels.cu");
    private static final Path PTX = Path.of("src/main/resources/org/sparker/engine/cuda/sparker_kernels.ptx");

    @Test
    void committedPtxMatchesItsSource() throws Exception {
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(SOURCE)));
        String firstLine = Files.readAllLines(PTX).get(0);
        assertThat(firstLine)
                .as("%s is stale: run engine-cuda/src/main/cuda/build-ptx.sh after changing %s", PTX, SOURCE)
                .isEqualTo("// sparker-cu-sha256: " + digest);
    }

    @Test
    void ptxOnTheClasspathHasEveryKernelTheBackendLoads() {
        String ptx = new String(CudaSession.loadPtx(), java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(ptx).endsWith("\0");
        for (String kernel : new String[] {"point_pass", "sum_rows", "center_gradient", "forward_pass"}) {
            assertThat(ptx).contains(".entry " + kernel + "(");
        }
    }
}
