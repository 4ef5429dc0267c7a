package org.sparker.cli;

import org.sparker.app.UserError;
import org.sparker.engine.BackendOptions;
import picocli.CommandLine.Option;

/** {@code --threads}: worker threads, 0 for every processor. */
final class ThreadsOption {

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Worker threads; 0 = all processors (default: ${DEFAULT-VALUE}).")
    int threads;

    /** The threads, 0 resolved to the processors. */
    int effective() {
        if (threads < 0) {
            throw new UserError("--threads must be ≥ 0 (0 = all processors), got " + threads);
        }
        return new BackendOptions(threads).effectiveThreads();
    }
}
