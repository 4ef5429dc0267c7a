package org.sparker.engine;

/**
 * The prepared-samples handle every backend uses: the samples, the backend's name and the
 * closed flag, with an idempotent {@link #close()} that calls {@link #release()} once. A backend
 * that keeps a resident form (tiles, device buffers) subclasses it and releases them there; one
 * that needs nothing beyond the samples uses it as it is.
 */
public class BasePreparedSamples implements PreparedSamples {

    private final TrainingSamples samples;
    private final String backend;
    private volatile boolean closed;

    /** A handle of {@code backend} for {@code samples}. */
    public BasePreparedSamples(TrainingSamples samples, String backend) {
        this.samples = samples;
        this.backend = backend;
    }

    @Override
    public final TrainingSamples samples() {
        return samples;
    }

    @Override
    public final String backend() {
        return backend;
    }

    @Override
    public final boolean isClosed() {
        return closed;
    }

    @Override
    public final void close() {
        boolean first;
        synchronized (this) {
            first = !closed;
            closed = true;
        }
        if (first) {
            release();
        }
    }

    /** Frees what the backend holds for these samples; called once, by the first {@link #close()}. Never throws. */
    protected void release() {
    }
}
