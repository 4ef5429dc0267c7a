package org.sparker.calibration;

import org.sparker.stats.Calibration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.sparker.engine.KernelBackend;
import org.sparker.engine.TrainingSamples;
import org.sparker.sampling.Seeds;

/**
 * Runs calibration toys (Algorithm 1, lines 1–6) of any {@link TestStatistic} in parallel and keeps them in a
 * {@link CalibrationFile}: each finished toy is on disk before the next is reported, an
 * interrupted run resumes with only the missing toys, and a calibration can be extended to more
 * toys later. Toy {@code k} draws its samples and its initial centres from streams derived from
 * the master seed and {@code k} alone, so results do not depend on scheduling, thread count or
 * interruptions.
 */
public final class CalibrationRunner {

    private static final System.Logger LOG = System.getLogger(CalibrationRunner.class.getName());

    private final ToyExecutor executor;

    /**
     * Toys on this machine's threads.
     *
     * @param backends makes one backend per worker (closed at the end of the run)
     * @param workers number of toys trained at once
     */
    public CalibrationRunner(Supplier<KernelBackend> backends, int workers) {
        this(new LocalToys(backends, workers));
    }

    /** Toys wherever {@code executor} trains them. */
    public CalibrationRunner(ToyExecutor executor) {
        this.executor = executor;
    }

    /** Evaluates toy {@code k} of {@code spec} on {@code backend}. */
    public static ToyResult runToy(CalibrationSpec spec, int k, KernelBackend backend) {
        long seed = spec.toySeed(k);
        TrainingSamples samples = spec.source().sample(k, Seeds.stream(seed));
        return new ToyResult(k, seed, spec.test().evaluate(backend, samples, spec.trainingSeed(k)));
    }

    /**
     * Makes sure {@code file} holds toys {@code 0 … toys−1} of {@code spec}, running only the
     * missing ones, and returns them as a calibration.
     *
     * @throws IllegalArgumentException if the file was made with another configuration
     */
    public Calibration run(CalibrationSpec spec, int toys, Path file, CalibrationListener listener) throws IOException {
        return run(spec, toys, file, listener, 0, 1);
    }

    /**
     * Shard {@code shard} of {@code shards}: makes sure {@code file} holds the toys
     * {@code k < toys} with {@code k ≡ shard (mod shards)}, for a batch system's array job;
     * {@link CalibrationFile#merge} joins the shard files. Returns the whole calibration when
     * {@code shards == 1}, else {@code null} (a shard alone is not one).
     */
    public Calibration run(CalibrationSpec spec, int toys, Path file, CalibrationListener listener, int shard,
            int shards) throws IOException {
        if (shards < 1 || shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("shard: expected i/n with 0 ≤ i < n, got " + shard + "/" + shards);
        }
        if (toys < 2) {
            throw new IllegalArgumentException("toys: a calibration needs at least 2 toys, got " + toys);
        }
        String backendName = executor.backend();
        CalibrationFile out = CalibrationFile.open(file, spec, backendName, toys,
                shards == 1 ? null : shard + "/" + shards);
        boolean discard = false;
        try {
            if (!out.backend().equals(backendName)) {
                LOG.log(Level.WARNING, "{0} was started with backend {1}; continuing with {2}", file, out.backend(),
                        backendName);
            }
            Map<Integer, ToyResult> have = out.toys();
            List<Integer> pending = new ArrayList<>();
            int mine = 0;
            for (int k = 0; k < toys; k++) {
                if (k % shards == shard) {
                    mine++;
                    if (!have.containsKey(k)) {
                        pending.add(k);
                    }
                }
            }
            int[] finished = {(int) have.keySet().stream().filter(k -> k < toys).count()};
            int total = mine;
            if (!pending.isEmpty()) {
                executor.run(spec, pending, r -> {
                    out.append(r);
                    listener.onToy(++finished[0], total, r);
                });
            }
            out.canonicalize();
            return shards == 1 ? out.calibration(toys) : null;
        } catch (org.sparker.engine.train.TrainingDivergedException | ArithmeticException e) {
            // a setting that fails (a diverged training, a baseline fit that cannot proceed) fails
            // again when rerun: if this command made the file, leave nothing that would block the
            // corrected command. Any other failure (an interruption, a full disk) keeps the toys.
            discard = out.created();
            throw e;
        } catch (RuntimeException | Error e) {
            // any other failure keeps the toys; a file this command made that holds none is left out
            discard = out.created() && out.toys().isEmpty();
            throw e;
        } finally {
            if (discard) {
                out.discard();
            } else {
                out.close();
            }
        }
    }

