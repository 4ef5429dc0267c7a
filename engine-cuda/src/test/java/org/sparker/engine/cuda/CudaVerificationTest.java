package org.sparker.engine.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sparker.engine.Availability;

/**
 * {@code auto} prefers the cuda backend only on a device model its agreement tests passed on; on
 * any other device it runs by name and says where it was verified. Needs no GPU: the decision is
 * made from the driver's device name.
 */
class CudaVerificationTest {

    @Test
    void aVerifiedModelIsPreferred() {
        CudaBackendProvider.Verification v = CudaBackendProvider.VERIFIED.get(0);
        Availability a = CudaBackendProvider.availabilityOn(v.device(), v.device() + ", 143155 MiB");
        assertThat(a.preferred()).isTrue();
        assertThat(a.reason()).contains(v.device()).contains(v.date()).contains("agreement tests passed");
    }

    @Test
    void anotherModelRunsByNameOnly() {
        Availability a = CudaBackendProvider.availabilityOn("NVIDIA GeForce RTX 4090", "NVIDIA GeForce RTX 4090, 24564 MiB");
        assertThat(a.available()).isTrue();
        assertThat(a.degraded()).isTrue();
        assertThat(a.reason()).contains("RTX 4090").contains(CudaBackendProvider.VERIFIED.get(0).device())
                .contains("--backend cuda");
    }

    @Test
    void theNameMustMatchWhole() {
        // an "NVIDIA H200 NVL" (the PCIe part, other clocks and power) is not the verified SXM "NVIDIA H200"
        assertThat(CudaBackendProvider.availabilityOn("NVIDIA H200 NVL", "NVIDIA H200 NVL").preferred()).isFalse();
    }
}
