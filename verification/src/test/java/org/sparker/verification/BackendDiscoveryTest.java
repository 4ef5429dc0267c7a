package org.sparker.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sparker.engine.Availability;
import org.junit.jupiter.api.Assumptions;
import org.sparker.engine.BackendProvider;
import org.sparker.engine.BackendUnavailableException;
import org.sparker.engine.Backends;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.reference.ReferenceBackend;

/**
 * ServiceLoader discovery and selection (docs/design.md §7). The test classpath also registers
 * {@link UnavailableTestBackend}, a provider of top priority that is never available, so
 * {@code auto}'s skipping and the error of an unavailable named backend are exercised.
 */
class BackendDiscoveryTest {

    @Test
    void findsTheReferenceByName() {
        try (KernelBackend b = Backends.get("reference")) {
            assertThat(b).isInstanceOf(ReferenceBackend.class);
            assertThat(b.name()).isEqualTo("reference");
        }
        try (KernelBackend b = Backends.get(" Reference ")) {
            assertThat(b.name()).isEqualTo("reference");
        }
    }

    @Test
    void providersComeHighestPriorityFirst() {
        var providers = Backends.providers();
        assertThat(providers).extracting(BackendProvider::name).contains("reference", UnavailableTestBackend.NAME);
        for (int i = 1; i < providers.size(); i++) {
            assertThat(providers.get(i - 1).priority()).isGreaterThanOrEqualTo(providers.get(i).priority());
        }
    }

    /**
     * This test JVM has the Vector API module: {@code auto} is {@code cuda} where that runs preferred
     * (a device model its agreement tests passed on), else {@code simd}; never the unavailable or
     * degraded test backends that outrank both.
     */
    @Test
    void autoTakesCudaWhereVerifiedElseSimd() {
        Assumptions.assumeTrue(Backends.provider("simd").availability().preferred(),
                () -> "simd cannot run at full speed on this host: " + Backends.provider("simd").availability().reason());
        boolean cudaPreferred = Backends.providers().stream()
                .anyMatch(p -> p.name().equals("cuda") && p.availability().preferred());
        String expected = cudaPreferred ? "cuda" : "simd";
        assertThat(Backends.provider("auto").name()).isEqualTo(expected);
        try (KernelBackend b = Backends.get("auto")) {
            assertThat(b.name()).isEqualTo(expected);
        }
    }

    /** A degraded backend runs when asked for by name, says why, and is never auto's choice while another runs. */
    @Test
    void autoPassesOverADegradedBackend() {
        BackendProvider degraded = Backends.provider(DegradedTestBackend.NAME);
        assertThat(degraded.availability().available()).isTrue();
        assertThat(degraded.availability().preferred()).isFalse();
        assertThat(Backends.providers().get(1).name()).isEqualTo(DegradedTestBackend.NAME); // it outranks the real ones
        assertThat(Backends.describe()).contains(DegradedTestBackend.NAME + " (priority " + (Integer.MAX_VALUE - 1)
                + "): available but degraded (auto skips it), " + DegradedTestBackend.REASON);
        assertThatThrownBy(() -> new Availability(false, true, "x")).isInstanceOf(IllegalArgumentException.class);
        try (KernelBackend b = Backends.get(DegradedTestBackend.NAME)) {
            assertThat(b).isNotNull();
        }
    }

    @Test
    void unknownNameListsTheRegisteredBackends() {
        assertThatThrownBy(() -> Backends.get("tpu"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown backend 'tpu'")
                .hasMessageContaining("reference");
    }

    @Test
    void unavailableNamedBackendFailsWithItsReason() {
        assertThatThrownBy(() -> Backends.get(UnavailableTestBackend.NAME))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining(UnavailableTestBackend.REASON);
        assertThat(Backends.describe()).contains(UnavailableTestBackend.REASON);
    }

    @Test
    void systemPropertyChoosesTheBackend() {
        String saved = System.getProperty(Backends.PROPERTY);
        try {
            System.setProperty(Backends.PROPERTY, "reference");
            try (KernelBackend b = Backends.get()) {
                assertThat(b.name()).isEqualTo("reference");
            }
            System.setProperty(Backends.PROPERTY, UnavailableTestBackend.NAME);
            assertThatThrownBy(Backends::get).isInstanceOf(BackendUnavailableException.class);
        } finally {
            if (saved == null) {
                System.clearProperty(Backends.PROPERTY);
            } else {
                System.setProperty(Backends.PROPERTY, saved);
            }
        }
    }
}
