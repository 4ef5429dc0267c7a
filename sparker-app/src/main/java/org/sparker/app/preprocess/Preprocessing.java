package org.sparker.app.preprocess;

import org.sparker.app.UserError;
import org.sparker.calibration.PoolBootstrap;
import org.sparker.calibration.ReferenceSplit;
import org.sparker.calibration.ToyUnits;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.TrainingSamples;

/**
 * What every sample goes through before training, as one step: a coordinate map ({@code --map},
 * or none), a projection onto the reference's first {@code K} principal axes ({@code --pca K}, or
 * none), hyperspherical coordinates about the reference's mean or the origin
 * ({@code --spherical}, or none), then a per-coordinate standardization ({@code --standardize},
 * the default). The projection, the centre and the standardization are fitted on the reference of
 * the test, and refitted in every calibration toy on the toy's own reference
 * ({@link PerToyStandardization}, {@link PerToyProjection}, {@link PerToySpherical}), so the toys
 * follow the test's procedure exactly. Scoring and evaluation apply the test's fitted step, which
 * {@code model.json} records.
 *
 * @param map the coordinate map, or {@code null} for none
 * @param pca the principal axes kept, or 0 for no projection
 * @param spherical the centre of hyperspherical coordinates, or {@code null} for none
 * @param standardize whether to standardize by the reference's per-coordinate mean and standard deviation
 */
public record Preprocessing(CoordinateMap map, int pca, Spherical.Center spherical, boolean standardize) {

    public Preprocessing {
        if (pca < 0) {
            throw new UserError("--pca: must be at least 1 (or left out), got " + pca);
        }
    }

    /** No hyperspherical coordinates. */
    public Preprocessing(CoordinateMap map, int pca, boolean standardize) {
        this(map, pca, null, standardize);
    }

    /** No projection, no hyperspherical coordinates. */
    public Preprocessing(CoordinateMap map, boolean standardize) {
        this(map, 0, null, standardize);
    }

    /** No map, no projection, standardization on: the default of {@code run} and {@code calibrate}. */
    public static Preprocessing defaults() {
        return new Preprocessing(null, true);
    }

    /** {@code --map} as the user wrote it ({@code null} for none) and {@code --standardize}. */
    public static Preprocessing of(String map, boolean standardize) {
        return of(map, null, standardize);
    }

    /** {@code --map} and {@code --pca} as the user wrote them ({@code null} for none) and {@code --standardize}. */
    public static Preprocessing of(String map, Integer pca, boolean standardize) {
        return of(map, pca, null, standardize);
    }

    /**
     * {@code --map}, {@code --pca} and {@code --spherical} as the user wrote them ({@code null} for
     * none) and {@code --standardize}.
     */
    public static Preprocessing of(String map, Integer pca, String spherical, boolean standardize) {
        if (pca != null && pca < 1) {
            throw new UserError("--pca: must be at least 1 (or left out), got " + pca);
        }
        int k = pca == null ? 0 : pca;
        Spherical.Center centre = null;
        if (spherical != null) {
            try {
                centre = Spherical.Center.parse(spherical);
            } catch (IllegalArgumentException e) {
                throw new UserError("--" + e.getMessage());
            }
        }
        if (map == null) {
            return new Preprocessing(null, k, centre, standardize);
        }
        try {
            return new Preprocessing(CoordinateMap.parse(map), k, centre, standardize);
        } catch (IllegalArgumentException e) {
            throw new UserError("--" + e.getMessage());
        }
    }

    /** The step refitted in every calibration toy, or {@code null} when there is none. */
    private ToyUnits perToy() {
        if (spherical != null) {
            return new PerToySpherical(pca, spherical, standardize);
        }
        if (pca > 0) {
            return new PerToyProjection(pca, standardize);
        }
        return standardize ? PerToyStandardization.INSTANCE : null;
    }

    /** The hyperspherical coordinates fitted on {@code reference} (named {@code what} in errors), or null. */
    private Spherical sphere(FloatMatrix reference, String what) {
        if (spherical == null) {
            return null;
        }
        try {
            return Spherical.fit(reference, spherical);
        } catch (IllegalArgumentException e) {
            throw new UserError("--" + e.getMessage().replaceFirst("^spherical: ", "spherical: " + what + ": "));
        }
    }

    /** The projection fitted on {@code reference} (named {@code what} in errors), or null without {@code --pca}. */
    private Projection projection(FloatMatrix reference, String what) {
        if (pca == 0) {
            return null;
        }
        try {
            return Projection.fit(reference, pca);
        } catch (IllegalArgumentException e) {
            throw new UserError("--" + e.getMessage().replaceFirst("^pca: ", "pca: " + what + ": "));
        }
    }

