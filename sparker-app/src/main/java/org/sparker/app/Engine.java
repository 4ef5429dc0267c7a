package org.sparker.app;

import org.sparker.engine.BackendOptions;
import org.sparker.engine.BackendUnavailableException;
import org.sparker.engine.Backends;
import org.sparker.engine.KernelBackend;

/**
 * How a workflow computes: the backend by name ({@code auto}, {@code reference}, {@code simd},
 * {@code cuda}), the worker threads (0 = every processor), the master seed of every random
 * choice, and where progress goes.
 *
 * @param backend the backend's name
 * @param threads worker threads, 0 for all processors
 * @param seed the master seed
 * @param reporter progress of calibrations and trainings ({@link Reporter#silent()} for none)
 */
public record Engine(String backend, int threads, long seed, Reporter reporter) {

    public Engine {
        if (backend == null || backend.isBlank()) {
            throw new UserError("--backend: missing");
        }
        if (threads < 0) {
            throw new UserError("--threads must be ≥ 0, got " + threads);
        }
        if (reporter == null) {
            reporter = Reporter.silent();
        }
    }

    /** {@code auto} on all processors, seed 1, silent: the defaults of every command. */
    public static Engine defaults() {
        return new Engine("auto", 0, 1, Reporter.silent());
    }

    /** The same engine with another seed. */
    public Engine withSeed(long newSeed) {
        return new Engine(backend, threads, newSeed, reporter);
    }

    /** The worker threads, 0 resolved to the processors. */
    public int effectiveThreads() {
        return new BackendOptions(threads).effectiveThreads();
    }

    /** The backend with every worker thread: for one training at a time. */
    public KernelBackend open() {
        return open(effectiveThreads());
    }

    /** The backend with {@code withThreads} threads (1 for calibration toys, which run side by side). */
    public KernelBackend open(int withThreads) {
        try {
            return Backends.get(backend, new BackendOptions(withThreads));
        } catch (BackendUnavailableException | IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** The registered name {@code backend} stands for ({@code auto} resolved). */
    public String resolvedName() {
        try {
            return Backends.provider(backend).name();
        } catch (BackendUnavailableException | IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }
}
