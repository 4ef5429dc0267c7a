package org.sparker.app.io;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.sparker.app.UserError;
import org.sparker.app.preprocess.CoordinateMap;
import org.sparker.app.preprocess.Preprocessing;
import org.sparker.app.preprocess.Projection;
import org.sparker.app.preprocess.Spherical;
import org.sparker.app.preprocess.Standardization;
import org.sparker.calibration.IoErrors;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.KernelModel;

/**
 * The model file, {@code model.json}:
 *
 * <pre>{@code
 * {"format": "sparker-model", "version": 2,
 *  "sigma": s, "centers": [[...], ...], "amplitudes": [...], "softmax": true,
 *  "map": "phi",                                        (when a coordinate map was applied)
 *  "projection": {"mean": [...], "axes": [[...], ...]},  (--pca K: K principal axes; version 3)
 *  "spherical": {"center": [...]},                      (--spherical: hyperspherical coordinates; version 4)
 *  "standardization": {"mean": [...], "scale": [...]},   (when the inputs were standardized)
 *  "centers_in_input_units": [[...], ...],               (the centres back in the input's units)
 *  "checkpoint": j, "checkpoints": [{"checkpoint": 1, "sigma": …, "centers": …, "amplitudes": …}, …]}
 * }</pre>
 *
 * The model's centres and σ are in the units after the map, the projection, the hyperspherical
 * coordinates and the standardization; scoring applies all four first. A file with hyperspherical
 * coordinates is version 4, one with a projection and without them version 3 (a sparker that
 * reads only earlier versions refuses either by its version); one with neither is still written
 * as version 2. A file without {@code format} and {@code version} (one written by hand, or
 * by a version of the tool before the format was named) is read as version 1, which has the same
 * keys. Reading is strict: unknown or duplicate keys, trailing content, strings for numbers, and
 * unusable values are one-line errors naming the file and the key.
 */
public final class ModelFiles {

    /** The {@code format} of a model file. */
    public static final String FORMAT = "sparker-model";
    /** The newest version this tool writes: a file with hyperspherical coordinates. */
    public static final int VERSION = 4;
    /** The version of a file with a projection and without hyperspherical coordinates. */
    static final int VERSION_WITH_PROJECTION = 3;
    /** The version of a file without either: what sparker wrote before {@code --pca}. */
    static final int VERSION_WITHOUT_PROJECTION = 2;

    /**
     * A model and what its inputs go through first: a coordinate map ({@code "map"}, e.g.
     * {@code phi}; {@code null} for none), a projection (or none), hyperspherical coordinates (or
     * none), then a standardization (or none).
     */
    public record ModelFile(KernelModel model, Standardization standardization, CoordinateMap map,
            Projection projection, Spherical spherical) {

        /** {@code x} in the model's units: mapped, projected, then standardized. */
        public FloatMatrix toModelUnits(FloatMatrix x, String what) {
            return preprocessing().apply(x, what);
        }

        /** The preprocessing recorded with the model. */
        public Preprocessing.Fitted preprocessing() {
            return new Preprocessing.Fitted(map, projection, spherical, standardization);
        }

        /** The dimension of the points the model scores: the projection's input, or the model's own. */
        public int inputDimension() {
            return projection != null ? projection.inputDimension() : model.dimension();
        }
    }

    /** The per-coordinate units of a standardization, as the file holds them. */
    public record Units(double[] mean, double[] scale) {
    }

    /** The principal axes of {@code --pca}, as the file holds them: the reference's mean and K unit axes. */
    public record Axes(double[] mean, double[][] axes) {
    }

    /** The hyperspherical coordinates of {@code --spherical}, as the file holds them: their centre. */
    public record Sphere(double[] center) {
    }

    /** One checkpoint's model in the file's {@code checkpoints} list. */
    public record Checkpoint(Integer checkpoint, Double sigma, double[][] centers, double[] amplitudes) {
    }

    /** The file's content; {@link #of} makes it, {@link #read} checks it. Absent entries are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Document(String format, Integer version, Double sigma, double[][] centers, double[] amplitudes,
            Boolean softmax, String map, Axes projection, Sphere spherical, Units standardization,
            double[][] centersInInputUnits,
            Integer checkpoint, List<Checkpoint> checkpoints) {
    }

    private ModelFiles() {
    }

    /**
     * The model as result.json embeds it ({@code format}, {@code version} and the checkpoint list
     * left out), with the preprocessing it was trained after and its checkpoint number (or null).
     */
    public static Document embedded(KernelModel model, Preprocessing.Fitted units, Integer checkpoint) {
        double[][] centers = centers(model);
        Units u = units.units() == null ? null : new Units(units.units().mean(), units.units().scale());
        Axes a = units.projection() == null ? null : new Axes(units.projection().mean(), units.projection().axes());
        Sphere s = units.spherical() == null ? null : new Sphere(units.spherical().center());
        double[][] input = null;
        if (units.units() != null || units.projection() != null || units.spherical() != null) {
            input = new double[model.kernels()][];
            for (int i = 0; i < model.kernels(); i++) {
                input[i] = beforeMap(units.units(), units.projection(), units.spherical(), model.center(i));
            }
        }
        return new Document(null, null, model.width(), centers, model.amplitudes(), model.softmax(),
                units.map() == null ? null : units.map().name(), a, s, u, input, checkpoint, null);
    }

