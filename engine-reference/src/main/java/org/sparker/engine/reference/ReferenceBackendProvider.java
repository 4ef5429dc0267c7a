package org.sparker.engine.reference;

import org.sparker.engine.Availability;
import org.sparker.engine.BackendOptions;
import org.sparker.engine.BackendProvider;
import org.sparker.engine.KernelBackend;

/** Registers the scalar reference backend: always available, lowest priority. */
public final class ReferenceBackendProvider implements BackendProvider {

    @Override
    public String name() {
        return ReferenceBackend.NAME;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Availability availability() {
        return Availability.yes("scalar double-precision Java, single-threaded");
    }

    @Override
    public KernelBackend create(BackendOptions options) {
        return new ReferenceBackend();
    }
}
