package org.sparker.verification;

import org.sparker.engine.Availability;
import org.sparker.engine.BackendOptions;
import org.sparker.engine.BackendProvider;
import org.sparker.engine.BackendUnavailableException;
import org.sparker.engine.KernelBackend;

/** A test-only provider that outranks every real backend and is never available. */
public final class UnavailableTestBackend implements BackendProvider {

    static final String NAME = "test-unavailable";
    static final String REASON = "this test backend is never available";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Availability availability() {
        return Availability.no(REASON);
    }

    @Override
    public KernelBackend create(BackendOptions options) {
        throw new BackendUnavailableException("backend '" + NAME + "' is unavailable: " + REASON);
    }
}
