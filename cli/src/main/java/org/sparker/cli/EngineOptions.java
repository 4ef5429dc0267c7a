package org.sparker.cli;

import org.sparker.app.Engine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of every command that draws random numbers: {@link ComputeOptions} and the seed. */
final class EngineOptions {

    @Mixin
    ComputeOptions compute;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of every random choice; same seed and backend, same numbers (default: ${DEFAULT-VALUE}).")
    long seed;

    /** The options as the application's {@link Engine}. */
    Engine engine() {
        return compute.engine(seed);
    }

    boolean quiet() {
        return compute.quiet.quiet;
    }

    int effectiveThreads() {
        return engine().effectiveThreads();
    }

    /** The name {@code auto} resolves to. */
    String resolvedName() {
        return engine().resolvedName();
    }
}
