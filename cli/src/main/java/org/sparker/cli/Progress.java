package org.sparker.cli;

import java.io.PrintStream;
import java.util.Locale;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.sparker.app.Reporter;

/**
 * Progress on stderr: a progress bar (with ETA) on a terminal, a plain log line every 10% when
 * stderr is not a terminal, nothing with {@code --quiet}.
 */
final class Progress implements AutoCloseable {

    private final String task;
    private final long total;
    private final ProgressBar bar;
    private final PrintStream log;
    private final long started = System.nanoTime();
    private long done;
    private int lastDecile = -1;

    private Progress(String task, long total, ProgressBar bar, PrintStream log) {
        this.task = task;
        this.total = total;
        this.bar = bar;
        this.log = log;
    }

    static Progress start(String task, long total, boolean quiet) {
        if (quiet) {
            return new Progress(task, total, null, null);
        }
        if (interactive()) {
            ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
            return new Progress(task, total, bar, null);
        }
        return new Progress(task, total, null, System.err);
    }

    /**
     * Whether a person is watching: a console that is a terminal. Since JDK 22 a console exists
     * even when redirected, and {@code isTerminal()} tells; on 21 a console exists only then.
     */
    private static boolean interactive() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** The studies' {@link Reporter}: bars or log lines on stderr, nothing when quiet. */
    static Reporter reporter(boolean quiet) {
        return new Reporter() {
            @Override
            public Task start(String task, long total) {
                Progress p = Progress.start(task, total, quiet);
                return new Task() {
                    @Override
                    public void stepTo(long done) {
                        p.stepTo(done);
                    }

                    @Override
                    public void close() {
                        p.close();
                    }
                };
            }

            @Override
            public void line(String message) {
                if (!quiet) {
                    System.err.println(message);
                }
            }
        };
    }

    synchronized void step(long n) {
        done += n;
        if (bar != null) {
            bar.stepTo(done);
        } else if (log != null && total > 0) {
            int decile = (int) (10 * done / total);
            if (decile > lastDecile) {
                lastDecile = decile;
                double s = (System.nanoTime() - started) / 1e9;
                log.printf(Locale.ROOT, "%s: %d/%d (%d%%) after %.1f s%n", task, done, total, 10 * decile, s);
            }
        }
    }

    synchronized void stepTo(long n) {
        step(n - done);
        if (task.startsWith("calibration") && n >= holdAfter) {
            hold();
        }
    }

    /**
     * For the kill test only (set by its child process's main, never by the command line): a
     * calibration stops here once this many toys are on disk, so the test kills it at a known point.
     */
    static volatile long holdAfter = Long.MAX_VALUE;

    private static void hold() {
        while (true) {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
