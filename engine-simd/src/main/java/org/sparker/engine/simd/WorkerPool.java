package org.sparker.engine.simd;

import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SIMD backend's threads: work comes as numbered blocks, handed out in order from one
 * counter, each worker with its own {@link Workspace}. The calling thread is one of the workers,
 * so a step on {@code T} threads wakes only {@code T − 1} others. Which worker runs a block does
 * not change any result: each block writes its own partial sums, reduced later in block order.
 */
final class WorkerPool implements AutoCloseable {

    /** What runs for one block. */
    @FunctionalInterface
    interface BlockTask {
        void run(int block, Workspace ws);
    }

    private final int threads;
    private final ExecutorService helpers;
    private Workspace[] workspaces = new Workspace[0];

    /** {@code threads} workers: the caller and {@code threads − 1} daemon threads. */
    WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: must be ≥ 1, got " + threads);
        }
        this.threads = threads;
        this.helpers = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "sparker-simd");
            t.setDaemon(true);
            return t;
        });
    }

    int threads() {
        return threads;
    }

    /** Runs {@code task} for blocks {@code 0 … blocks−1} on up to all workers; rethrows the first failure. */
    void run(int blocks, Params q, BlockTask task) {
        int workers = Math.max(1, Math.min(threads, blocks));
        ensureWorkspaces(workers, q);
        runOn(workers, blocks, task);
    }

    /**
     * Runs {@code task} for blocks {@code 0 … blocks−1} for work that keeps its own scratch (the
     * workspaces are handed over as they are, not resized for a model).
     */
    void run(int blocks, BlockTask task) {
        int workers = Math.max(1, Math.min(threads, blocks));
        ensureWorkspaces(workers, null);
        runOn(workers, blocks, task);
    }

    private void runOn(int workers, int blocks, BlockTask task) {
        if (workers == 1) {
            for (int b = 0; b < blocks; b++) {
                task.run(b, workspaces[0]);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Future<?>[] others = new Future<?>[workers - 1];
        for (int j = 1; j < workers; j++) {
            Workspace ws = workspaces[j];
            others[j - 1] = helpers.submit(() -> drain(next, blocks, task, ws));
        }
        RuntimeException failure = null;
        try {
            drain(next, blocks, task, workspaces[0]);
        } catch (RuntimeException e) {
            failure = e;
            next.set(blocks); // the others stop at their next block
        }
        for (Future<?> f : others) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("simd backend interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable c = e.getCause();
                if (failure == null) {
                    failure = c instanceof RuntimeException re ? re : new IllegalStateException(c);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void drain(AtomicInteger next, int blocks, BlockTask task, Workspace ws) {
        for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
            task.run(b, ws);
        }
    }

    private void ensureWorkspaces(int workers, Params q) {
        if (workspaces.length < workers) {
            Workspace[] grown = Arrays.copyOf(workspaces, workers);
            for (int j = workspaces.length; j < workers; j++) {
                grown[j] = new Workspace();
            }
            workspaces = grown;
        }
        if (q != null) {
            for (int j = 0; j < workers; j++) {
                workspaces[j].ensure(q.m(), q.d());
            }
        }
    }

    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdownNow();
        }
    }
}
