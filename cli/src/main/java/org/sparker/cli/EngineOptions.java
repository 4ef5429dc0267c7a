package org.sparker.cli;

import org.sparker.app.Engine;
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

    /** The options as the application's {@link Engine}, with progress bars or log lines unless quiet. */
    Engine engine() {
        return new Engine(backend, threads, seed, Progress.reporter(quiet));
    }

    int effectiveThreads() {
        return engine().effectiveThreads();
    }

    /** The backend, multi-threaded. */
    KernelBackend open() {
        return engine().open();
    }

    KernelBackend open(int withThreads) {
        return engine().open(withThreads);
    }

    /** The name {@code auto} resolves to. */
    String resolvedName() {
        return engine().resolvedName();
    }
}
