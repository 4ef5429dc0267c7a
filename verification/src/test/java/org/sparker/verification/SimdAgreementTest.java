package org.sparker.verification;

/** The SIMD backend against the reference; skipped where it is not registered or available. */
class SimdAgreementTest extends BackendAgreementTestCase {

    @Override
    String backendName() {
        return "simd";
    }
}
