package org.sparker.verification;

/** The CUDA backend against the reference; skipped without a GPU, driver or JCuda natives. */
class CudaAgreementTest extends BackendAgreementTestCase {

    @Override
    String backendName() {
        return "cuda";
    }
}
