package org.sparker.engine;

/**
 * Base of providers whose availability is costly to find out (a module check, a native library,
 * a device query): {@link #probe()} runs once, on first demand, and its answer is kept;
 * {@link #create} refuses with that answer's reason when the backend cannot run.
 */
public abstract class AbstractBackendProvider implements BackendProvider {

    private volatile Availability cached;

    /** Finds out whether the backend can run here; must not throw. Called at most once. */
    protected abstract Availability probe();

    /** Makes the backend once it is known to be available. */
    protected abstract KernelBackend start(BackendOptions options);

    @Override
    public final Availability availability() {
        Availability a = cached;
        if (a == null) {
            synchronized (this) {
                a = cached;
                if (a == null) {
                    a = probe();
                    cached = a;
                }
            }
        }
        return a;
    }

    @Override
    public final KernelBackend create(BackendOptions options) {
        Availability a = availability();
        if (!a.available()) {
            throw new BackendUnavailableException("backend '" + name() + "' is unavailable: " + a.reason());
        }
        return start(options);
    }
}
