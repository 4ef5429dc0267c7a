package org.sparker.engine;

/**
 * Training samples in a backend's own resident form, made once by {@link KernelBackend#prepare}
 * and reused by every training step (a GPU backend keeps them in device memory). Close it to
 * release what it holds; a closed handle is rejected by the backend.
 */
public interface PreparedSamples extends AutoCloseable {

    /** The samples this handle was made from. */
    TrainingSamples samples();

    /** Name of the backend that made this handle. */
    String backend();

    /** {@code true} once {@link #close()} has been called. */
    boolean isClosed();

    /** Releases resources; idempotent, never throws. */
    @Override
    void close();
}
