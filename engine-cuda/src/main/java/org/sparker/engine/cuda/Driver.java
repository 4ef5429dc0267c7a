package org.sparker.engine.cuda;

import java.util.function.IntSupplier;

import jcuda.CudaException;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * Calls into the CUDA driver through JCuda, each named: a failure becomes a
 * {@link CudaBackendException} that says which call failed and with which {@code CUresult}.
 * Loading this class loads JCuda's native library; only {@link CudaProbe} and the session do.
 */
final class Driver {

    static {
        JCudaDriver.setExceptionsEnabled(true);
    }

    private Driver() {
    }

    static void call(String what, IntSupplier call) {
        int result;
        try {
            result = call.getAsInt();
        } catch (CudaException e) {
            throw new CudaBackendException(what + " failed: " + e.getMessage(), e);
        }
        if (result != CUresult.CUDA_SUCCESS) {
            throw new CudaBackendException(what + " failed: " + CUresult.stringFor(result));
        }
    }
}
