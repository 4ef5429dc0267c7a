package org.sparker.cli;

import org.sparker.app.Engine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of every command that computes: backend, threads, and {@code -q}. Quiet means
 * the same everywhere: no progress; the one-line result still goes to stdout and warnings to stderr.
 */
final class ComputeOptions {

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "${sys:sparker.backend:-auto}",
            description = "reference, simd, cuda or auto (default: ${DEFAULT-VALUE}).")
    String backend;

    @Mixin
    ThreadsOption threads;

    @Mixin
    QuietOption quiet;

    /** The options as the application's {@link Engine} with {@code seed}, progress bars or log lines unless quiet. */
    Engine engine(long seed) {
        return new Engine(backend, threads.threads, seed, Progress.reporter(quiet.quiet));
    }
}
