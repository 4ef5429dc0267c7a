package org.sparker.engine.cuda;

/** A CUDA driver call failed; the message names the call and the CUresult. */
public class CudaBackendException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CudaBackendException(String message) {
        super(message);
    }

    public CudaBackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
