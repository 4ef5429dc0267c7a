package org.sparker.cli;

import org.sparker.engine.BackendOptions;
import org.sparker.engine.BackendUnavailableException;
import org.sparker.engine.Backends;
import org.sparker.engine.KernelBackend;
import picocli.CommandLine.Option;

/** Options every compute command shares: backend, threads, seed, quiet. */
final class EngineOptions {

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "${sys:sparker.backend:-auto}",
            description = "reference, simd, cuda or auto (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Worker threads; 0 = all processors (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of every random choice; same seed and backend, same numbers (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    int effectiveThreads() {
        if (threads < 0) {
            throw new UserError("--threads must be ≥ 0, got " + threads);
        }
        return new BackendOptions(threads).effectiveThreads();
    }

    /** The backend, multi-threaded. */
    KernelBackend open() {
        return open(effectiveThreads());
    }

    KernelBackend open(int withThreads) {
        try {
            return Backends.get(backend, new BackendOptions(withThreads));
        } catch (BackendUnavailableException | IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** The name {@code auto} resolves to. */
    String resolvedName() {
        try {
            return Backends.provider(backend).name();
        } catch (BackendUnavailableException | IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }
}
