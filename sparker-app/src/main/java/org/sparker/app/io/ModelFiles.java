package org.sparker.app.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.sparker.app.UserError;
import org.sparker.app.preprocess.CoordinateMap;
import org.sparker.app.preprocess.Preprocessing;
import org.sparker.app.preprocess.Standardization;
import org.sparker.engine.FloatMatrix;
import org.sparker.engine.KernelModel;

/**
 * The model file: {@code {"sigma": s, "centers": [[...], ...], "amplitudes": [...], "softmax": true}},
 * and for a model trained on standardized inputs {@code "standardization": {"mean": [...],
 * "scale": [...]}} (the model's centres and σ are in standardized units; scoring applies the same
 * change of units first) with the centres back in the input's units beside them.
 */
public final class ModelFiles {

    /**
     * A model and what its inputs go through first: a coordinate map ({@code "map"}, e.g.
     * {@code phi}; {@code null} for none), then a standardization (or none).
     */
    public record ModelFile(KernelModel model, Standardization standardization, CoordinateMap map) {

        /** {@code x} in the model's units: mapped, then standardized. */
        public FloatMatrix toModelUnits(FloatMatrix x, String what) {
            return preprocessing().apply(x, what);
        }

        /** The preprocessing recorded with the model. */
        public Preprocessing.Fitted preprocessing() {
            return new Preprocessing.Fitted(map, standardization);
        }
    }

    private ModelFiles() {
    }

    public static Map<String, Object> toJson(KernelModel model, Standardization standardization) {
        return toJson(model, standardization, null);
    }

