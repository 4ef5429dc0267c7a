package org.sparker.app.preprocess;

import org.sparker.app.UserError;
import org.sparker.calibration.PoolBootstrap;
import org.sparker.calibration.ReferenceSplit;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.TrainingSamples;

/**
 * What every sample goes through before training, as one step: a coordinate map ({@code --map},
 * or none), then a per-coordinate standardization ({@code --standardize}, the default) fitted on
 * the reference of the test, and refitted in every calibration toy on the toy's own reference
 * ({@link PerToyStandardization}), so the toys follow the test's procedure exactly. Scoring and
 * evaluation apply the test's fitted step, which {@code model.json} records.
 *
 * @param map the coordinate map, or {@code null} for none
 * @param standardize whether to standardize by the reference's per-coordinate mean and standard deviation
 */
public record Preprocessing(CoordinateMap map, boolean standardize) {

    /** No map, standardization on: the default of {@code run} and {@code calibrate}. */
    public static Preprocessing defaults() {
        return new Preprocessing(null, true);
    }

    /** {@code --map} as the user wrote it ({@code null} for none) and {@code --standardize}. */
    public static Preprocessing of(String map, boolean standardize) {
        if (map == null) {
            return new Preprocessing(null, standardize);
        }
        try {
            return new Preprocessing(CoordinateMap.parse(map), standardize);
        } catch (IllegalArgumentException e) {
            throw new UserError("--" + e.getMessage());
        }
    }

    /**
     * The step fitted on both samples taken together, for a permutation test (MMD-FUSE): units that
     * do not depend on which points are called reference keep the permutations exchangeable.
     */
    public Fitted fitPooled(FloatMatrix reference, String referenceName, FloatMatrix data, String dataName) {
        if (!standardize) {
            return new Fitted(map, null);
        }
        return new Fitted(map, Standardization.of(Fitted.map(map, reference, referenceName),
                Fitted.map(map, data, dataName)));
    }

    /**
     * A test prepared as Algorithm 1 runs it.
     *
     * @param source the calibration toys (refitted per toy when standardizing)
     * @param observed the real test's reference and data, in the model's units
     * @param units the step fitted on the real test's reference, for model.json and scoring
     */
    public record Prepared(PoolBootstrap source, TrainingSamples observed, Fitted units) {
    }

    /**
     * The test of {@code data} against {@code reference} and its calibration toys: mapped, then the
     * toys drawn from {@code pool} (or, when it is null, from the reference, which then also gives
     * the test its random {@code N_R − N_D} points: {@link ReferenceSplit}), then standardized, the
     * test on its reference and every toy on its own. The names are for errors.
     *
     * @throws IllegalArgumentException when the pool or reference cannot supply the toys
     */
    public Prepared prepare(FloatMatrix reference, String referenceName, FloatMatrix data, String dataName,
            FloatMatrix pool, String poolName, long seed) {
        Fitted mapOnly = new Fitted(map, null);
        FloatMatrix ref = mapOnly.apply(reference, referenceName);
        FloatMatrix d = mapOnly.apply(data, dataName);
        PoolBootstrap source;
        TrainingSamples observed;
        if (pool == null) {
            ReferenceSplit split = ReferenceSplit.of(ref, d, seed);
            source = split.source();
            observed = split.observed();
        } else {
            source = new PoolBootstrap(mapOnly.apply(pool, poolName), ref.rows(), d.rows(), (double) d.rows() / ref.rows());
            observed = TrainingSamples.of(ref, d, source.referenceWeight());
        }
        if (!standardize) {
            return new Prepared(source, observed, mapOnly);
        }
        Standardization units = Standardization.of(observed.reference());
        return new Prepared(source.withUnits(PerToyStandardization.INSTANCE), PerToyStandardization.apply(units, observed),
                new Fitted(map, units));
    }

    /**
     * The calibration toys alone ({@code sparker calibrate}), as {@link #prepare} makes them for a
     * data sample of {@code dataSize} points.
     *
     * @throws IllegalArgumentException when the pool or reference cannot supply the toys
     */
    public PoolBootstrap toys(FloatMatrix reference, String referenceName, FloatMatrix pool, String poolName,
            int dataSize) {
        Fitted mapOnly = new Fitted(map, null);
        FloatMatrix ref = mapOnly.apply(reference, referenceName);
        PoolBootstrap source = pool == null ? PoolBootstrap.forReferenceFile(ref, dataSize)
                : new PoolBootstrap(mapOnly.apply(pool, poolName), ref.rows(), dataSize, (double) dataSize / ref.rows());
        return standardize ? source.withUnits(PerToyStandardization.INSTANCE) : source;
    }

    /**
     * The fitted step: a map (or none), then a standardization (or none).
     *
     * @param map the coordinate map, or {@code null}
     * @param units the standardization, or {@code null}
     */
    public record Fitted(CoordinateMap map, Standardization units) {

        /** Nothing: points are used as they are. */
        public static final Fitted NONE = new Fitted(null, null);

        /** A point of the model's units back in the input's: the standardization undone, then the map. */
        public double[] toInputUnits(double[] x) {
            double[] y = units == null ? x.clone() : units.toInputUnits(x);
            if (map != null) {
                for (int k = 0; k < y.length; k++) {
                    y[k] = map.inverse(y[k]);
                }
            }
            return y;
        }

        /** {@code x} (named {@code what} in errors) in the model's units: mapped, then standardized. */
        public FloatMatrix apply(FloatMatrix x, String what) {
            FloatMatrix y = map(map, x, what);
            return units == null ? y : units.apply(y);
        }

        private static FloatMatrix map(CoordinateMap map, FloatMatrix x, String what) {
            if (map == null) {
                return x;
            }
            try {
                return map.apply(x, what);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }
    }
}
