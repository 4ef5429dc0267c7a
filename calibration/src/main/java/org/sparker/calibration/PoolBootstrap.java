package org.sparker.calibration;

import org.sparker.stats.Calibration;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.TrainingSamples;

/**
 * Calibration toys from a finite pool {@code P} of nominal points (docs/design.md §5): each toy draws,
 * without replacement, a pseudo-reference of {@code N_R*} points and a pseudo-data sample of
 * {@code N_D} points as disjoint random subsets of {@code P}, weighted {@code w_R}. The real test
 * must use a reference of the same size {@code N_R*}, the same {@code N_D} and the same {@code w_R}.
 */
public final class PoolBootstrap implements ToySource {

    private final FloatMatrix pool;
    private final int referenceSize;
    private final int dataSize;
    private final double referenceWeight;

    public PoolBootstrap(FloatMatrix pool, int referenceSize, int dataSize, double referenceWeight) {
        if (referenceSize < 1 || dataSize < 1) {
            throw new IllegalArgumentException("pool bootstrap: N_R* and N_D must be ≥ 1, got " + referenceSize
                    + " and " + dataSize);
        }
        if ((long) referenceSize + dataSize > pool.rows()) {
            throw new IllegalArgumentException("pool bootstrap: the pool has " + pool.rows()
                    + " points, fewer than N_R* + N_D = " + ((long) referenceSize + dataSize)
                    + "; a toy's reference and data must be disjoint");
        }
        pool.requireFinite("pool");
        this.pool = pool;
        this.referenceSize = referenceSize;
        this.dataSize = dataSize;
        this.referenceWeight = referenceWeight;
    }

    /** Toys for testing {@code dataSize} points against the rest of the pool: {@code N_R* = |P| − N_D}, {@code w_R = N_D / N_R*}. */
    public static PoolBootstrap forReferenceFile(FloatMatrix pool, int dataSize) {
        int nRef = pool.rows() - dataSize;
        return new PoolBootstrap(pool, nRef, dataSize, (double) dataSize / nRef);
    }

    @Override
    public TrainingSamples sample(long index, UniformRandomProvider rng) {
        int[] chosen = new PermutationSampler(rng, pool.rows(), referenceSize + dataSize).sample();
        int[] ref = java.util.Arrays.copyOfRange(chosen, 0, referenceSize);
        int[] data = java.util.Arrays.copyOfRange(chosen, referenceSize, chosen.length);
        return TrainingSamples.of(pool.selectRows(ref), pool.selectRows(data), referenceWeight);
    }

    /** As the default, copying only the chosen rows of the pool, not a whole toy. */
    @Override
    public FloatMatrix estimationPoints(long index, UniformRandomProvider rng, int subset,
            UniformRandomProvider subsetRng) {
        int[] chosen = new PermutationSampler(rng, pool.rows(), referenceSize + dataSize).sample();
        int n = chosen.length; // reference rows then data rows, as sample() splits them
        int s = Math.min(n, Math.max(2, subset));
        int[] rows = s == n ? PermutationSampler.natural(n) : new PermutationSampler(subsetRng, n, s).sample();
        int[] poolRows = new int[s];
        for (int i = 0; i < s; i++) {
            poolRows[i] = chosen[rows[i]];
        }
        return pool.selectRows(poolRows);
    }

    /** The pool the toys are drawn from. */
    public FloatMatrix pool() {
        return pool;
    }

    public int referenceSize() {
        return referenceSize;
    }

    public int dataSize() {
        return dataSize;
    }

    public double referenceWeight() {
        return referenceWeight;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("toy", "pool-bootstrap");
        p.put("pool_size", pool.rows());
        p.put("dimension", pool.cols());
        p.put("pool_checksum", checksum());
        p.put("reference_size", referenceSize);
        p.put("data_size", dataSize);
        p.put("reference_weight", referenceWeight);
        return p;
    }

    /** A content hash of the pool, so a calibration file is never reused with another pool. */
    private String checksum() {
        long h = 0xcbf29ce484222325L;
        for (float v : pool.data()) {
            h ^= Float.floatToIntBits(v);
            h *= 0x100000001b3L;
        }
        return Long.toHexString(h);
    }
}
