package org.sparker.cli;

import org.sparker.app.Engine;
import picocli.CommandLine.Option;

/**
 * The options of every command that computes: backend, threads, and {@code -q}. Quiet means
 * the same everywhere: no progress; the one-line result still goes to stdout and warnings to stderr.
 */
final class ComputeOptions {

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "${sys:sparker.backend:-auto}",
            description = "reference, simd, cuda or auto (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Worker threads; 0 = all processors (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = {"-q", "--quiet"}, description = "No progress; the result line and warnings are still printed.")
    boolean quiet;

    /** The options as the application's {@link Engine} with {@code seed}, progress bars or log lines unless quiet. */
    Engine engine(long seed) {
        return new Engine(backend, threads, seed, Progress.reporter(quiet));
    }
}