    /**
     * The step fitted on both samples taken together, for a permutation test (MMD-FUSE): units that
     * do not depend on which points are called reference keep the permutations exchangeable.
     */
    public Fitted fitPooled(FloatMatrix reference, String referenceName, FloatMatrix data, String dataName) {
        FloatMatrix r = Fitted.map(map, reference, referenceName);
        FloatMatrix d = Fitted.map(map, data, dataName);
        Projection p = projection(stacked(r, d), referenceName + " and " + dataName);
        if (p != null) {
            r = p.apply(r);
            d = p.apply(d);
        }
        Spherical sphere = sphere(stacked(r, d), referenceName + " and " + dataName);
        if (sphere != null) {
            r = sphere.apply(r);
            d = sphere.apply(d);
        }
        return new Fitted(map, p, sphere, standardize ? Standardization.of(r, d) : null);
    }

    private static FloatMatrix stacked(FloatMatrix a, FloatMatrix b) {
        float[] both = java.util.Arrays.copyOf(a.data(), Math.addExact(a.data().length, b.data().length));
        System.arraycopy(b.data(), 0, both, a.data().length, b.data().length);
        return FloatMatrix.wrap(both, a.rows() + b.rows(), a.cols());
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
        Projection p = projection(observed.reference(), referenceName);
        if (p != null) {
            observed = TrainingSamples.of(p.apply(observed.reference()), p.apply(observed.data()),
                    observed.referenceWeight());
        }
        Spherical sphere = sphere(observed.reference(), referenceName);
        if (sphere != null) {
            observed = TrainingSamples.of(sphere.apply(observed.reference()), sphere.apply(observed.data()),
                    observed.referenceWeight());
        }
        Standardization units = standardize ? Standardization.of(observed.reference()) : null;
        if (units != null) {
            observed = PerToyStandardization.apply(units, observed);
        }
        ToyUnits perToy = perToy();
        return new Prepared(perToy == null ? source : source.withUnits(perToy), observed,
                new Fitted(map, p, sphere, units));
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
        ToyUnits perToy = perToy();
        return perToy == null ? source : source.withUnits(perToy);
    }

    /**
     * The fitted step: a map (or none), a projection (or none), hyperspherical coordinates (or
     * none), then a standardization (or none).
     *
     * @param map the coordinate map, or {@code null}
     * @param projection the principal axes, or {@code null}
     * @param spherical the hyperspherical coordinates, or {@code null}
     * @param units the standardization, or {@code null}
     */
    public record Fitted(CoordinateMap map, Projection projection, Spherical spherical, Standardization units) {

        /** Nothing: points are used as they are. */
        public static final Fitted NONE = new Fitted(null, null, null, null);

        /** No hyperspherical coordinates. */
        public Fitted(CoordinateMap map, Projection projection, Standardization units) {
            this(map, projection, null, units);
        }

        /** No projection, no hyperspherical coordinates. */
        public Fitted(CoordinateMap map, Standardization units) {
            this(map, null, null, units);
        }

        /**
         * A point of the model's units back in the input's: the standardization undone, the
         * hyperspherical coordinates turned back into Cartesian ones, then the projection (to the
         * point's place in the kept subspace), then the map.
         */
        public double[] toInputUnits(double[] x) {
            double[] y = units == null ? x.clone() : units.toInputUnits(x);
            if (spherical != null) {
                y = spherical.toInputUnits(y);
            }
            if (projection != null) {
                y = projection.toInputUnits(y);
            }
            if (map != null) {
                for (int k = 0; k < y.length; k++) {
                    y[k] = map.inverse(y[k]);
                }
            }
            return y;
        }

        /** {@code x} (named {@code what} in errors) in the model's units: mapped, projected, then standardized. */
        public FloatMatrix apply(FloatMatrix x, String what) {
            FloatMatrix y = map(map, x, what);
            if (projection != null) {
                if (y.cols() != projection.inputDimension()) {
                    throw new UserError(what + ": has " + y.cols() + " columns, but the model's projection takes "
                            + projection.inputDimension());
                }
                y = projection.apply(y);
            }
            if (spherical != null) {
                if (y.cols() != spherical.dimension()) {
                    throw new UserError(what + ": has " + y.cols() + " columns, but the model's hyperspherical "
                            + "coordinates take " + spherical.dimension());
                }
                y = spherical.apply(y);
            }
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