    /** The model file of {@code model} (checkpoint {@code checkpoint} of {@code all}, numbered from 1). */
    public static Document file(KernelModel model, Preprocessing.Fitted units, int checkpoint, List<KernelModel> all) {
        Document e = embedded(model, units, checkpoint);
        List<Checkpoint> every = new ArrayList<>();
        for (int j = 0; j < all.size(); j++) {
            KernelModel m = all.get(j);
            every.add(new Checkpoint(j + 1, m.width(), centers(m), m.amplitudes()));
        }
        int version = e.spherical() != null ? VERSION
                : e.projection() != null ? VERSION_WITH_PROJECTION : VERSION_WITHOUT_PROJECTION;
        return new Document(FORMAT, version, e.sigma(),
                e.centers(), e.amplitudes(), e.softmax(), e.map(), e.projection(), e.spherical(), e.standardization(),
                e.centersInInputUnits(), e.checkpoint(), every);
    }

    /**
     * A centre in the units before the map: the standardization undone, the hyperspherical
     * coordinates turned back into Cartesian ones, then its place in the projection's subspace.
     */
    private static double[] beforeMap(Standardization units, Projection projection, Spherical spherical,
            double[] center) {
        return new Preprocessing.Fitted(null, projection, spherical, units).toInputUnits(center);
    }

    private static double[][] centers(KernelModel model) {
        double[][] c = new double[model.kernels()][];
        for (int i = 0; i < model.kernels(); i++) {
            c[i] = model.center(i);
        }
        return c;
    }

    /** The model a file shows. */
    public static ModelFile read(Path file) {
        return read(file, null);
    }

