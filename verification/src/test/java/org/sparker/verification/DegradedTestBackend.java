package org.sparker.verification;

import org.sparker.engine.Availability;
import org.sparker.engine.BackendOptions;
import org.sparker.engine.BackendProvider;
import org.sparker.engine.KernelBackend;
import org.sparker.engine.reference.ReferenceBackend;

/**
 * A test-only provider that outranks every real backend and runs, but degraded: {@code auto}
 * must pass it over while anything else runs at full speed; by name it is still available.
 */
public final class DegradedTestBackend implements BackendProvider {

    static final String NAME = "test-degraded";
    static final String REASON = "this test backend runs, but slower than the reference";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return Integer.MAX_VALUE - 1;
    }

    @Override
    public Availability availability() {
        return Availability.degraded(REASON);
    }

    @Override
    public KernelBackend create(BackendOptions options) {
        return new ReferenceBackend();
    }
}
