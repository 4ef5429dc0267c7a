package org.sparker.engine.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;
import org.sparker.engine.Availability;
import org.sparker.engine.BackendOptions;
import org.sparker.engine.BackendUnavailableException;

/**
 * Without a GPU (our CPU machines and CI) the backend says so, with the reason, and nothing
 * throws from the availability check; asking for it by name fails with that reason.
 */
class CudaUnavailableTest {

    @Test
    void availabilityNeverThrowsAndAlwaysExplains() {
        Availability a = new CudaBackendProvider().availability();
        assertThat(a.reason()).isNotBlank();
        CudaBackendProvider same = new CudaBackendProvider();
        assertThat(same.availability()).isEqualTo(a);
        assertThat(same.availability()).isSameAs(same.availability()); // probed once
    }

    @Test
    void creatingItWithoutADeviceFailsWithTheReason() {
        CudaBackendProvider provider = new CudaBackendProvider();
        Availability a = provider.availability();
        assumeFalse(a.available(), "a CUDA device is present here: " + a.reason());
        assertThatThrownBy(() -> provider.create(BackendOptions.defaults()))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("cuda")
                .hasMessageContaining(a.reason());
    }
}