    /**
     * The model of checkpoint {@code checkpoint} (from 1) of a file that lists every checkpoint's
     * model ({@code "checkpoints"}, as {@code run} writes), or the file's own model when
     * {@code checkpoint} is null.
     */
    public static ModelFile read(Path file, Integer checkpoint) {
        Document d = parse(file);
        if (d.format() != null && !d.format().equals(FORMAT)) {
            throw new UserError(file + ": \"format\" is \"" + d.format() + "\", not a " + FORMAT + " file");
        }
        if (d.version() != null && (d.version() < 1 || d.version() > VERSION)) {
            throw new UserError(file + ": model file version " + d.version() + "; this sparker reads versions 1 to "
                    + VERSION + (d.version() > VERSION ? " (a newer sparker wrote it)" : ""));
        }
        Double sigma = d.sigma();
        double[][] centers = d.centers();
        double[] amplitudes = d.amplitudes();
        if (checkpoint != null) {
            if (d.checkpoints() == null) {
                throw new UserError(file + ": has no \"checkpoints\" list to choose checkpoint " + checkpoint
                        + " from (run writes one)");
            }
            Checkpoint chosen = null;
            for (int j = 0; j < d.checkpoints().size(); j++) {
                Checkpoint c = d.checkpoints().get(j);
                if (c == null || c.checkpoint() == null || c.checkpoint() != j + 1) {
                    throw new UserError(file + ": checkpoints[" + j + "] must have \"checkpoint\": " + (j + 1));
                }
                if (c.checkpoint() == (int) checkpoint) {
                    chosen = c;
                }
            }
            if (chosen == null) {
                throw new UserError(file + ": has checkpoints 1 to " + d.checkpoints().size() + ", not " + checkpoint);
            }
            for (Object[] v : new Object[][] {{"sigma", chosen.sigma()}, {"centers", chosen.centers()},
                {"amplitudes", chosen.amplitudes()}}) {
                if (v[1] == null) {
                    throw new UserError(file + ": checkpoint " + checkpoint + " has no \"" + v[0] + "\"");
                }
            }
            sigma = chosen.sigma();
            centers = chosen.centers();
            amplitudes = chosen.amplitudes();
        } else if (d.checkpoint() != null && d.checkpoints() != null
                && (d.checkpoint() < 1 || d.checkpoint() > d.checkpoints().size())) {
            throw new UserError(file + ": \"checkpoint\" is " + d.checkpoint() + " but the file lists checkpoints 1 to "
                    + d.checkpoints().size());
        }
        if (sigma == null || centers == null || amplitudes == null) {
            throw new UserError(file + ": a model needs \"sigma\" (number), \"centers\" (list of lists) and "
                    + "\"amplitudes\" (list)");
        }
        boolean softmax = d.softmax() == null || d.softmax();
        KernelModel model = model(file, "", sigma, centers, amplitudes, softmax);
        // every listed checkpoint must be a model of the same shape, used or not: a damaged one is
        // found when the file is read, not when someone asks for it
        if (d.checkpoints() != null) {
            for (int j = 0; j < d.checkpoints().size(); j++) {
                Checkpoint c = d.checkpoints().get(j);
                String at = "checkpoints[" + j + "].";
                if (c == null || c.checkpoint() == null || c.checkpoint() != j + 1) {
                    throw new UserError(file + ": checkpoints[" + j + "] must have \"checkpoint\": " + (j + 1));
                }
                if (c.sigma() == null || c.centers() == null || c.amplitudes() == null) {
                    throw new UserError(file + ": checkpoints[" + j + "] needs \"sigma\", \"centers\" and \"amplitudes\"");
                }
                KernelModel m = model(file, at, c.sigma(), c.centers(), c.amplitudes(), softmax);
                if (m.dimension() != model.dimension() || m.kernels() != model.kernels()) {
                    throw new UserError(file + ": checkpoints[" + j + "] has " + m.kernels() + " kernels in " + m.dimension()
                            + " dimensions, the model " + model.kernels() + " in " + model.dimension());
                }
            }
        }
        CoordinateMap map = null;
        if (d.map() != null) {
            try {
                map = CoordinateMap.parse(d.map());
            } catch (IllegalArgumentException e) {
                throw new UserError(file + ": \"map\": " + e.getMessage());
            }
        }
        Projection projection = null;
        if (d.projection() != null) {
            if (d.version() == null || d.version() < 3) {
                throw new UserError(file + ": \"projection\" needs a model file of version 3 or later, this one says "
                        + (d.version() == null ? "none (version 1)" : "version " + d.version()));
            }
            projection = projection(file, d.projection(), model.dimension());
        }
        Spherical spherical = null;
        if (d.spherical() != null) {
            if (d.version() == null || d.version() < VERSION) {
                throw new UserError(file + ": \"spherical\" needs a model file of version " + VERSION
                        + " or later, this one says " + (d.version() == null ? "none (version 1)" : "version " + d.version()));
            }
            if (d.spherical().center() == null || d.spherical().center().length != model.dimension()) {
                throw new UserError(file + ": spherical.center must be a list of " + model.dimension()
                        + " numbers (the model's dimension)");
            }
            try {
                spherical = new Spherical(d.spherical().center());
            } catch (IllegalArgumentException e) {
                throw new UserError(file + ": " + e.getMessage());
            }
        }
        Standardization units = null;
        if (d.standardization() != null) {
            units = standardization(file, d.standardization(), model.dimension());
        }
        if (d.centersInInputUnits() != null) {
            if (units == null && projection == null && spherical == null) {
                throw new UserError(file + ": \"centers_in_input_units\" without \"standardization\", \"projection\" or "
                        + "\"spherical\"");
            }
            if (checkpoint == null) {
                checkCentersInInputUnits(file, d.centersInInputUnits(), model, units, projection, spherical);
            }
        }
        return new ModelFile(model, units, map, projection, spherical);
    }

    /** A usable model from the file's values; {@code at} prefixes the keys in errors ({@code checkpoints[2].}). */
    private static KernelModel model(Path file, String at, double sigma, double[][] centers, double[] amplitudes,
            boolean softmax) {
        for (int i = 0; i < centers.length; i++) {
            if (centers[i] == null) {
                throw new UserError(file + ": " + at + "centers[" + i + "] is not a list");
            }
        }
        // σ so small that 1/(2σ²) overflows would turn every score into NaN
        if (!(sigma > 0) || !Double.isFinite(1.0 / (2 * sigma * sigma))) {
            throw new UserError(file + ": \"" + at + "sigma\" = " + sigma + " is not a usable width (it must be positive, "
                    + "and 1/(2σ²) finite: σ ≥ 1e-154)");
        }
        if (centers.length != amplitudes.length) {
            throw new UserError(file + ": " + (at.isEmpty() ? "" : at.substring(0, at.length() - 1) + ": ") + centers.length
                    + " centres but " + amplitudes.length + " amplitudes");
        }
        try {
            return KernelModel.of(centers, amplitudes, sigma, softmax);
        } catch (IllegalArgumentException e) {
            throw new UserError(file + ": " + (at.isEmpty() ? "" : at.substring(0, at.length() - 1) + ": ") + e.getMessage());
        }
    }

