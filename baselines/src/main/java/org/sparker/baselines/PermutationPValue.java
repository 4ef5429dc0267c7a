package org.sparker.baselines;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.sparker.sampling.Seeds;
import org.sparker.sampling.Stream;

/**
 * MMD-FUSE's permutation p-value: {@code B} uniformly random splits of the pooled points into X
 * and Y, in blocks of {@value #BLOCK} permutations with one seeded stream per block (so the
 * p-value does not depend on the thread count), counted against the observed statistic with the
 * unpermuted split included: {@code p = (1 + #{b : T_b ≥ T}) / (B + 1)}.
 */
final class PermutationPValue {

    /** Permutations per seeded block. */
    static final int BLOCK = 64;

    private PermutationPValue() {
    }

    /**
     * @param table the features of the {@code total} pooled points
     * @param n the size of Y
     * @param observed the unpermuted fused statistic
     * @param b permutations
     * @param threads threads
     * @param seed the evaluation seed; block {@code k} draws from {@link Stream#MMD_PERMUTATIONS} member {@code k}
     */
    static double pValue(FeatureTable table, int total, int n, double observed, int b, int threads, long seed) {
        int pairs = table.pairs();
        int width = table.width();
        double[] permuted = new double[b];
        int blocks = (b + BLOCK - 1) / BLOCK;
        int workers = Math.min(threads, blocks);
        Runnable[] work = new Runnable[blocks];
        for (int blk = 0; blk < blocks; blk++) {
            int from = blk * BLOCK;
            int to = Math.min(b, from + BLOCK);
            long blockSeed = Stream.MMD_PERMUTATIONS.seed(seed, blk);
            work[blk] = () -> {
                UniformRandomProvider rng = Seeds.stream(blockSeed);
                int[] index = PermutationSampler.natural(total);
                int[] ys = new int[n];
                double[] sy = new double[width];
                double[] qy = new double[pairs];
                double[] unused = new double[pairs];
                for (int j = from; j < to; j++) {
                    // a uniformly random n-subset of the pooled points: a partial Fisher–Yates shuffle
                    for (int i = 0; i < n; i++) {
                        int swap = i + rng.nextInt(total - i);
                        int t = index[i];
                        index[i] = index[swap];
                        index[swap] = t;
                        ys[i] = index[i];
                    }
                    permuted[j] = table.fused(ys, unused, sy, qy);
                }
            };
        }
        run(work, workers);
        int atLeast = 1; // the unpermuted statistic itself
        for (double t : permuted) {
            if (t >= observed) {
                atLeast++;
            }
        }
        return atLeast / (double) (b + 1);
    }

    private static void run(Runnable[] work, int threads) {
        if (threads <= 1) {
            for (Runnable r : work) {
                r.run();
            }
            return;
        }
        ExecutorService ex = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sparker-mmd-fuse");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (Runnable r : work) {
                fs.add(ex.submit(r));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("mmd-fuse interrupted", e);
        } finally {
            ex.shutdownNow();
        }
    }
}
