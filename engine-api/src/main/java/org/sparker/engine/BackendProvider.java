package org.sparker.engine;

/**
 * Service-provider interface through which {@link Backends} finds backends with
 * {@link java.util.ServiceLoader}: each backend module registers one implementation in
 * {@code META-INF/services/org.sparker.engine.BackendProvider}.
 *
 * <p>A provider must be cheap to construct: no native library is loaded and no device touched
 * until {@link #availability()} or {@link #create} is called.
 */
public interface BackendProvider {

    /** The name users select it by: {@code reference}, {@code simd}, {@code cuda}. */
    String name();

    /** Higher is preferred by {@code auto} among the available backends. */
    int priority();

    /**
     * Whether the backend can run here. Never throws: every failure (missing module, native
     * library, driver or device) becomes {@link Availability#no} with the reason.
     */
    Availability availability();

    /**
     * Creates a backend instance.
     *
     * @throws BackendUnavailableException if the backend cannot run here
     */
    KernelBackend create(BackendOptions options);
}
