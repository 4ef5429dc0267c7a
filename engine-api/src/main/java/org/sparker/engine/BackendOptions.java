package org.sparker.engine;

/**
 * Construction options every backend understands.
 *
 * @param threads worker threads for multi-threaded backends; 0 means one per available
 *     processor. Single-threaded backends ignore it.
 */
public record BackendOptions(int threads) {

    /** System property read by {@link #defaults()} for the thread count. */
    public static final String THREADS_PROPERTY = "sparker.threads";

    public BackendOptions {
        if (threads < 0) {
            throw new IllegalArgumentException("threads: must be ≥ 0 (0 = all processors), got " + threads);
        }
    }

    /** Threads from the {@code sparker.threads} system property, else all processors. */
    public static BackendOptions defaults() {
        String p = System.getProperty(THREADS_PROPERTY);
        if (p == null || p.isBlank()) {
            return new BackendOptions(0);
        }
        try {
            return new BackendOptions(Integer.parseInt(p.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(THREADS_PROPERTY + ": expected a whole number, got '" + p + "'");
        }
    }

    /** The thread count to use: {@link #threads()} or, when 0, the available processors. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