    public static Map<String, Object> toJson(KernelModel model, Standardization standardization, CoordinateMap map) {
        Map<String, Object> m = toJson(model);
        if (map != null) {
            m.put("map", map.name());
        }
        if (standardization != null) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("mean", standardization.mean());
            s.put("scale", standardization.scale());
            m.put("standardization", s);
            double[][] input = new double[model.kernels()][];
            for (int i = 0; i < model.kernels(); i++) {
                input[i] = standardization.toInputUnits(model.center(i));
            }
            m.put("centers_in_input_units", input);
        }
        return m;
    }

    public static Map<String, Object> toJson(KernelModel model) {
        double[][] centers = new double[model.kernels()][];
        for (int i = 0; i < model.kernels(); i++) {
            centers[i] = model.center(i);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sigma", model.width());
        m.put("centers", centers);
        m.put("amplitudes", model.amplitudes());
        m.put("softmax", model.softmax());
        return m;
    }

    public static void write(Path file, KernelModel model, Standardization standardization) {
        OutputFiles.writeJson(file, toJson(model, standardization));
    }

    /** Strict JSON: no duplicate keys, nothing after the object. */
    private static final com.fasterxml.jackson.databind.ObjectMapper STRICT = new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** The keys a model file may have. */
    private static final java.util.Set<String> KEYS = java.util.Set.of("sigma", "centers", "amplitudes", "softmax",
            "standardization", "centers_in_input_units", "map", "checkpoint", "checkpoints");

    public static ModelFile read(Path file) {
        return read(file, null);
    }

    /**
     * The model of checkpoint {@code checkpoint} (from 1) of a file that lists every checkpoint's
     * model ({@code "checkpoints"}, as {@code run} writes), or the file's own model when
     * {@code checkpoint} is null.
     */
    public static ModelFile read(Path file, Integer checkpoint) {
        JsonNode n;
        try {
            n = STRICT.readTree(Files.readString(file));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (IOException e) {
            throw new UserError(file + ": not a valid JSON model file (" + e.getMessage().lines().findFirst().orElse("")
                    + ")");
        }
        if (n == null || !n.isObject()) {
            throw new UserError(file + ": a model file is one JSON object");
        }
        if (checkpoint != null) {
            JsonNode all = n.get("checkpoints");
            if (all == null || !all.isArray()) {
                throw new UserError(file + ": has no \"checkpoints\" list to choose checkpoint " + checkpoint
                        + " from (run writes one)");
            }
            JsonNode chosen = null;
            for (JsonNode c : all) {
                if (c.path("checkpoint").asInt(-1) == checkpoint) {
                    chosen = c;
                }
            }
            if (chosen == null) {
                throw new UserError(file + ": has checkpoints 1 to " + all.size() + ", not " + checkpoint);
            }
            com.fasterxml.jackson.databind.node.ObjectNode one = ((com.fasterxml.jackson.databind.node.ObjectNode) n).deepCopy();
            one.remove("checkpoints");
            one.remove("centers_in_input_units");
            for (String key : new String[] {"sigma", "centers", "amplitudes"}) {
                if (!chosen.has(key)) {
                    throw new UserError(file + ": checkpoint " + checkpoint + " has no \"" + key + "\"");
                }
                one.set(key, chosen.get(key));
            }
            one.put("checkpoint", checkpoint);
            n = one;
        }
        for (var it = n.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new UserError(file + ": unknown key \"" + key + "\"; a model has " + String.join(", ",
                        new java.util.TreeSet<>(KEYS)));
            }
        }
        JsonNode sigma = n.get("sigma");
        JsonNode centers = n.get("centers");
        JsonNode amplitudes = n.get("amplitudes");
        if (sigma == null || !sigma.isNumber() || centers == null || !centers.isArray() || amplitudes == null
                || !amplitudes.isArray()) {
            throw new UserError(file + ": a model needs \"sigma\" (number), \"centers\" (list of lists) and "
                    + "\"amplitudes\" (list)");
        }
        double[][] c = new double[centers.size()][];
        for (int i = 0; i < c.length; i++) {
            JsonNode row = centers.get(i);
            if (!row.isArray()) {
                throw new UserError(file + ": centers[" + i + "] is not a list");
            }
            c[i] = new double[row.size()];
            for (int k = 0; k < c[i].length; k++) {
                if (!row.get(k).isNumber()) {
                    throw new UserError(file + ": centers[" + i + "][" + k + "] is not a number");
                }
                c[i][k] = row.get(k).asDouble();
            }
        }
        double[] a = new double[amplitudes.size()];
        for (int i = 0; i < a.length; i++) {
            if (!amplitudes.get(i).isNumber()) {
                throw new UserError(file + ": amplitudes[" + i + "] is not a number");
            }
            a[i] = amplitudes.get(i).asDouble();
        }
        JsonNode sm = n.get("softmax");
        if (sm != null && !sm.isBoolean()) {
            throw new UserError(file + ": \"softmax\" must be true or false, got " + sm);
        }
        boolean softmax = sm == null || sm.booleanValue();
        double s = sigma.asDouble();
        // σ so small that 1/(2σ²) overflows would turn every score into NaN
        if (!(s > 0) || !Double.isFinite(1.0 / (2 * s * s))) {
            throw new UserError(file + ": \"sigma\" = " + sigma + " is not a usable width (it must be positive, and "
                    + "1/(2σ²) finite: σ ≥ 1e-154)");
        }
        if (c.length != a.length) {
            throw new UserError(file + ": " + c.length + " centres but " + a.length + " amplitudes");
        }
        KernelModel model;
        try {
            model = KernelModel.of(c, a, sigma.asDouble(), softmax);
        } catch (IllegalArgumentException e) {
            throw new UserError(file + ": " + e.getMessage());
        }
        CoordinateMap map = null;
        if (n.has("map")) {
            if (!n.get("map").isTextual()) {
                throw new UserError(file + ": \"map\" must be a string such as \"phi\"");
            }
            try {
                map = CoordinateMap.parse(n.get("map").asText());
            } catch (IllegalArgumentException e) {
                throw new UserError(file + ": \"map\": " + e.getMessage());
            }
        }
        return new ModelFile(model, readStandardization(file, n.get("standardization"), model.dimension()), map);
    }

    private static Standardization readStandardization(Path file, JsonNode s, int dimension) {
        if (s == null || s.isNull()) {
            return null;
        }
        double[] mean = numbers(file, "standardization.mean", s.get("mean"), dimension);
        double[] scale = numbers(file, "standardization.scale", s.get("scale"), dimension);
        try {
            return new Standardization(mean, scale);
        } catch (IllegalArgumentException e) {
            throw new UserError(file + ": " + e.getMessage());
        }
    }

    private static double[] numbers(Path file, String what, JsonNode list, int n) {
        if (list == null || !list.isArray() || list.size() != n) {
            throw new UserError(file + ": " + what + " must be a list of " + n + " numbers");
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            if (!list.get(i).isNumber()) {
                throw new UserError(file + ": " + what + "[" + i + "] is not a number");
            }
            v[i] = list.get(i).asDouble();
        }
        return v;
    }
}
