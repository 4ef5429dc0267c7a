package org.sparker.calibration;

import org.sparker.stats.Calibration;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.TrainingSamples;

/**
 * Calibration toys from a finite pool {@code P} of nominal points (docs/design.md §5): each toy draws,
 * without replacement, a pseudo-reference of {@code N_R*} points and a pseudo-data sample of
 * {@code N_D} points as disjoint random subsets of {@code P}, weighted {@code w_R}. The real test
 * must use a reference of the same size {@code N_R*}, the same {@code N_D} and the same {@code w_R}.
 * With {@link ToyUnits} (see {@link #withUnits}) the pool is in the input's units and every toy is
 * refitted on its own pseudo-reference, as the real test is on its reference.
 */
public final class PoolBootstrap implements ToySource {

    private final FloatMatrix pool;
    private final int referenceSize;
    private final int dataSize;
    private final double referenceWeight;
    private final ToyUnits units;

    public PoolBootstrap(FloatMatrix pool, int referenceSize, int dataSize, double referenceWeight) {
        this(pool, referenceSize, dataSize, referenceWeight, null);
    }

    /**
     * Toys from {@code pool}, each passed through {@code units} (fitted on the toy's reference), or
     * used as drawn when {@code units} is null.
     */
    public PoolBootstrap(FloatMatrix pool, int referenceSize, int dataSize, double referenceWeight, ToyUnits units) {
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
        this.units = units;
    }

    /** The same toys, each refitted by {@code units} on its pseudo-reference ({@code null}: none). */
    public PoolBootstrap withUnits(ToyUnits units) {
        return new PoolBootstrap(pool, referenceSize, dataSize, referenceWeight, units);
    }

    /** The per-toy step, or {@code null}. */
    public ToyUnits units() {
        return units;
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
        TrainingSamples toy = TrainingSamples.of(pool.selectRows(ref), pool.selectRows(data), referenceWeight);
        return units == null ? toy : units.apply(toy);
    }

    /**
     * As the default, copying only the chosen rows of the pool, not a whole toy; with per-toy
     * units the whole toy, since its points depend on its reference.
     */
    @Override
    public FloatMatrix estimationPoints(long index, UniformRandomProvider rng, int subset,
            UniformRandomProvider subsetRng) {
        if (units != null) {
            return ToySource.super.estimationPoints(index, rng, subset, subsetRng);
        }
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

    /**
     * What a calibration header records of a pool bootstrap.
     *
     * @param toy {@code pool-bootstrap}
     * @param poolSize the pool's rows
     * @param dimension its columns
     * @param poolChecksum a content hash of the pool, so a calibration is never reused with another pool
     * @param referenceSize each toy's reference size
     * @param dataSize each toy's data size
     * @param referenceWeight {@code w_R}
     * @param units how each toy is put in the test's units ({@link ToyUnits#describe}), or null: the pool's own
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Parameters(String toy, int poolSize, int dimension, String poolChecksum, int referenceSize,
            int dataSize, double referenceWeight, String units) implements ToyParameters {
    }

    @Override
    public Parameters parameters() {
        return new Parameters("pool-bootstrap", pool.rows(), pool.cols(), checksum(), referenceSize, dataSize,
                referenceWeight, units == null ? null : units.describe());
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
