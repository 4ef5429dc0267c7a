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

    /** Says nothing. */
    static Reporter silent() {
        return new Reporter() {
            @Override
            public Task start(String task, long total) {
                return new Task() {
                    @Override
                    public void stepTo(long done) {
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
}