    /**
     * Runs toys {@code 0 … toys−1} of {@code spec} without a file, for callers that keep the
     * calibration in memory (nothing to resume from: an interruption loses the toys). The same
     * toys, in the same order, as {@link #run} writes.
     */
    public Calibration runInMemory(CalibrationSpec spec, int toys, CalibrationListener listener) throws IOException {
        if (toys < 2) {
            throw new IllegalArgumentException("toys: a calibration needs at least 2 toys, got " + toys);
        }
        java.util.TreeMap<Integer, double[]> results = new java.util.TreeMap<>();
        List<Integer> all = new ArrayList<>();
        for (int k = 0; k < toys; k++) {
            all.add(k);
        }
        int[] finished = {0};
        executor.run(spec, all, r -> {
            results.put(r.toy(), r.statistics());
            listener.onToy(++finished[0], toys, r);
        });
        return new Calibration(spec.widths(), new ArrayList<>(results.values()));
    }

    /** Toys side by side on this machine: {@code workers} threads, one backend each. */
    private record LocalToys(Supplier<KernelBackend> backends, int workers) implements ToyExecutor {

        LocalToys {
            if (workers < 1) {
                throw new IllegalArgumentException("workers: need at least 1, got " + workers);
            }
        }

        @Override
        public String backend() {
            try (KernelBackend probe = backends.get()) {
                return probe.name();
            }
        }

        @Override
        public void run(CalibrationSpec spec, List<Integer> pending, Sink out) throws IOException {
            int[] finished = {0};
            int threads = Math.min(workers, pending.size());
            BlockingQueue<KernelBackend> pool = new ArrayBlockingQueue<>(threads);
            ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "sparker-calibration");
                t.setDaemon(true);
                return t;
            });
            try {
                for (int i = 0; i < threads; i++) {
                    pool.add(backends.get());
                }
                List<Future<?>> futures = new ArrayList<>();
                java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
                for (int k : pending) {
                    futures.add(executor.submit(() -> {
                        if (stop.get()) {
                            return null; // another toy failed or a listener stopped the run: start nothing new
                        }
                        KernelBackend backend = pool.take();
                        try {
                            ToyResult r = runToy(spec, k, backend);
                            synchronized (finished) {
                                if (stop.get()) {
                                    return null; // finished after the run was stopped: not recorded
                                }
                                try {
                                    out.accept(r);
                                    finished[0]++;
                                } catch (IOException | RuntimeException | Error e) {
                                    stop.set(true); // under the lock: no other toy is recorded after this one
                                    throw e;
                                }
                            }
                        } catch (IOException | RuntimeException | Error e) {
                            stop.set(true);
                            throw e;
                        } finally {
                            pool.add(backend);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    try {
                        f.get();
                    } catch (ExecutionException e) {
                        futures.forEach(x -> x.cancel(true));
                        Throwable c = e.getCause();
                        if (c instanceof IOException io) {
                            throw io;
                        }
                        if (c instanceof RuntimeException re) {
                            throw re;
                        }
                        if (c instanceof Error err) {
                            throw err;
                        }
                        throw new UncheckedIOException(new IOException(c));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        futures.forEach(x -> x.cancel(true));
                        throw new IOException("calibration interrupted; run again to resume", e);
                    }
                }
            } finally {
                executor.shutdownNow();
                try {
                    executor.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                pool.forEach(KernelBackend::close);
            }
        }
    }
}