    private static Document parse(Path file) {
        try {
            return Json.MAPPER.readValue(file.toFile(), Document.class);
        } catch (UnrecognizedPropertyException e) {
            throw new UserError(file + ": unknown key \"" + e.getPropertyName() + "\" (at " + where(e) + "); a model has "
                    + "format, version, sigma, centers, amplitudes, softmax, map, projection (mean, axes), spherical (center), "
                    + "standardization (mean, scale), "
                    + "centers_in_input_units, checkpoint and checkpoints");
        } catch (JsonMappingException e) {
            String at = where(e);
            throw new UserError(file + ": " + (at.isEmpty() ? "" : "\"" + at + "\": ") + "not a valid value ("
                    + e.getOriginalMessage().lines().findFirst().orElse("").replaceAll(" \\(class [^)]*\\)", "") + ")");
        } catch (JsonProcessingException e) {
            throw new UserError(file + ": not a valid JSON model file (" + e.getOriginalMessage().lines().findFirst()
                    .orElse("") + ")");
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (IOException e) {
            throw new UserError(file + ": cannot be read (" + IoErrors.describe(e) + ")");
        }
    }

    /** The key path of a binding error, {@code checkpoints[2].sigma}. */
    private static String where(JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }

    private static Standardization standardization(Path file, Units u, int dimension) {
        for (Object[] v : new Object[][] {{"mean", u.mean()}, {"scale", u.scale()}}) {
            if (v[1] == null || ((double[]) v[1]).length != dimension) {
                throw new UserError(file + ": standardization." + v[0] + " must be a list of " + dimension + " numbers");
            }
        }
        try {
            return new Standardization(u.mean(), u.scale());
        } catch (IllegalArgumentException e) {
            throw new UserError(file + ": " + e.getMessage());
        }
    }

    /** Unit, orthogonal axes of the input's dimension, as many as the model has coordinates. */
    private static Projection projection(Path file, Axes a, int dimension) {
        if (a.mean() == null || a.axes() == null) {
            throw new UserError(file + ": projection needs \"mean\" and \"axes\"");
        }
        if (a.axes().length != dimension) {
            throw new UserError(file + ": projection.axes must hold " + dimension + " axes (the model's dimension), "
                    + "it holds " + a.axes().length);
        }
        for (int i = 0; i < a.axes().length; i++) {
            double[] ai = a.axes()[i];
            if (ai == null || ai.length != a.mean().length) {
                throw new UserError(file + ": projection.axes[" + i + "] must hold " + a.mean().length + " numbers, as "
                        + "projection.mean does");
            }
            for (int j = 0; j <= i; j++) {
                double dot = 0;
                for (int k = 0; k < ai.length; k++) {
                    dot += ai[k] * a.axes()[j][k];
                }
                if (!(Math.abs(dot - (i == j ? 1 : 0)) <= 1e-9)) {
                    throw new UserError(file + ": projection.axes[" + i + "] and [" + j + "] must be "
                            + (i == j ? "of unit length" : "orthogonal") + " (their product is " + dot
                            + "); the file was edited: fix or remove it");
                }
            }
        }
        for (double m : a.mean()) {
            if (!Double.isFinite(m)) {
                throw new UserError(file + ": projection.mean holds " + m);
            }
        }
        return new Projection(a.mean(), a.axes());
    }

    /** {@code centers_in_input_units} must be the centres mapped back, to the float rounding of a file. */
    private static void checkCentersInInputUnits(Path file, double[][] input, KernelModel model, Standardization units,
            Projection projection, Spherical spherical) {
        if (input.length != model.kernels()) {
            throw new UserError(file + ": \"centers_in_input_units\" has " + input.length + " rows, the model "
                    + model.kernels() + " centres");
        }
        for (int i = 0; i < input.length; i++) {
            double[] expected = beforeMap(units, projection, spherical, model.center(i));
            if (input[i] == null || input[i].length != expected.length) {
                throw new UserError(file + ": centers_in_input_units[" + i + "] must hold " + expected.length + " numbers");
            }
            for (int k = 0; k < expected.length; k++) {
                if (Math.abs(input[i][k] - expected[k]) > 1e-9 * Math.max(1, Math.abs(expected[k]))) {
                    throw new UserError(file + ": centers_in_input_units[" + i + "][" + k + "] is " + input[i][k]
                            + " but the centre and the "
                            + (spherical != null ? "hyperspherical coordinates" : projection != null ? "projection" : "standardization")
                            + " give " + expected[k]
                            + "; the file was edited: fix or remove it");
                }
            }
        }
    }
}
