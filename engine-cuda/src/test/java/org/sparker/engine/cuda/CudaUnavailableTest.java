package org.sparker.engine.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.sparker.engine.Availability;
import org.sparker.engine.BackendOptions;
import org.sparker.engine.BackendUnavailableException;
import org.sparker.engine.Backends;

/**
 * Without a GPU (our CPU machines and CI) the backend says so, with the reason, and nothing
 * throws from the availability check; asking for it by name fails with that reason. Loading the
 * native library and asking the driver happen once per process, however many providers ask.
 */
class CudaUnavailableTest {

    @Test
    void theDriverIsProbedOnceForAllProvidersAndThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Availability>> answers = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                answers.add(pool.submit(() -> new CudaBackendProvider().availability()));
            }
            Availability first = answers.get(0).get();
            for (Future<Availability> a : answers) {
                assertThat(a.get()).isEqualTo(first);
            }
            assertThat(first.reason()).isNotBlank();
        } finally {
            pool.shutdownNow();
        }
        assertThat(Backends.describe()).contains("cuda");
        assertThat(CudaBackendProvider.PROBES.get()).as("driver probes in this process").isEqualTo(1);
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
        assertThatThrownBy(() -> Backends.get("cuda")).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining(a.reason());
    }
}
