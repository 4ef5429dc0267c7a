package org.sparker.app;

/**
 * Where a study tells its progress: the command line shows bars or log lines, tests stay
 * silent.
 */
public interface Reporter {

    /** A task of {@code total} units begins (a calibration, a training). */
    Task start(String task, long total);

    /** One line of news (a power just measured). */
    void line(String message);

    /** A running task. */
    interface Task extends AutoCloseable {
        /** {@code done} of the total units are finished. */
        void stepTo(long done);

        @Override
        void close();
    }

    /** What a {@link #of} reporter does at each step of a task. */
    @FunctionalInterface
    interface Steps {
        void step(String task, long done, long total);
    }

    /** Tells every step of every task to {@code steps}, and no lines. */
    static Reporter of(Steps steps) {
        return new Reporter() {
            @Override
            public Task start(String task, long total) {
                return new Task() {
                    @Override
                    public void stepTo(long done) {
                        steps.step(task, done, total);
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public void line(String message) {
            }
        };
    }

    /** Says nothing. */
    static Reporter silent() {
        return of((task, done, total) -> { });
    }
}
