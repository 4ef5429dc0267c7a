package org.sparker.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import org.junit.jupiter.api.Test;

class IoErrorsTest {

    @Test
    void fileSystemExceptionsSayWhatWentWrongAndWhere() {
        assertThat(IoErrors.describe(new AccessDeniedException("/out/x"))).isEqualTo("permission denied: /out/x");
        assertThat(IoErrors.describe(new AccessDeniedException("/out/.x.json.1f.tmp")))
                .isEqualTo("permission denied in /out");
        assertThat(IoErrors.describe(new NoSuchFileException("/in/a.npy"))).isEqualTo("no such file or folder: /in/a.npy");
        assertThat(IoErrors.describe(new FileSystemException("/out/x", null, "No space left on device")))
                .isEqualTo("No space left on device: /out/x");
        assertThat(IoErrors.describe(new IOException("stream closed"))).isEqualTo("stream closed");
    }
}
