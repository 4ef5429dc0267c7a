package org.sparker.app.preprocess;

import org.sparker.app.UserError;
import org.sparker.engine.FloatMatrix;

/**
 * What every sample goes through before training, as one step: a coordinate map ({@code --map},
 * or none), then a per-coordinate standardization fitted on the (mapped) reference
 * ({@code --standardize}, the default). Calibration toys, the observed test, scoring and
 * evaluation all apply the same fitted step; {@code model.json} records it.
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

    /** The step fitted on {@code reference} (named {@code what} in errors): the map, then its units. */
    public Fitted fit(FloatMatrix reference, String what) {
        FloatMatrix mapped = Fitted.map(map, reference, what);
        return new Fitted(map, standardize ? Standardization.of(mapped) : null);
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
